"""Scoring of predicted quotation units against gold: matching, recall by kind, attribution, grouping."""

from __future__ import annotations

import time
from itertools import combinations

import pandas as pd
import pytest

from quotes.evaluate import (
    detect_speaker_mode,
    format_report,
    load_gold,
    load_predictions,
    score,
    speaker_correct,
    speaker_head,
    token_f1,
    tokens,
)
from quotes.schema import QUOTE_COLUMNS, QUOTED_KINDS

from tests.conftest import SEED_GOLD, SHARED, needs_shared


def as_predictions(gold: pd.DataFrame) -> pd.DataFrame:
    """The gold units written as a perfect quotes.csv."""
    pred = pd.DataFrame("", index=range(len(gold)), columns=QUOTE_COLUMNS)
    pred["article"] = gold["article"].to_numpy()
    pred["speaker_id"] = gold["speaker"].to_numpy()
    pred["speaker"] = gold["speaker"].to_numpy()
    pred["quote"] = gold["text"].to_numpy()
    pred["kind"] = gold["kind"].to_numpy()
    pred["statement"] = gold["statement"].to_numpy()
    return pred


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_gold(SEED_GOLD)


def required(gold: pd.DataFrame) -> pd.DataFrame:
    return gold[~gold["optional"]]


def test_token_f1_is_multiset_overlap_of_letter_digit_runs():
    assert token_f1("The cat sat.", "the CAT") == pytest.approx(2 * 2 / (3 + 2))
    # multiset: "no" twice on one side, once on the other -> overlap 1
    assert token_f1("no, no", "no") == pytest.approx(2 * 1 / 3)
    assert tokens("Müller's snake_case 2021-10-18") == ["müller", "s", "snake", "case", "2021", "10", "18"]
    assert token_f1("“”", "anything") == 0.0


def test_seed_gold_against_itself_scores_one_everywhere(seeds):
    scores = score(seeds, as_predictions(seeds))
    assert scores.speaker_mode == "registry"
    assert scores.n_gold == scores.n_pred == scores.n_matched == len(required(seeds))
    for value in (scores.precision, scores.recall, scores.recall_quoted, scores.recall_indirect,
                  scores.attribution, scores.grouping_precision, scores.grouping_recall, scores.grouping_f1):
        assert value == 1.0
    assert not scores.misses and not scores.false_positives and not scores.wrong_speakers


def test_dropped_units_lower_recall_by_kind(seeds):
    req = required(seeds)
    dropped = req.iloc[::4]
    scores = score(seeds, as_predictions(seeds.drop(index=dropped.index)))
    quoted, indirect = req["kind"].isin(QUOTED_KINDS), req["kind"] == "indirect"
    dropped_quoted = dropped["kind"].isin(QUOTED_KINDS).sum()
    dropped_indirect = (dropped["kind"] == "indirect").sum()
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx((len(req) - len(dropped)) / len(req))
    assert scores.recall_quoted == pytest.approx((quoted.sum() - dropped_quoted) / quoted.sum())
    assert scores.recall_indirect == pytest.approx((indirect.sum() - dropped_indirect) / indirect.sum())
    assert sorted(m["text"] for m in scores.misses) == sorted(dropped["text"])


def _truncated(text: str, keep: float) -> str:
    words = tokens(text)
    return " ".join(words[: int(len(words) * keep)])


def test_text_truncated_below_threshold_is_a_miss_and_a_false_positive(seeds):
    pred = as_predictions(seeds)
    req = required(seeds)
    # a quarter of a unit's tokens gives F1 = 2*(n/4)/(n + n/4) = 0.4; keep units that match nothing else then
    candidates = []
    for i in req.index[req["text"].map(lambda t: len(tokens(t)) >= 8)]:
        short = _truncated(seeds.at[i, "text"], 0.25)
        same_article = seeds[seeds["article"] == seeds.at[i, "article"]]
        if all(token_f1(short, other) < 0.5 for other in same_article["text"]):
            candidates.append((i, short))
    chosen = candidates[:5]
    assert len(chosen) == 5
    for i, short in chosen:
        pred.at[i, "quote"] = short
    scores = score(seeds, pred)
    n = len(req)
    assert scores.n_matched == n - 5
    assert scores.precision == pytest.approx((n - 5) / n)
    assert scores.recall == pytest.approx((n - 5) / n)
    assert {fp["quote"] for fp in scores.false_positives} == {short for _, short in chosen}


