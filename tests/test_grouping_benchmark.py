"""benchmarks.grouping's candidate ceiling: an oracle over the reconciler's own candidate pairs."""

import pandas as pd
import pytest

from benchmarks import grouping
from quotes import evaluate

REMARK = "The new bridge will carry twice the traffic of the old crossing by next spring"
PARAPHRASE = "Officials expect a doubling of vehicles once the structure opens"  # no content word shared


def _ceiling(statements: list[str]) -> tuple[float | None, float]:
    story = _story(statements)
    return grouping.candidate_ceiling(story, grouping.lexical_scores(story.feats, grouping.DEFAULT_PARAMS,
                                                                     story.frame["speaker_id"].tolist()))


def _story(statements: list[str]) -> grouping.Story:
    quotes = [REMARK, REMARK, PARAPHRASE]
    units = pd.DataFrame({"article": ["a1", "a2", "a3"], "quote": quotes, "kind": ["direct", "direct", "indirect"],
                          "speaker_id": ["dana-whitfield"] * 3, "speaker": ["Dana Whitfield"] * 3,
                          "start": [0, 0, 0], "end": [len(q) for q in quotes], "published": [""] * 3})
    gold = evaluate.load_gold(pd.DataFrame({"article": ["a1", "a2", "a3"], "kind": ["direct", "direct", "indirect"],
                                            "speaker": ["Dana Whitfield"] * 3, "statement": statements,
                                            "text": quotes}))
    story = grouping.Story("bridge", units, gold, "name")
    story.frame = grouping.prepare(units)
    story.feats = grouping.build(story.frame)
    story.matched = grouping._matched(gold, story.frame)
    return story


def test_ceiling_links_the_copies_but_not_a_paraphrase_sharing_no_word():
    pairwise, bcubed = _ceiling(["s1", "s1", "s1"])
    # the two copies are a candidate pair, the paraphrase is no one's: one gold pair of three, precision 1
    assert pairwise == pytest.approx(0.5)
    assert bcubed < 1.0


def test_ceiling_never_links_what_the_gold_keeps_apart():
    pairwise, bcubed = _ceiling(["s1", "s2", "s3"])
    assert pairwise is None  # no gold pair to find
    assert bcubed == pytest.approx(1.0)  # the identical copies stay apart: the oracle follows the gold
