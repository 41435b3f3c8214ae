"""Score predicted quotation units (quotes.csv) against hand-annotated gold units (JSONL).

Backs ``quotes evaluate GOLD.jsonl OUT/quotes.csv``: unit matching by token-bag F1, precision,
recall by kind, attribution accuracy and grouping of statement variants (pairwise and B-cubed).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from math import comb
from pathlib import Path

import pandas as pd

from quotes.schema import QUOTE_COLUMNS, QUOTED_KINDS

#: A predicted and a gold unit match when the token-bag F1 of their texts reaches this.
MATCH_THRESHOLD = 0.5
#: ... and an unmatched gold unit with this share of its tokens inside a matched prediction also counts as recalled
#: (../shared/README.md, scoring rules: a prediction joining “A,” she said. “B.” recalls both gold halves).
COVERED_SHARE = 0.8

SPEAKER_MODES = ("auto", "registry", "name")
_REGISTRY_ID = re.compile(r"^[a-z0-9_-]+$")
_TOKEN = re.compile(r"[^\W_]+")
_ALPHA_TOKEN = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)
#: Name suffixes that are never the surname ("Martin Luther King Jr." -> "king").
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})
#: Function words skipped when taking the last content token of a speaker ("the Whitfield campaign").
_FUNCTION_WORDS = frozenset(
    "a an the of for to in on at by from with and or its his her their our my your s".split()
)

GOLD_COLUMNS = ["article", "kind", "speaker", "statement", "text", "also", "optional", "parts", "speaker_heads"]
_TRUNCATE = 160


@dataclass
class Scores:
    """Figures of one evaluation plus the individual errors behind them."""

    n_pred: int
    n_gold: int
    n_matched: int
    precision: float
    recall: float
    recall_quoted: float | None
    recall_indirect: float | None
    attribution: float | None
    n_attr: int
    grouping_precision: float | None
    grouping_recall: float | None
    grouping_f1: float | None
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    wrong_speakers: list[dict] = field(default_factory=list)
    n_gold_quoted: int = 0
    n_gold_indirect: int = 0
    speaker_mode: str = "registry"
    n_ignored_pred_articles: int = 0
    n_missing_articles: int = 0
    n_covered: int = 0  # gold units recalled inside a joined prediction (see ``_inside_any``)
    bcubed_precision: float | None = None
    bcubed_recall: float | None = None
    bcubed_f1: float | None = None

    @property
    def f1(self) -> float:
        """Harmonic mean of unit precision and overall recall."""
        return _f1(self.precision, self.recall) or 0.0


def tokens(text: str) -> list[str]:
    """Lower-cased runs of letters and digits: the units of text comparison."""
    return _TOKEN.findall(text.lower())


def token_f1(a: str, b: str) -> float:
    """Multiset (bag-of-tokens) overlap F1 between two texts; 0.0 when either has no token."""
    return _bag_f1(Counter(tokens(a)), Counter(tokens(b)))


def _bag_f1(a: Counter, b: Counter) -> float:
    n_a, n_b = a.total(), b.total()
    if not n_a or not n_b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    overlap = sum(min(count, large[tok]) for tok, count in small.items() if tok in large)
    return 2 * overlap / (n_a + n_b)


def _missing(value: object) -> bool:
    """None or NaN: what pandas puts in a field a row did not have."""
    return value is None or (isinstance(value, float) and value != value)


def load_gold(path_or_df: str | Path | pd.DataFrame) -> pd.DataFrame:
    """Read gold units from JSONL (or take their DataFrame), filling the optional fields (also, optional, parts, speaker_heads)."""
    if isinstance(path_or_df, pd.DataFrame):
        rows = path_or_df.to_dict("records")
    else:
        text = Path(path_or_df).read_text(encoding="utf-8")
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    gold = pd.DataFrame(rows, columns=GOLD_COLUMNS)
    for column in ("article", "kind", "speaker", "statement", "text"):
        gold[column] = ["" if _missing(v) else str(v) for v in gold[column]]
    for column in ("also", "parts", "speaker_heads"):
        gold[column] = [list(v) if isinstance(v, list) else [] for v in gold[column]]
    gold["optional"] = [False if _missing(v) else bool(v) for v in gold["optional"]]
    return gold


def load_predictions(path_or_df: str | Path | pd.DataFrame) -> pd.DataFrame:
    """Read a quotes.csv (or take its DataFrame) as strings, adding any missing schema column as ''."""
    if isinstance(path_or_df, pd.DataFrame):
        pred = path_or_df.copy()
    else:
        pred = pd.read_csv(path_or_df, dtype=str, keep_default_na=False)
    for column in QUOTE_COLUMNS:
        pred[column] = ["" if _missing(v) else str(v) for v in pred[column]] if column in pred.columns else ""
    return pred


def detect_speaker_mode(gold: pd.DataFrame) -> str:
    """'registry' when every non-empty gold speaker looks like an id (``^[a-z0-9_-]+$``), else 'name'."""
    speakers = [s for s in gold["speaker"] if s]
    return "registry" if all(_REGISTRY_ID.match(s) for s in speakers) else "name"


def speaker_head(name: str) -> str:
    """Last content token of a speaker name: its surname, or the head of a group ("the Whitfield campaign")."""
    words = _ALPHA_TOKEN.findall(_POSSESSIVE.sub("", name).lower())
    content = [w for w in words if w not in _NAME_SUFFIXES and w not in _FUNCTION_WORDS]
    return content[-1] if content else ""


def speaker_correct(
    pred_speaker_id: str, pred_speaker: str, gold_speaker: str, mode: str, gold_heads: list[str] | None = None
) -> bool:
    """Whether a predicted attribution agrees with the gold speaker under the given mode.

    In name mode the prediction is right when one of the gold ``speaker_heads`` (or, without them, the
    gold name's last content word) is among the words of the predicted name: "The Whitfield campaign"
    (head "campaign") is not "Dana Whitfield", and "Ana Ruiz, a Democrat" (head "ruiz") is "Ruiz".
    """
    if mode == "registry":
        return bool(pred_speaker_id) and pred_speaker_id == gold_speaker
    name = pred_speaker or pred_speaker_id.replace("-", " ").replace("_", " ")
    predicted = set(tokens(name))
    heads = [tokens(head) for head in (gold_heads or [])]
    heads = [words for words in heads if words] or [[speaker_head(gold_speaker)]]
    return any(words[0] and set(words) <= predicted for words in heads)


def _match_article(gold_bags: list[Counter], pred_bags: list[Counter]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) index pairs with F1 >= threshold, best pair first, ties by index."""
    gold_sizes = [bag.total() for bag in gold_bags]
    pred_sizes = [bag.total() for bag in pred_bags]
    candidates = []
    for gi, gold_bag in enumerate(gold_bags):
        for pi, pred_bag in enumerate(pred_bags):
            small, large = sorted((gold_sizes[gi], pred_sizes[pi]))
            if not small or small * (2 - MATCH_THRESHOLD) < MATCH_THRESHOLD * large:
                continue  # even a full overlap could not reach the threshold
            f1 = _bag_f1(gold_bag, pred_bag)
            if f1 >= MATCH_THRESHOLD:
                candidates.append((-f1, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _inside_any(gold_bag: Counter, pred_bags: list[Counter]) -> bool:
    """Whether at least COVERED_SHARE of a gold unit's tokens lie inside one of the given predicted units.

    The scoring rule for a gold that splits “A,” she said. “B.” into two units where a prediction joins them:
    the unit the joined prediction was not matched to still counts as recalled (not for attribution or grouping).
    """
    size = gold_bag.total()
    return bool(size) and any(
        sum(min(count, bag[tok]) for tok, count in gold_bag.items()) >= COVERED_SHARE * size for bag in pred_bags
    )


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _grouping(matched: list[tuple[dict, dict]]) -> tuple[float | None, float | None, float | None]:
    """Pairwise precision/recall/F1 of predicted statement groups over matched gold units.

    Pairs of units with different gold statements linked only through ``also`` are left out.
    """
    gold_together = sum(comb(n, 2) for n in Counter(g["statement"] for g, _ in matched).values())
    pred_groups = Counter(p["statement"] for _, p in matched if p["statement"])
    pred_together = sum(comb(n, 2) for n in pred_groups.values())
    both = Counter((g["statement"], p["statement"]) for g, p in matched if p["statement"])
    true_pairs = sum(comb(n, 2) for n in both.values())
    by_statement: dict[str, list[int]] = {}
    for i, (g, _) in enumerate(matched):
        by_statement.setdefault(g["statement"], []).append(i)
    ignored: set[tuple[int, int]] = set()
    for i, (g, _) in enumerate(matched):
        for linked in g["also"]:
            if linked == g["statement"]:
                continue
            for j in by_statement.get(linked, []):
                ignored.add((min(i, j), max(i, j)))
    for i, j in ignored:
        pred_i, pred_j = matched[i][1]["statement"], matched[j][1]["statement"]
        if pred_i and pred_i == pred_j:
            pred_together -= 1
    precision, recall = _ratio(true_pairs, pred_together), _ratio(true_pairs, gold_together)
    return precision, recall, _f1(precision, recall)


def _bcubed(matched: list[tuple[dict, dict]]) -> tuple[float | None, float | None, float | None]:
    """B-cubed precision/recall/F1 of predicted statements over matched gold units (Bagga & Baldwin 1998).

    Per unit: precision is the share of its predicted statement (itself included) that may share it, recall the
    share of its gold statement that its predicted statement holds; both are averaged over units. A unit whose
    gold ``also`` names a second statement may share a predicted statement with that statement's units (and
    they with it) without lowering precision, as the pairwise score leaves such pairs out; recall asks only for
    the unit's own gold statement. A unit without a predicted statement is alone in its group.
    """
    if not matched:
        return None, None, None
    gold_of = [g["statement"] for g, _ in matched]
    also_of = [set(g["also"]) - {g["statement"]} for g, _ in matched]
    pred_of = [p["statement"] or f"\0unit-{i}" for i, (_, p) in enumerate(matched)]
    pred_members: dict[str, list[int]] = {}
    for i, label in enumerate(pred_of):
        pred_members.setdefault(label, []).append(i)
    gold_size = Counter(gold_of)
    precision = recall = 0.0
    for i in range(len(matched)):
        group = pred_members[pred_of[i]]
        allowed = sum(gold_of[j] == gold_of[i] or gold_of[j] in also_of[i] or gold_of[i] in also_of[j] for j in group)
        precision += allowed / len(group)
        recall += sum(gold_of[j] == gold_of[i] for j in group) / gold_size[gold_of[i]]
    precision, recall = precision / len(matched), recall / len(matched)
    return precision, recall, _f1(precision, recall)


def score(gold: pd.DataFrame, pred: pd.DataFrame, speaker_mode: str = "auto") -> Scores:
    """Match predictions to gold within each article and compute the evaluation figures."""
    if speaker_mode not in SPEAKER_MODES:
        raise ValueError(f"speaker_mode must be one of {SPEAKER_MODES}, not {speaker_mode!r}")
    gold, pred = load_gold(gold), load_predictions(pred)
    mode = detect_speaker_mode(gold) if speaker_mode == "auto" else speaker_mode
    gold_by_article: dict[str, list[dict]] = {}
    for row in gold.to_dict("records"):
        gold_by_article.setdefault(row["article"], []).append(row)
    pred_by_article: dict[str, list[dict]] = {}
    for row in pred.to_dict("records"):
        pred_by_article.setdefault(row["article"], []).append(row)

    matched: list[tuple[dict, dict]] = []
    covered: list[dict] = []  # gold units recalled inside a prediction that joins them to a matched one
    misses: list[dict] = []
    false_positives: list[dict] = []
    n_pred = 0
    for article, gold_rows in gold_by_article.items():
        pred_rows = pred_by_article.get(article, [])
        pairs = _match_article(
            [Counter(tokens(g["text"])) for g in gold_rows], [Counter(tokens(p["quote"])) for p in pred_rows]
        )
        gold_to_pred = dict(pairs)
        matched_preds = set(gold_to_pred.values())
        matched_bags = [Counter(tokens(pred_rows[pi]["quote"])) for pi in sorted(matched_preds)]
        n_pred += sum(1 for gi, _ in pairs if not gold_rows[gi]["optional"])
        for gi, g in enumerate(gold_rows):
            if g["optional"]:
                continue
            if gi in gold_to_pred:
                matched.append((g, pred_rows[gold_to_pred[gi]]))
            elif _inside_any(Counter(tokens(g["text"])), matched_bags):
                covered.append(g)
            else:
                misses.append({"article": article, "kind": g["kind"], "speaker": g["speaker"], "text": g["text"]})
        for pi, p in enumerate(pred_rows):
            if pi not in matched_preds:
                n_pred += 1
                false_positives.append(
                    {"article": article, "kind": p["kind"], "speaker": p["speaker"] or p["speaker_id"], "quote": p["quote"]}
                )

    required = [g for rows in gold_by_article.values() for g in rows if not g["optional"]]
    n_quoted = sum(g["kind"] in QUOTED_KINDS for g in required)
    n_indirect = sum(g["kind"] == "indirect" for g in required)
    recalled = [g for g, _ in matched] + covered
    hit_quoted = sum(g["kind"] in QUOTED_KINDS for g in recalled)
    hit_indirect = sum(g["kind"] == "indirect" for g in recalled)

    wrong_speakers = []
    attributable = [(g, p) for g, p in matched if g["speaker"]]
    for g, p in attributable:
        if not speaker_correct(p["speaker_id"], p["speaker"], g["speaker"], mode, g["speaker_heads"]):
            wrong_speakers.append(
                {
                    "article": g["article"], "kind": g["kind"], "gold_speaker": g["speaker"],
                    "pred_speaker": p["speaker"], "pred_speaker_id": p["speaker_id"], "text": g["text"],
                }
            )

    has_statements = bool((pred["statement"] != "").any())
    grouping = _grouping(matched) if has_statements else (None, None, None)
    bcubed = _bcubed(matched) if has_statements else (None, None, None)
    return Scores(
        n_pred=n_pred,
        n_gold=len(required),
        n_matched=len(matched),
        n_covered=len(covered),
        precision=_ratio(len(matched), n_pred) or 0.0,
        recall=_ratio(len(recalled), len(required)) or 0.0,
        recall_quoted=_ratio(hit_quoted, n_quoted),
        recall_indirect=_ratio(hit_indirect, n_indirect),
        attribution=_ratio(len(attributable) - len(wrong_speakers), len(attributable)),
        n_attr=len(attributable),
        grouping_precision=grouping[0],
        grouping_recall=grouping[1],
        grouping_f1=grouping[2],
        misses=misses,
        false_positives=false_positives,
        wrong_speakers=wrong_speakers,
        n_gold_quoted=n_quoted,
        n_gold_indirect=n_indirect,
        speaker_mode=mode,
        n_ignored_pred_articles=len(set(pred_by_article) - set(gold_by_article)),
        n_missing_articles=len(set(gold_by_article) - set(pred_by_article)),
        bcubed_precision=bcubed[0],
        bcubed_recall=bcubed[1],
        bcubed_f1=bcubed[2],
    )


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _clip(text: str) -> str:
    """One indented line of at most ~160 characters."""
    text = " ".join(text.split())
    return "  " + (text if len(text) <= _TRUNCATE else text[: _TRUNCATE - 1] + "…")


def format_report(scores: Scores, show: bool = False) -> str:
    """A compact table of the figures; with ``show``, also each miss, false positive and wrong speaker."""
    s = scores
    lines = [
        f"units        predicted {s.n_pred}  gold {s.n_gold}  matched {s.n_matched}"
        + (f" (+{s.n_covered} inside a joined prediction)" if s.n_covered else ""),
        f"precision    {_fmt(s.precision)}",
        f"recall       {_fmt(s.recall)}   F1 {_fmt(s.f1)}",
        f"  quoted     {_fmt(s.recall_quoted)}   ({s.n_gold_quoted} gold: direct, partial, block)",
        f"  indirect   {_fmt(s.recall_indirect)}   ({s.n_gold_indirect} gold)",
        f"attribution  {_fmt(s.attribution)}   ({s.n_attr} matched units with a gold speaker; {s.speaker_mode} mode)",
        f"grouping     P {_fmt(s.grouping_precision)}  R {_fmt(s.grouping_recall)}  F1 {_fmt(s.grouping_f1)}   (pairwise)",
        f"             P {_fmt(s.bcubed_precision)}  R {_fmt(s.bcubed_recall)}  F1 {_fmt(s.bcubed_f1)}   (B-cubed)",
    ]
    if s.n_missing_articles:
        lines.append(f"note: {s.n_missing_articles} gold article(s) without any prediction (counted as missed)")
    if s.n_ignored_pred_articles:
        lines.append(f"note: {s.n_ignored_pred_articles} predicted article(s) not in gold (ignored)")
    if show:
        lines.append(f"\nmisses ({len(s.misses)}):")
        lines += [_clip(f"[{m['kind']}] {m['speaker'] or '-'}: {m['text']}  ({m['article']})") for m in s.misses]
        lines.append(f"\nfalse positives ({len(s.false_positives)}):")
        lines += [
            _clip(f"[{fp['kind']}] {fp['speaker'] or '-'}: {fp['quote']}  ({fp['article']})")
            for fp in s.false_positives
        ]
        lines.append(f"\nwrong speakers ({len(s.wrong_speakers)}):")
        lines += [
            _clip(f"gold {w['gold_speaker']} / predicted {w['pred_speaker'] or w['pred_speaker_id'] or '-'}: {w['text']}")
            for w in s.wrong_speakers
        ]
    return "\n".join(lines)