def test_match_threshold_is_inclusive(seeds):
    req = required(seeds)
    # a prefix holding exactly a third of the tokens gives F1 = 2*(n/3)/(n + n/3) = 0.5 exactly
    i = next(i for i in req.index if len(tokens(req.at[i, "text"])) % 3 == 0 and len(tokens(req.at[i, "text"])) >= 9)
    just_enough = _truncated(seeds.at[i, "text"], 1 / 3)
    assert token_f1(just_enough, seeds.at[i, "text"]) == 0.5
    pred = as_predictions(seeds)
    pred.at[i, "quote"] = just_enough
    assert score(seeds, pred).n_matched == len(req)


def test_swapped_speakers_lower_attribution_exactly(seeds):
    pred = as_predictions(seeds)
    req = required(seeds)
    swapped = [i for i in req.index if req.at[i, "speaker"]][1::5]
    for i in swapped:
        pred.at[i, "speaker_id"] = "somebody-else"
    scores = score(seeds, pred)
    n_attr = (req["speaker"] != "").sum()
    assert scores.n_attr == n_attr
    assert scores.attribution == pytest.approx((n_attr - len(swapped)) / n_attr)
    assert sorted(w["text"] for w in scores.wrong_speakers) == sorted(seeds.loc[swapped, "text"])
    assert scores.precision == scores.recall == 1.0


def _pair_counts(units: pd.DataFrame, pred_statement: pd.Series) -> tuple[int, int, int]:
    """Independent pairwise count: (true, predicted, gold) together pairs, also-only links skipped."""
    rows = [(u["statement"], u["also"], pred_statement[i]) for i, u in zip(units.index, units.to_dict("records"))]
    true = predicted = gold_pairs = 0
    for (sa, also_a, pa), (sb, also_b, pb) in combinations(rows, 2):
        if sa != sb and (sa in also_b or sb in also_a):
            continue
        same_pred = pa != "" and pa == pb
        true += same_pred and sa == sb
        predicted += same_pred
        gold_pairs += sa == sb
    return true, predicted, gold_pairs


@pytest.mark.parametrize(
    "merged",
    [
        ("lavrov-contacts-reduced", "stoltenberg-must-act"),  # unrelated statements
        ("lavrov-conditions-gone", "lavrov-suspend-from-nov1"),  # linked through a merged unit's `also`
    ],
)
def test_merged_statements_lower_grouping_precision_only(seeds, merged):
    pred = as_predictions(seeds)
    pred.loc[pred["statement"].isin(merged), "statement"] = "merged"
    scores = score(seeds, pred)
    true, predicted, gold_pairs = _pair_counts(required(seeds), pred["statement"])
    assert predicted > true == gold_pairs
    assert scores.grouping_precision == pytest.approx(true / predicted)
    assert scores.grouping_recall == 1.0
    assert scores.precision == scores.recall == scores.attribution == 1.0


def test_split_statement_lowers_grouping_recall(seeds):
    pred = as_predictions(seeds)
    req = required(seeds)
    biggest = req["statement"].value_counts().index[0]
    first = req.index[req["statement"] == biggest][0]
    pred.at[first, "statement"] = "split-off"
    true, predicted, gold_pairs = _pair_counts(req, pred["statement"])
    scores = score(seeds, pred)
    assert scores.grouping_precision == 1.0
    assert scores.grouping_recall == pytest.approx(true / gold_pairs) and true < gold_pairs


