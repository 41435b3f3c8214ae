"""Reconcile quotation units into statements: one row per remark, with how each outlet worded it.

Outlets quote one remark in different words (translations, paraphrase, fragments). Units are blocked
by speaker and scored on content-word stems weighted by rarity (fragments by containment; a long unit
joining two remarks by its first half), each unit keeping its best partners only. Clear matches are
merged best-first, at most one unit per article per statement unless one is a fragment of the other.
Articles sharing two such statements cover one event; between them weaker evidence counts too: mutual
best matches, and the order of each speaker's quotes (wire copies keep it). A cross-speaker MinHash
pass finds the same words given to different speakers (and groups quotes of unknown speakers).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import combinations

import numpy as np
import pandas as pd
import snowballstemmer
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein
from scipy import sparse

from quotes import schema

#: Best-first merging stops below this pair score (the ``threshold`` argument overrides it).
DEFAULT_THRESHOLD = 0.45
#: Score added per neighbouring quote (previous/next of the same speaker) already in one statement.
ORDER_BONUS = 0.2
#: A pair needs at least this much lexical support before its order bonus counts.
ORDER_FLOOR = 0.12
#: Cross-speaker pairs at least this similar are "the same words" (speaker_conflict, unknown speakers).
NEAR_DUPLICATE = 0.75
#: Stems carried by more units of one speaker than this are that speaker's stop words (keeps blocks sparse).
MAX_POSTING = 400
#: Pairs scoring below this are not kept at all (weaker links serve only the mutual-best and order passes).
LINK_FLOOR = 0.2
#: Each unit keeps at most this many best-scoring partners, so big speaker blocks stay near-linear.
MAX_PARTNERS = 24
#: Units of at least this many words are checked for joining two remarks; each half must match this well.
LONG_UNIT_TOKENS, MERGED_HALF = 24, 0.3
#: ... and the two remarks it joins must be full quotes of at least this many words (not fragments).
FULL_REMARK_TOKENS = 8
#: Mutual best matches between two articles' quotes of one speaker are linked from this score up.
MUTUAL_FLOOR = 0.3
#: Articles sharing this many clearly matched statements cover one event: weaker links count between them.
MIN_SHARED_STATEMENTS = 2
#: Weight of the cosine similarity in semantic mode, and the cosine mapped to 0 and 1.
SEMANTIC_WEIGHT, SEMANTIC_LOW, SEMANTIC_HIGH = 0.6, 0.35, 0.85

UNKNOWN = "unknown"
FLAG_WORDING, FLAG_SPEAKER = "wording_differs", "speaker_conflict"
FLAG_FRAGMENT, FLAG_INDIRECT = "fragment_only", "indirect_only"

#: Closed-class English words that carry no meaning of their own. Negations, quantifiers and
#: comparatives are deliberately absent: "no longer", "more than" and "never" change a remark.
FUNCTION_WORDS = frozenset("""
a an the this that these those there here it its it's they them their theirs we us our ours you your
yours he him his she her hers i me my mine one ones itself themselves ourselves himself herself myself
and or but so yet if then than because as while whether though although since until unless
of in on at by for with from to into onto about over under between through during after before
upon within without against among across along around toward towards via per
is are was were be been being am do does did done doing have has had having will would shall should
can could may might must 's s t d ll re ve m also just even still only very quite rather really
who whom whose which what when where why how such same own other another each both either
""".split())

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "ʼ": "'", "′": "'"})
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")
#: British/American spelling pairs mapped to one form, so they are not a change of wording.
_SPELLING = [
    (re.compile(r"(?<=\w\w)ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w\w)is(e|ed|es|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w\w\w)our(s|ed|ing|able|ably|ite|ites|er|ers)?$"), r"or\1"),
    (re.compile(r"(?<=\w\w)tre(s)?$"), r"ter\1"),
    (re.compile(r"(fen|cen|ten)ce(s)?$"), r"\1se\2"),
    (re.compile(r"(?<=\w\w)ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=\w\w)ell(ed|ing|er|ers|or|ors)$"), r"el\1"),
    (re.compile(r"(?<=\w\w)mme(s)?$"), r"m\1"),
]
_STEMMER = snowballstemmer.stemmer("english")


@dataclass
class Reconciled:
    """The reconciler's tables: units with ``statement`` filled, statements, and the outlet comparison.

    ``compare`` (statements x outlets) is built on first access from the long ``wordings`` table
    (statement, column, wording), since it is huge for corpora of thousands of articles.
    """

    units: pd.DataFrame
    statements: pd.DataFrame
    wordings: pd.DataFrame

    @cached_property
    def compare(self) -> pd.DataFrame:
        columns = list(dict.fromkeys(self.wordings["column"]))
        wide = self.wordings.pivot(index="statement", columns="column", values="wording").reindex(columns=columns)
        head = self.statements.set_index("statement")[["speaker", "text"]]
        table = head.join(wide.fillna("")).reset_index()
        return table[["statement", "speaker", "text", *columns]]


@dataclass
class _Features:
    """Per-unit text features (positions follow the stable order of the prepared frame)."""

    tokens: list[list[str]]
    stems: list[frozenset[str]]
    norm: list[str]
    idf: dict[str, float]
    quoted: np.ndarray
    kind: list[str] = field(default_factory=list)
    matrix: sparse.csr_matrix | None = None
    embeddings: np.ndarray | None = None
    stem_weight: list[float] = field(default_factory=list)


@lru_cache(maxsize=200_000)
def _canonical_token(token: str) -> str:
    """A lower-cased token with possessive dropped and British spelling mapped to one form."""
    token = token.removesuffix("'s")
    token = token.replace("'", "")
    for pattern, replacement in _SPELLING:
        token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    return _STEMMER.stemWord(token)


def tokenize(text: str) -> list[str]:
    """Words of a quote, normalised so case, accents, apostrophes, hyphens and spelling variants agree."""
    return list(_tokenize(str(text)))


@lru_cache(maxsize=100_000)
def _tokenize(text: str) -> tuple[str, ...]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.replace("`", "'").casefold()
    text = _HYPHEN_IN_WORD.sub("", text)
    tokens = (_canonical_token(tok) for tok in _TOKEN.findall(text))
    return tuple(tok for tok in tokens if tok)


def content_stems(tokens: list[str]) -> frozenset[str]:
    """Stems of the meaning-bearing words of a token list."""
    return frozenset(_stem(tok) for tok in tokens if tok not in FUNCTION_WORDS)


# --------------------------------------------------------------------------- preparation

def _stable_order(units: pd.DataFrame) -> np.ndarray:
    """Row positions sorted by (published, article, start, quote): independent of the input row order."""
    start = pd.to_numeric(units["start"], errors="coerce")
    within = units.groupby("article", sort=False).cumcount()  # row order is the last resort for missing offsets
    key = pd.DataFrame({
        "published": units["published"].to_numpy(),
        "article": units["article"].to_numpy(),
        "start": start.fillna(within).to_numpy(),
        "quote": units["quote"].astype(str).to_numpy(),
        "speaker": units["speaker_id"].astype(str).to_numpy(),
    })
    return key.sort_values(list(key.columns), kind="stable").index.to_numpy()


def _prepare(units: pd.DataFrame) -> pd.DataFrame:
    """Copy with every schema column present, strings filled, sorted into the stable order."""
    frame = units.copy().reset_index(drop=True)
    for column in schema.QUOTE_COLUMNS:
        if column not in frame:
            frame[column] = "" if column not in ("start", "end") else np.nan
    for column in ("article", "outlet", "published", "speaker_id", "speaker", "quote", "kind"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["_row"] = np.arange(len(frame))
    return frame.iloc[_stable_order(frame)].reset_index(drop=True)


def _features(frame: pd.DataFrame, semantic: bool) -> _Features:
    tokens = [tokenize(text) for text in frame["quote"]]
    stems = [content_stems(toks) for toks in tokens]
    df: dict[str, int] = defaultdict(int)
    for stem_set in stems:
        for stem in stem_set:
            df[stem] += 1
    n = len(stems)
    # columns in sorted stem order, not set order: the same input gives the same statements in every process
    # (set order follows Python's per-process string hashing, and the MinHash and float sums follow columns)
    idf = {stem: math.log((n + 1) / (count + 1)) + 1.0 for stem, count in sorted(df.items())}
    ordered = [sorted(stem_set) for stem_set in stems]
    feats = _Features(
        tokens=tokens, stems=stems, norm=[" ".join(toks) for toks in tokens], idf=idf,
        quoted=frame["kind"].isin(schema.QUOTED_KINDS).to_numpy(), kind=frame["kind"].tolist(),
    )
    feats.stem_weight = [math.fsum(idf[s] for s in stem_list) for stem_list in ordered]
    column = {stem: k for k, stem in enumerate(idf)}
    indptr = np.cumsum([0] + [len(stem_list) for stem_list in ordered])
    indices = np.fromiter((column[s] for stem_list in ordered for s in stem_list), dtype=np.int64, count=indptr[-1])
    data = np.fromiter((idf[s] for stem_list in ordered for s in stem_list), dtype=np.float64, count=indptr[-1])
    feats.matrix = sparse.csr_matrix((data, indices, indptr), shape=(n, len(column)))
    if semantic:
        from quotes import embeddings  # lazy: torch is an optional extra
        feats.embeddings = embeddings.embed(list(frame["quote"]))
    return feats


# --------------------------------------------------------------------------- similarity

def is_fragment_of(short: str, long: str) -> bool:
    """True when the normalised words of ``short`` appear as one run inside ``long``."""
    return bool(short) and f" {short} " in f" {long} "


def lexical_similarity(feats: _Features, i: int, j: int) -> tuple[float, bool]:
    """Similarity of two units in [0, 1] from rarity-weighted shared stems; True when one is a fragment of the other."""
    a, b = feats.stems[i], feats.stems[j]
    short, long = (i, j) if len(feats.norm[i]) <= len(feats.norm[j]) else (j, i)
    if feats.stems[short] and len(feats.tokens[short]) >= 2 and is_fragment_of(feats.norm[short], feats.norm[long]):
        return 1.0, True
    shared = a & b
    if not shared:
        return 0.0, False
    score, _ = _pair_values(math.fsum(feats.idf[s] for s in shared), len(shared), feats.stem_weight[i], feats.stem_weight[j])
    return float(score), False


def _surface_similarity(feats: _Features, i: int, j: int) -> float:
    """Character-level similarity of the whole wording (function words included), in [0, 1]."""
    return fuzz.ratio(feats.norm[i], feats.norm[j]) / 100.0


def _semantic_score(feats: _Features, i: int, j: int) -> float:
    cosine = float(feats.embeddings[i] @ feats.embeddings[j])
    return min(1.0, max(0.0, (cosine - SEMANTIC_LOW) / (SEMANTIC_HIGH - SEMANTIC_LOW)))


def _pair_score(feats: _Features, i: int, j: int) -> tuple[float, bool]:
    lexical, fragment = lexical_similarity(feats, i, j)
    if feats.embeddings is None or fragment:
        return lexical, fragment
    semantic = _semantic_score(feats, i, j)
    return max(lexical, SEMANTIC_WEIGHT * semantic + (1 - SEMANTIC_WEIGHT) * lexical), False


# --------------------------------------------------------------------------- clustering within a speaker

class _Clusters:
    """Union-find over unit positions that keeps, per cluster, the articles it holds (one unit each)."""

    def __init__(self, members: list[int], article_of: np.ndarray):
        self.article_of = article_of
        self.parent = {m: m for m in members}
        self.articles = {m: {article_of[m]} for m in members}
        self.members = {m: [m] for m in members}

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def articles_overlap(self, x: int, y: int) -> set:
        return self.articles[self.find(x)] & self.articles[self.find(y)]

    def merge(self, x: int, y: int, allow_same_article: bool) -> bool:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        if not allow_same_article and self.articles[rx] & self.articles[ry]:
            return False
        if len(self.members[rx]) < len(self.members[ry]):
            rx, ry = ry, rx
        self.parent[ry] = rx
        self.members[rx] += self.members.pop(ry)
        self.articles[rx] |= self.articles.pop(ry)
        return True


def _pair_values(mass: np.ndarray, n_shared: np.ndarray, wa: np.ndarray, wb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The lexical score of unit pairs (arrays or scalars) from the idf mass and number of the stems they share and
    their own idf totals; also whether the shorter one's stems are all shared."""
    dice = 2 * mass / np.maximum(wa + wb, 1e-9)
    containment = mass / np.maximum(np.minimum(wa, wb), 1e-9)
    # containment alone over-rewards a short quote; dice alone under-rewards fragments; and one shared word is
    # no evidence that a short quote sits inside a long one
    return np.where(n_shared >= 2, 0.5 * (dice + containment), dice), containment >= 0.999