def _bcubed_by_hand(units: pd.DataFrame, pred_statement: pd.Series) -> tuple[float, float]:
    """Independent B-cubed: per unit, share of its predicted group allowed beside it, share of its gold group found."""
    rows = [(u["statement"], set(u["also"]), pred_statement[i]) for i, u in zip(units.index, units.to_dict("records"))]
    precision = recall = 0.0
    for s_a, also_a, p_a in rows:
        group = [(s_b, also_b) for s_b, also_b, p_b in rows if p_b == p_a]
        allowed = sum(s_b == s_a or s_b in also_a or s_a in also_b for s_b, also_b in group)
        precision += allowed / len(group)
        recall += sum(s_b == s_a for s_b, _ in group) / sum(s_b == s_a for s_b, _, _ in rows)
    return precision / len(rows), recall / len(rows)


def test_bcubed_counts_merges_against_precision_and_splits_against_recall(seeds):
    req = required(seeds)
    perfect = score(seeds, as_predictions(seeds))
    assert perfect.bcubed_precision == perfect.bcubed_recall == perfect.bcubed_f1 == 1.0
    pred = as_predictions(seeds)
    pred.loc[pred["statement"].isin(("lavrov-contacts-reduced", "stoltenberg-must-act")), "statement"] = "merged"
    biggest = req["statement"].value_counts().index[0]
    pred.at[req.index[req["statement"] == biggest][0], "statement"] = "split-off"
    scores = score(seeds, pred)
    precision, recall = _bcubed_by_hand(req, pred["statement"])
    assert scores.bcubed_precision == pytest.approx(precision) and precision < 1.0
    assert scores.bcubed_recall == pytest.approx(recall) and recall < 1.0
    assert "B-cubed" in format_report(scores)


def test_bcubed_accepts_a_joining_unit_beside_its_also_statement(seeds):
    pred = as_predictions(seeds)
    pred.loc[pred["statement"].isin(("lavrov-conditions-gone", "lavrov-suspend-from-nov1")), "statement"] = "merged"
    merged = score(seeds, pred)
    joining = seeds.index[seeds["also"].map(bool) & ~seeds["optional"]]
    assert len(joining) > 0
    alone = as_predictions(seeds)
    for i in joining:  # the units covering two statements, filed with their second one
        alone.at[i, "statement"] = seeds.at[i, "also"][0]
    moved = score(seeds, alone)
    assert merged.bcubed_precision < 1.0  # fusing the two statements costs precision
    assert moved.bcubed_precision == 1.0 and moved.bcubed_recall < 1.0


def test_grouping_is_not_applicable_without_statements(seeds):
    pred = as_predictions(seeds).assign(statement="")
    scores = score(seeds, pred)
    assert scores.grouping_precision is scores.grouping_recall is scores.grouping_f1 is None
    assert "n/a" in format_report(scores)


def test_optional_units_neither_rewarded_nor_punished(seeds):
    optional = seeds[seeds["optional"]]
    assert len(optional) > 0
    with_optional = score(seeds, as_predictions(seeds))
    without_optional = score(seeds, as_predictions(seeds.drop(index=optional.index)))
    for scores in (with_optional, without_optional):
        assert scores.n_pred == scores.n_gold == len(required(seeds))
        assert scores.precision == scores.recall == scores.attribution == 1.0
    # a wrongly attributed optional unit changes nothing either
    pred = as_predictions(seeds)
    pred.loc[optional.index, "speaker_id"] = "somebody-else"
    assert score(seeds, pred).attribution == 1.0


def test_matching_is_one_to_one(seeds):
    pred = as_predictions(seeds)
    duplicate = required(seeds).index[3]
    pred = pd.concat([pred, pred.loc[[duplicate]]], ignore_index=True)
    scores = score(seeds, pred)
    n = len(required(seeds))
    assert scores.n_matched == n
    assert scores.n_pred == n + 1
    assert scores.precision == pytest.approx(n / (n + 1))
    assert [fp["quote"] for fp in scores.false_positives] == [seeds.at[duplicate, "text"]]


def test_matching_takes_the_best_pair_first():
    gold = pd.DataFrame({
        "article": ["a", "a"], "kind": ["direct", "direct"], "speaker": ["one", "two"],
        "statement": ["s1", "s2"], "text": ["w1 w2 w3 w4 x y", "w1 w2 w3 w4 w5"],
    })
    pred = pd.DataFrame({"article": ["a", "a"], "speaker_id": ["two", "one"], "quote": ["w1 w2 w3 w4 w5 x", "x y z w1"]})
    # prediction 0 suits gold 0 well but gold 1 better; prediction 1 suits only gold 0
    assert 0.5 <= token_f1(pred.quote[0], gold.text[0]) < token_f1(pred.quote[0], gold.text[1])
    assert token_f1(pred.quote[1], gold.text[0]) >= 0.5 > token_f1(pred.quote[1], gold.text[1])
    scores = score(gold, pred)
    assert scores.n_matched == 2 and scores.attribution == 1.0


def test_articles_without_predictions_are_missed_and_unknown_articles_ignored(seeds):
    req = required(seeds)
    absent = seeds["article"].iloc[0]
    pred = as_predictions(seeds[seeds["article"] != absent])
    stray = as_predictions(seeds.head(3)).assign(article="not-in-gold")
    scores = score(seeds, pd.concat([pred, stray], ignore_index=True))
    n_absent = (req["article"] == absent).sum()
    assert scores.recall == pytest.approx((len(req) - n_absent) / len(req))
    assert scores.precision == 1.0
    assert scores.n_missing_articles == 1 and scores.n_ignored_pred_articles == 1


def test_speaker_head_is_the_surname_or_the_head_of_a_group():
    assert speaker_head("Jens Stoltenberg") == "stoltenberg"
    assert speaker_head("Martin Luther King Jr.") == "king"
    assert speaker_head("Donald J. Trump III") == "trump"
    assert speaker_head("the Clinton campaign") == "campaign"
    assert speaker_head("Hillary Clinton's") == "clinton"
    assert speaker_head("") == ""


@pytest.mark.parametrize(
    ("predicted", "gold", "correct"),
    [
        ("Jens Stoltenberg", "NATO Secretary-General Jens Stoltenberg", True),
        ("Stoltenberg", "Jens Stoltenberg", True),
        ("Stoltenberg", "Jens Stoltenberg, the alliance's chief,", False),  # without heads only the last word counts
        ("Donald Trump Jr.", "Trump", True),
        ("the Clinton campaign", "Clinton’s campaign", True),
        ("Hillary Clinton", "Donald Trump", False),
        ("Bill Clinton", "the Clinton campaign", False),
        ("he", "Donald Trump", False),
        ("", "Donald Trump", False),
    ],
)
def test_name_mode_last_word_rule_without_heads(predicted, gold, correct):
    assert speaker_correct("", predicted, gold, "name") is correct


@pytest.mark.parametrize(
    ("predicted", "gold", "heads", "correct"),
    [
        ("Jerry Nadler", "Jerry Nadler, a Democrat from New York", ["nadler"], True),
        ("New York", "Jerry Nadler, a Democrat from New York", ["nadler"], False),
        ("Hillary Clinton", "The Clinton campaign", ["campaign"], False),
        ("Clinton campaign", "The Clinton campaign", ["campaign"], True),
        ("Donald Trump", "Donald Trump's son", ["son"], False),
        ("Donald Trump's son", "Donald Trump's son", ["son"], True),
        ("Jeff Merkley", "Jeff Merkley and Sherrod Brown", ["merkley", "brown"], True),
        ("James O'Neill", "O'Neill", [], True),
    ],
)
def test_name_mode_uses_gold_speaker_heads(predicted, gold, heads, correct):
    assert speaker_correct("", predicted, gold, "name", heads) is correct


def test_load_gold_reads_speaker_heads():
    gold = load_gold(pd.DataFrame({"article": ["a", "a"], "kind": ["direct", "direct"], "speaker": ["Ann Lee", ""],
                                   "statement": ["s1", "s2"], "text": ["x", "y"], "speaker_heads": [["lee"], None]}))
    assert list(gold["speaker_heads"]) == [["lee"], []]