def _top_k(rows: np.ndarray, cols: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """Mask of the pairs among each unit's ``k`` best partners (either side), so big blocks stay linear."""
    both = np.concatenate([rows, cols])
    order = np.lexsort((-np.concatenate([score, score]), both))
    ranked = both[order]
    starts = np.searchsorted(ranked, ranked, side="left")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - starts
    n = len(rows)
    return (rank[:n] < k) | (rank[n:] < k)


class _SpeakerStems:
    """Unit x (speaker, stem) matrices: a product of two of them only pairs units of one speaker.

    A stem carried by more than MAX_POSTING of one speaker's units acts as that speaker's stop word, and units
    without a known speaker get no columns (they are grouped by near-duplicate search instead).
    """

    def __init__(self, feats: _Features, speaker_of: np.ndarray):
        matrix = feats.matrix.tocoo()
        self.codes, _ = pd.factorize(pd.Series(speaker_of))
        self.known = np.asarray([bool(s) for s in speaker_of], dtype=bool)
        self.vocabulary = matrix.shape[1]
        self.composite, column = np.unique(self.codes[matrix.row].astype(np.int64) * self.vocabulary + matrix.col,
                                           return_inverse=True)
        df = np.bincount(column, minlength=len(self.composite))
        weights = np.where((df[column] > MAX_POSTING) | ~self.known[matrix.row], 0.0, matrix.data)
        self.weighted = sparse.csr_matrix((weights, (matrix.row, column)), shape=(matrix.shape[0], len(self.composite)))
        self.weighted.eliminate_zeros()
        self.binary = self.weighted.copy()
        self.binary.data[:] = 1.0
        self.totals = np.asarray(self.weighted.sum(axis=1)).ravel()

    def rows_for(self, units: np.ndarray, stem_lists: list[list[str]], column_of: dict[str, int],
                 idf: dict[str, float]) -> sparse.csr_matrix:
        """Weighted rows for other stem sets (e.g. the first half of long units), in the same columns."""
        lengths = np.fromiter((len(stems) for stems in stem_lists), dtype=np.int64, count=len(stem_lists))
        row = np.repeat(np.arange(len(units)), lengths)
        flat = [stem for stems in stem_lists for stem in stems]
        stem_col = np.fromiter((column_of[stem] for stem in flat), dtype=np.int64, count=len(flat))
        data = np.fromiter((idf[stem] for stem in flat), dtype=np.float64, count=len(flat))
        keys = self.codes[units[row]].astype(np.int64) * self.vocabulary + stem_col
        at = np.minimum(np.searchsorted(self.composite, keys), max(len(self.composite) - 1, 0))
        valid = (self.composite[at] == keys) & self.known[units[row]] if len(self.composite) else np.zeros(len(keys), bool)
        row, col, data = row[valid], at[valid], data[valid]
        return sparse.csr_matrix((data, (row, col)), shape=(len(units), len(self.composite)))


def _speaker_scores(feats: _Features, speaker_of: np.ndarray, article_of: np.ndarray,
                    floor: float) -> dict[str, dict]:
    """Per speaker, {(i, j): (score, is_fragment)} for pairs of their units sharing a stem, from sparse products.

    Each unit keeps its MAX_PARTNERS best partners. A long unit whose first and second halves match two
    different remarks is scored by its first half only: it is filed under the remark it opens with.
    """
    stems = _SpeakerStems(feats, speaker_of)
    weighted = sparse.triu(stems.weighted @ stems.binary.T, k=1).tocsr()  # (i, j): idf mass of shared stems
    shared = sparse.triu(stems.binary @ stems.binary.T, k=1).tocsr()  # (i, j): how many stems they share
    weighted.sort_indices()
    shared.sort_indices()
    rows = np.repeat(np.arange(shared.shape[0]), np.diff(shared.indptr))
    cols, n_shared, mass = shared.indices, shared.data, weighted.data
    score, contained = _pair_values(mass, n_shared, stems.totals[rows], stems.totals[cols])
    keep = (score >= floor) | contained
    rows, cols, score, contained = rows[keep], cols[keep], score[keep], contained[keep]
    keep = _top_k(rows, cols, np.where(contained, 1.0, score), MAX_PARTNERS)
    rows, cols, score, contained = rows[keep], cols[keep], score[keep], contained[keep]

    result: dict[str, dict] = defaultdict(dict)
    for x, y, value, whole in zip(rows.tolist(), cols.tolist(), score.tolist(), contained.tolist()):
        fragment = False
        if whole:  # all stems shared: is it the same run of words?
            short, long = (x, y) if len(feats.norm[x]) <= len(feats.norm[y]) else (y, x)
            fragment = len(feats.tokens[short]) >= 2 and is_fragment_of(feats.norm[short], feats.norm[long])
        result[speaker_of[x]][(x, y)] = (1.0, True) if fragment else (value, False)
    _score_merged_units_by_head(feats, stems, speaker_of, article_of, floor, result)
    return result


def _semantic_scores(feats: _Features, speaker_of: np.ndarray, lexical: dict[str, dict]) -> dict[str, dict]:
    """Per speaker, the lexical pairs plus embedding nearest neighbours, rescored with the cosine similarity."""
    result: dict[str, dict] = {}
    for speaker, members in pd.Series(range(len(speaker_of))).groupby(speaker_of).groups.items():
        scores = dict(lexical.get(speaker, {}))
        for pair in list(scores):
            if not scores[pair][1]:
                scores[pair] = _pair_score(feats, *pair)
        if len(members) > 1 and speaker:
            for pair in _semantic_neighbours(sorted(members), feats) - scores.keys():
                scores[pair] = _pair_score(feats, *pair)
        result[speaker] = scores
    return result


def _score_merged_units_by_head(feats: _Features, stems: _SpeakerStems, speaker_of: np.ndarray,
                                article_of: np.ndarray, floor: float, result: dict[str, dict]) -> None:
    """Rescore long units that join two remarks (head matches one quote, tail another) by their head alone."""
    long_units = np.asarray([u for u in range(len(feats.tokens))
                             if len(feats.tokens[u]) >= LONG_UNIT_TOKENS and stems.known[u]], dtype=np.int64)
    if not len(long_units):
        return
    column_of = {stem: k for k, stem in enumerate(feats.idf)}
    halves = [(feats.tokens[u][: len(feats.tokens[u]) // 2], feats.tokens[u][len(feats.tokens[u]) // 2:])
              for u in long_units]
    parts = {}
    for name, side in (("head", 0), ("tail", 1)):
        part_stems = [content_stems(h[side]) for h in halves]
        matrix = stems.rows_for(long_units, part_stems, column_of, feats.idf)
        binary = matrix.copy()
        binary.data[:] = 1.0
        mass = (matrix @ stems.binary.T).tocsr()
        count = (binary @ stems.binary.T).tocsr()
        mass.sort_indices()
        count.sort_indices()
        r = np.repeat(np.arange(mass.shape[0]), np.diff(mass.indptr))
        totals = np.asarray(matrix.sum(axis=1)).ravel()
        score, _ = _pair_values(mass.data, count.data, totals[r], stems.totals[mass.indices])
        unit, partner = long_units[r], mass.indices
        other = article_of[partner] != article_of[unit]
        parts[name] = pd.DataFrame({"unit": unit[other], "partner": partner[other], "score": score[other]})
    best = {name: part.loc[part.groupby("unit")["score"].idxmax()].set_index("unit") for name, part in parts.items()}
    joined = best["head"].add_suffix("_head").join(best["tail"].add_suffix("_tail"), how="inner")
    joined = joined[(joined["score_head"] >= MERGED_HALF) & (joined["score_tail"] >= MERGED_HALF)
                    & (joined["partner_head"] != joined["partner_tail"])]
    heads = parts["head"].set_index("unit")
    for unit, v1, v2 in zip(joined.index.tolist(), joined["partner_head"].tolist(), joined["partner_tail"].tolist()):
        pair = (min(v1, v2), max(v1, v2))
        scores = result[speaker_of[unit]]
        if v1 == v2 or min(len(feats.tokens[v1]), len(feats.tokens[v2])) < FULL_REMARK_TOKENS \
                or scores.get(pair, (0.0, False))[0] >= floor:
            continue  # both halves match the same remark: one long remark, not two joined
        for key in [p for p in scores if unit in p and not scores[p][1]]:
            del scores[key]
        head = heads.loc[[unit]]
        for v, value in zip(head["partner"].tolist(), head["score"].tolist()):
            if value >= floor:
                scores[(min(unit, v), max(unit, v))] = (float(value), False)


def _semantic_neighbours(members: list[int], feats: _Features, k: int = 8) -> set[tuple[int, int]]:
    idx = np.asarray(members)
    vectors = feats.embeddings[idx]
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(idx), 512):
        sims = vectors[start:start + 512] @ vectors.T
        top = np.argsort(-sims, axis=1)[:, : k + 1]
        for row, neighbours in enumerate(top):
            x = int(idx[start + row])
            for col in neighbours:
                y = int(idx[col])
                if x != y and sims[row, col] >= SEMANTIC_LOW:
                    pairs.add((x, y) if x < y else (y, x))
    return pairs


def _cluster_strong(members: list[int], feats: _Features, article_of: np.ndarray, threshold: float,
                    scores: dict) -> _Clusters:
    """Best-first constrained merging of clear matches, then fragments covering at least half a fuller quote."""
    clusters = _Clusters(members, article_of)
    # full wordings first, fragments after: a unit merging two remarks goes where its own words lead,
    # and the fragments it contains follow it only if that statement has no unit of their article yet
    _merge_best_first(clusters, {p: s for p, s in scores.items() if not s[1]}, threshold)
    _attach_fragments(clusters, feats, [p for p, s in scores.items() if s[1]], substantial_only=True)
    return clusters


def _cluster_weak(clusters: _Clusters, members: list[int], feats: _Features, article_of: np.ndarray,
                  threshold: float, scores: dict, related: set[tuple[str, str]], use_order: bool = True,
                  semantic_scores: dict | None = None) -> None:
    """Weaker evidence, only between related articles: mutual best matches, the quotes' order, short fragments.

    ``semantic_scores`` (embedding-rescored pairs) get a last mutual-best pass, after all lexical evidence.
    """
    if use_order:  # two articles' quotes that pick each other as their best match
        _merge_mutual_best(clusters, scores, article_of, related)

    # neighbours: the previous/next quote of the same speaker in the same article
    by_article: dict[str, list[int]] = defaultdict(list)
    for m in members:  # members are in stable (article, start) order
        by_article[article_of[m]].append(m)
    prev_of: dict[int, int | None] = {}
    next_of: dict[int, int | None] = {}
    for seq in by_article.values():
        for pos, m in enumerate(seq):
            prev_of[m] = seq[pos - 1] if pos else None
            next_of[m] = seq[pos + 1] if pos + 1 < len(seq) else None

    for _ in range(3 if use_order else 0):
        order_scores = _order_scores(clusters, members, feats, article_of, scores, prev_of, next_of)
        merged = _merge_best_first(clusters, order_scores, threshold)
        if not merged:
            break
    # short fragments inside long quotes last: the order pass may first have joined them to their siblings
    _attach_fragments(clusters, feats, [p for p, s in scores.items() if s[1]], substantial_only=False)
    if use_order and semantic_scores is not None:
        _merge_mutual_best(clusters, semantic_scores, article_of, related)


def _merge_mutual_best(clusters: _Clusters, scores: dict, article_of: np.ndarray, related: set[tuple[str, str]]) -> int:
    """Merge mutual best matches of at least MUTUAL_FLOOR between related articles, best first."""
    mutual = {p: s for p, s in _mutual_best(scores, article_of).items()
              if tuple(sorted((article_of[p[0]], article_of[p[1]]))) in related}
    return _merge_best_first(clusters, mutual, MUTUAL_FLOOR)


def _related_articles(all_clusters: list[_Clusters], min_shared: int = MIN_SHARED_STATEMENTS) -> set[tuple[str, str]]:
    """Article pairs that already share ``min_shared`` clearly matched statements: coverage of one event."""
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for clusters in all_clusters:
        for articles in clusters.articles.values():
            if 1 < len(articles) <= 50:
                for pair in combinations(sorted(articles), 2):
                    shared[pair] += 1
    return {pair for pair, count in shared.items() if count >= min_shared}


def _mutual_best(scores: dict, article_of: np.ndarray) -> dict:
    """Pairs (x, y) where y is x's best match in y's article and x is y's best match in x's article."""
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (x, y), (score, fragment) in scores.items():
        if fragment or article_of[x] == article_of[y]:
            continue
        for a, b in ((x, y), (y, x)):
            key = (a, article_of[b])
            if key not in best or (score, -b) > (best[key][0], -best[key][1]):
                best[key] = (score, b)
    return {(x, y): s for (x, y), s in scores.items() if not s[1] and article_of[x] != article_of[y]
            and best[(x, article_of[y])][1] == y and best[(y, article_of[x])][1] == x}


def _order_scores(clusters, members, feats, article_of, scores, prev_of, next_of):
    """Pair scores raised by ORDER_BONUS for each neighbour pair already in one statement."""
    candidates: set[tuple[int, int]] = set()
    groups: dict[int, list[int]] = defaultdict(list)
    for m in members:
        groups[clusters.find(m)].append(m)
    for group in groups.values():
        if len(group) < 2 or len(group) > 200:
            continue
        for x, y in combinations(group, 2):
            if article_of[x] == article_of[y]:
                continue
            for step in (prev_of, next_of):
                u, v = step[x], step[y]
                if u is not None and v is not None and article_of[u] != article_of[v] and clusters.find(u) != clusters.find(v):
                    candidates.add((u, v) if u < v else (v, u))
    result: dict[tuple[int, int], tuple[float, bool]] = {}
    for u, v in candidates:
        base, fragment = scores.get((u, v)) or _pair_score(feats, u, v)
        if fragment:
            continue  # fragments were attached by containment already
        # character-level likeness catches one-word swaps in short fragments ("more than X" / "more than Y")
        surface = _surface_similarity(feats, u, v)
        support = max(base, surface - 0.3)
        if support < ORDER_FLOOR:
            continue
        anchors = 0.0
        for step in (prev_of, next_of):
            a, b = step[u], step[v]
            if a is not None and b is not None:
                anchors += clusters.find(a) == clusters.find(b)
            elif a is None and b is None:
                anchors += 0.5  # both open or close their article's run of this speaker
        if anchors >= 1:
            result[(u, v)] = (support + ORDER_BONUS * anchors, False)
    return result


def _attach_fragments(clusters: _Clusters, feats: _Features, pairs: list[tuple[int, int]],
                      substantial_only: bool) -> None:
    """Join fragments to the fuller quotes containing them, fullest coverage first.

    A container that is mostly other words (a unit merging two remarks) stays where its own words put it:
    it absorbs a fragment's statement only when every unit of that statement is a fragment of it.
    """
    def coverage(pair):
        short, long = sorted(pair, key=lambda m: (len(feats.norm[m]), m))
        return len(feats.norm[short]) / max(1, len(feats.norm[long])), short, long

    for cover, short, long in sorted((coverage(p) for p in pairs), key=lambda c: (-c[0], c[1], c[2])):
        if cover < 0.5:
            if substantial_only:
                continue
            group = clusters.members[clusters.find(short)]
            if not all(is_fragment_of(feats.norm[m], feats.norm[long]) for m in group):
                continue
        # a lead fragment and the full quote later in the same article are one statement
        own_article = clusters.article_of[short] == clusters.article_of[long]
        clusters.merge(short, long, allow_same_article=own_article
                       and clusters.articles_overlap(short, long) == {clusters.article_of[short]})


def _merge_best_first(clusters: _Clusters, scores: dict, threshold: float) -> int:
    merged = 0
    for (x, y), (score, fragment) in sorted(scores.items(), key=lambda item: (-item[1][0], item[0])):
        if score < threshold:
            break
        merged += clusters.merge(x, y, allow_same_article=False)
    return merged


# --------------------------------------------------------------------------- cross-speaker pass

def _pairs_within_buckets(units: np.ndarray, bucket: np.ndarray, max_bucket: int, reach: int = 8) -> np.ndarray:
    """(i, j) rows, i < j, for units sharing a bucket of at most ``max_bucket`` units (bigger ones are too common).

    Each unit is paired with the next ``reach`` units of its bucket only: chains still join a whole bucket of
    near-identical quotes, and the number of pairs stays linear in the number of units.
    """
    order = np.argsort(bucket, kind="stable")
    ranked, members = bucket[order], units[order]
    starts = np.searchsorted(ranked, ranked, side="left")
    sizes = np.searchsorted(ranked, ranked, side="right") - starts
    position = np.arange(len(ranked)) - starts
    usable = (sizes > 1) & (sizes <= max_bucket)
    found = []
    for step in range(1, min(reach + 1, int(sizes[usable].max(initial=1)))):
        at = np.flatnonzero(usable & (position + step < sizes))
        found.append(np.stack([members[at], members[at + step]], axis=1))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found).astype(np.int64)
    return np.sort(pairs, axis=1)


def _near_duplicates(feats: _Features, speaker_of: np.ndarray, min_stems: int = 3,
                     bands: int = 8, rows: int = 4) -> list[tuple[int, int, float]]:
    """(i, j, score) for units with near-identical words, of different speakers or both unknown: MinHash LSH on stems.

    Signatures are computed for all units at once with numpy (datasketch's per-object API is too slow
    at 100k units); units sharing one band of ``rows`` minima are candidates, then verified.
    """
    matrix = feats.matrix
    lengths = np.diff(matrix.indptr)
    if matrix.nnz == 0:
        return []
    rng = np.random.default_rng(1)
    n_hash = bands * rows
    a = rng.integers(1, 2**31 - 1, size=n_hash, dtype=np.int64)
    b = rng.integers(0, 2**31 - 1, size=n_hash, dtype=np.int64)
    stem_ids = np.arange(matrix.shape[1], dtype=np.int64)
    per_stem = (np.outer(stem_ids + 1, a) + b) % 2_147_483_647  # (vocabulary, n_hash) universal hashing
    eligible = np.flatnonzero(lengths >= min_stems)
    if len(eligible) < 2:
        return []
    hashed = np.vstack([per_stem[matrix.indices], np.full((1, n_hash), 2**31, dtype=np.int64)])  # sentinel row
    signatures = np.minimum.reduceat(hashed, matrix.indptr[:-1], axis=0)[eligible]  # one row per unit
    codes, _ = pd.factorize(pd.Series(speaker_of))
    known = np.asarray([bool(sp) for sp in speaker_of], dtype=bool)
    found = []
    for band in range(bands):
        block = signatures[:, band * rows:(band + 1) * rows].astype(np.uint64)
        bucket = np.zeros(len(block), dtype=np.uint64)
        for column in block.T:  # one 64-bit key per band (a rare collision only adds a candidate to verify)
            bucket = bucket * np.uint64(0x100000001B3) ^ column
        found.append(_pairs_within_buckets(eligible, bucket, max_bucket=50))
    n = np.int64(len(speaker_of))
    keys = np.unique(np.concatenate(found) @ np.array([n, 1], dtype=np.int64))
    pairs = np.stack([keys // n, keys % n], axis=1)
    pairs = pairs[(codes[pairs[:, 0]] != codes[pairs[:, 1]]) | ~known[pairs[:, 0]]]
    if not len(pairs):
        return []
    left, right = pairs[:, 0], pairs[:, 1]
    binary = matrix.copy()
    binary.data[:] = 1.0
    shared_mass = np.asarray(matrix[left].multiply(binary[right]).sum(axis=1)).ravel()
    n_shared = np.asarray(binary[left].multiply(binary[right]).sum(axis=1)).ravel()
    totals = np.asarray(matrix.sum(axis=1)).ravel()
    score, _ = _pair_values(shared_mass, n_shared, totals[left], totals[right])  # = lexical_similarity
    likely = score >= NEAR_DUPLICATE
    return list(zip(pairs[likely, 0].tolist(), pairs[likely, 1].tolist(), score[likely].tolist()))


# --------------------------------------------------------------------------- flags and tables

def wording_differs(a: list[str], b: list[str]) -> bool:
    """True when two overlapping wordings differ in a meaning-bearing word (not just function words or extent)."""
    if not a or not b:
        return False
    ops = list(Levenshtein.opcodes(a, b))
    if not any(op.tag == "equal" for op in ops):
        return True
    first = next(k for k, op in enumerate(ops) if op.tag == "equal")
    last = max(k for k, op in enumerate(ops) if op.tag == "equal")
    for k, op in enumerate(ops):
        if op.tag == "equal":
            continue
        outside = k < first or k > last
        if outside and op.tag in ("insert", "delete"):
            continue  # one wording runs on beyond the other: a fragment, not a difference
        words = a[op.src_start:op.src_end] + b[op.dest_start:op.dest_end]
        if any(word not in FUNCTION_WORDS for word in words):
            return True
    return False


def _statement_flags(rows: list[int], frame: pd.DataFrame, feats: _Features) -> list[str]:
    kinds = {feats.kind[r] for r in rows}
    flags = []
    quoted = [r for r in rows if feats.quoted[r]]
    wordings = list(dict.fromkeys(tuple(feats.tokens[r]) for r in quoted))[:25]
    for a, b in combinations(wordings, 2):
        na, nb = " ".join(a), " ".join(b)
        if is_fragment_of(na, nb) or is_fragment_of(nb, na):
            continue
        if wording_differs(list(a), list(b)):
            flags.append(FLAG_WORDING)
            break
    if kinds and kinds <= {"partial"}:
        flags.append(FLAG_FRAGMENT)
    if kinds and not kinds & set(schema.QUOTED_KINDS):
        flags.append(FLAG_INDIRECT)
    return flags


def _canonical_row(rows: list[int], frame: pd.DataFrame, feats: _Features) -> int:
    """The fullest direct wording, else the fullest partial, else the fullest indirect one."""
    rank = {"direct": 0, "block": 0, "partial": 1, "indirect": 2}
    return min(rows, key=lambda r: (rank.get(feats.kind[r], 3), -len(feats.tokens[r]), r))


def _outlet_label(frame: pd.DataFrame) -> pd.Series:
    """Per unit, the compare column: the outlet when it names exactly one article, else the article id."""
    outlet = frame["outlet"].where(frame["outlet"] != "", frame["article"])
    articles_per_outlet = frame.groupby(outlet)["article"].nunique()
    unique = outlet.map(articles_per_outlet) == 1
    return outlet.where(unique, frame["article"])


def reconcile(units: pd.DataFrame, *, semantic: bool = False, threshold: float | None = None) -> Reconciled:
    """Group quotation units into statements across outlets and flag what a journalist must check."""
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    frame = _prepare(units)
    feats = _features(frame, semantic)
    article_of = frame["article"].to_numpy()
    speaker_of = frame["speaker_id"].to_numpy()

    # 1. cluster within each speaker (unknown speakers form their own block)
    label = np.empty(len(frame), dtype=object)
    # pairs below the threshold are rescored only if the order pass proposes them
    pair_scores = _speaker_scores(feats, speaker_of, article_of, LINK_FLOOR)
    # embeddings only serve the weaker passes between related articles: same-topic remarks of one speaker are
    # close in embedding space, so cosine alone would merge them
    soft_scores = _semantic_scores(feats, speaker_of, pair_scores) if semantic else {}
    near_duplicates = _near_duplicates(feats, speaker_of)
    for i, j, score in near_duplicates:
        if not speaker_of[i] and not speaker_of[j]:
            pair_scores[""][(i, j)] = (score, False)
    blocks = []
    for speaker, positions in frame.groupby("speaker_id", sort=True).indices.items():
        members = sorted(int(p) for p in positions)
        # unknown speakers are many people: only near-identical words group them
        block_threshold = threshold if speaker else max(threshold, NEAR_DUPLICATE)
        scores = pair_scores.get(speaker, {})
        blocks.append((speaker, members, block_threshold, scores,
                       _cluster_strong(members, feats, article_of, block_threshold, scores)))
    related = _related_articles([block[-1] for block in blocks])
    for speaker, members, block_threshold, scores, clusters in blocks:
        _cluster_weak(clusters, members, feats, article_of, block_threshold, scores, related, use_order=bool(speaker),
                      semantic_scores=soft_scores.get(speaker, {}) if semantic else None)
        for m in members:
            label[m] = (speaker, clusters.find(m))

    # 2. cross-speaker near duplicates: unknown speakers join a known statement; known ones are flagged
    conflicts: set = set()
    adopt: dict = {}
    for i, j, _ in near_duplicates:
        if speaker_of[i] == speaker_of[j]:
            continue
        if speaker_of[i] and speaker_of[j]:
            conflicts |= {label[i], label[j]}
        else:
            unknown, known = (i, j) if not speaker_of[i] else (j, i)
            adopt.setdefault(label[unknown], set()).add(label[known])
    moved = {old: next(iter(targets)) for old, targets in adopt.items() if len(targets) == 1}
    label = [moved.get(lab, lab) for lab in label]

    # 3. statement ids numbered per speaker by first appearance in the stable order
    ids: dict = {}
    counters: dict[str, int] = defaultdict(int)
    for m, lab in enumerate(label):
        if lab not in ids:
            speaker = lab[0] or UNKNOWN
            counters[speaker] += 1
            ids[lab] = f"{speaker}-{counters[speaker]:03d}"
    frame["statement"] = [ids[lab] for lab in label]
    conflict_ids = {ids[lab] for lab in conflicts if lab in ids}

    statements, wordings = _tables(frame, feats, conflict_ids)
    out = units.copy()
    out["statement"] = frame.sort_values("_row")["statement"].to_numpy()
    return Reconciled(units=out, statements=statements, wordings=wordings)


def _tables(frame: pd.DataFrame, feats: _Features, conflict_ids: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """statements.csv and the long wordings table, built with plain lists (per-group pandas is too slow at 100k)."""
    label = _outlet_label(frame).tolist()
    outlet = frame["outlet"].where(frame["outlet"] != "", frame["article"]).tolist()
    kind, published = frame["kind"].tolist(), frame["published"].tolist()
    quote, speaker, speaker_id = frame["quote"].tolist(), frame["speaker"].tolist(), frame["speaker_id"].tolist()
    column_order = list(dict.fromkeys(label))
    groups: dict[str, list[int]] = defaultdict(list)
    for position, statement in enumerate(frame["statement"]):
        groups[statement].append(position)
    rows, long_rows = [], []
    for statement, members in groups.items():  # members are in stable order
        canonical = _canonical_row(members, frame, feats)
        flags = _statement_flags(members, frame, feats)
        if statement in conflict_ids:
            flags.append(FLAG_SPEAKER)
        first_seen: dict[str, str] = {}
        for m in members:
            date = published[m] or "9999"
            first_seen[outlet[m]] = min(first_seen.get(outlet[m], date), date)
        outlets = sorted(first_seen, key=lambda o: first_seen[o])  # stable: ties keep article order
        dates = [published[m] for m in members if published[m]]
        names = [speaker[m] for m in members if speaker[m]]
        display = max(set(names), key=lambda n: (names.count(n), -names.index(n))) if names else ""
        rows.append({
            "statement": statement, "speaker_id": speaker_id[canonical], "speaker": display,
            "text": quote[canonical], "kinds": ";".join(sorted({kind[m] for m in members})),
            "n_outlets": len(outlets), "outlets": ";".join(outlets),
            "first_published": min(dates) if dates else "",
            "n_variants": len({feats.norm[m] for m in members}), "flags": ";".join(sorted(flags)),
        })
        wordings: dict[str, list[str]] = defaultdict(list)
        for m in members:
            wordings[label[m]].append(quote[m])
        long_rows += [(statement, col, " … ".join(texts)) for col, texts in wordings.items()]
    statements = pd.DataFrame(rows, columns=schema.STATEMENT_COLUMNS)
    long = pd.DataFrame(long_rows, columns=["statement", "column", "wording"])
    long["column"] = pd.Categorical(long["column"], categories=column_order)
    return statements, long.sort_values("column", kind="stable").astype({"column": str}).reset_index(drop=True)