def test_speaker_mode_is_detected_and_can_be_overridden():
    gold = pd.DataFrame({
        "article": ["a", "a", "a"], "kind": ["direct", "indirect", "partial"],
        "speaker": ["Gov. Pat McCrory", "", "Charlotte Mayor Jennifer Roberts"],
        "statement": ["s1", "s2", "s3"],
        "text": ["the question is the timing of the release", "police video did not give absolute proof",
                 "a huge win for voters"],
        "also": [[], [], []], "optional": [False, False, False],
    })
    pred = as_predictions(load_gold(gold))
    pred["speaker"] = ["McCrory", "Roberts", "Jennifer Roberts"]
    pred["speaker_id"] = ["pat-mccrory", "jennifer-roberts", "jennifer-roberts"]
    assert detect_speaker_mode(load_gold(gold)) == "name"
    named = score(gold, pred)
    assert named.speaker_mode == "name"
    assert named.n_attr == 2 and named.attribution == 1.0  # the empty gold speaker is not scored
    assert score(gold, pred, speaker_mode="registry").attribution == 0.0
    with pytest.raises(ValueError):
        score(gold, pred, speaker_mode="fuzzy")


def test_predictions_csv_keeps_text_values(tmp_path):
    frame = pd.DataFrame([{"article": "a", "speaker": "NA", "quote": "None of that", "kind": "direct"}])
    path = tmp_path / "quotes.csv"
    frame.to_csv(path, index=False)
    loaded = load_predictions(path)
    assert set(QUOTE_COLUMNS) <= set(loaded.columns)
    assert loaded.at[0, "speaker"] == "NA" and loaded.at[0, "statement"] == ""


def test_report_lists_errors_truncated_when_shown(seeds):
    pred = as_predictions(seeds.drop(index=required(seeds).index[:2]))
    scores = score(seeds, pred)
    brief, shown = format_report(scores), format_report(scores, show=True)
    assert f"{scores.recall:.3f}" in brief and "misses" not in brief
    assert "misses (2)" in shown
    assert all(len(line) <= 165 for line in shown.splitlines())


@needs_shared
def test_polnear_self_score_is_perfect_and_fast():
    gold_path = SHARED / "eval" / "polnear-dev" / "gold.jsonl"
    if not gold_path.exists():
        pytest.skip("PolNeAR dev gold is absent")
    gold = load_gold(gold_path)
    pred = as_predictions(gold)
    started = time.perf_counter()
    scores = score(gold, pred)
    assert time.perf_counter() - started < 2.0
    assert scores.speaker_mode == "name"
    assert scores.precision == scores.recall == scores.attribution == 1.0


def test_a_prediction_joining_two_gold_halves_recalls_both():
    """“A,” she said. “B.” as two gold units, one joined prediction: the second half counts as recalled too."""
    gold = load_gold(pd.DataFrame([
        {"article": "a1", "kind": "direct", "speaker": "Ana Ruiz", "statement": "s1",
         "text": "We will rebuild the bridge before the winter comes,"},
        {"article": "a1", "kind": "direct", "speaker": "Ana Ruiz", "statement": "s1",
         "text": "The money is there."},
        {"article": "a1", "kind": "direct", "speaker": "Ana Ruiz", "statement": "s2",
         "text": "Nobody will be left without a road to the hospital."},
    ]))
    pred = pd.DataFrame("", index=range(1), columns=QUOTE_COLUMNS)
    pred.loc[0, ["article", "speaker", "kind", "quote"]] = [
        "a1", "Ana Ruiz", "direct", "We will rebuild the bridge before the winter comes, The money is there."]
    scores = score(gold, pred, speaker_mode="name")
    assert scores.n_matched == 1 and scores.n_covered == 1
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.precision == 1.0
    assert [m["text"] for m in scores.misses] == ["Nobody will be left without a road to the hospital."]
    # a gold unit only partly inside (under 80% of its tokens) is not recalled
    pred.loc[0, "quote"] = "We will rebuild the bridge before the winter comes, The money"
    assert score(gold, pred, speaker_mode="name").n_covered == 0
