"""Reconcile evidence beyond shared words: affiliated speakers, joined sentences, numbers as outlets print them.

The sentences are written for these tests in the style of technology and city-hall wire copy (no real articles).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from quotes import schema
from quotes.reconcile import DEFAULT_PARAMS, reconcile, tokenize, wording_differs
from quotes.reconcile.affiliation import affiliated_speakers
from quotes.reconcile.features import build, prepare
from quotes.reconcile.similarity import pair_scores


def units(rows: list[tuple[str, str, str, str, str, str]]) -> pd.DataFrame:
    """Units from (article, speaker_id, speaker_kind, mention, roles, quote) rows, in article order."""
    records, offsets = [], {}
    for article, speaker, kind, mention, roles, quote in rows:
        start = offsets.get(article, 0)
        offsets[article] = start + len(quote) + 30
        records.append({"article": article, "outlet": article, "published": "2024-03-05", "speaker_id": speaker,
                        "speaker": speaker.replace("-", " ").title(), "speaker_kind": kind, "mention": mention,
                        "roles": roles, "quote": quote, "kind": "direct", "cue": "said", "start": start,
                        "end": start + len(quote), "sentence": quote, "statement": ""})
    return pd.DataFrame(records, columns=schema.QUOTE_COLUMNS)


def statement_of(result, fragment: str, article: str) -> str:
    rows = result.units[result.units["quote"].str.contains(fragment, regex=False) & (result.units["article"] == article)]
    assert len(rows) == 1, (fragment, article)
    return rows["statement"].iat[0]


PATCH = "We encourage all customers to install this update as soon as possible."
PATCH_COMPANY = "The company encourages all customers to install the update as soon as it can."


def test_a_spokeswoman_named_with_her_company_is_affiliated_with_it():
    frame = prepare(units([
        ("wire-a", "brightsoft", "organization", "Brightsoft", "", PATCH_COMPANY),
        ("wire-b", "nora-lind", "person", "Brightsoft's Nora Lind", "", PATCH),
        ("wire-c", "omar-reyes", "person", "Brightsoft security chief Omar Reyes", "security chief", PATCH),
        ("wire-d", "analysts", "group", "analysts", "analyst", "Patching quickly matters more than ever."),
        ("wire-d", "pia-holm", "person", "analyst Pia Holm", "analyst", "Most home users never patch at all."),
    ]))
    pairs = affiliated_speakers(frame)
    assert ("brightsoft", "nora-lind") in pairs and ("brightsoft", "omar-reyes") in pairs
    # a group is a description, not a name another speaker's title can carry; two colleagues are not tied
    assert not any("analysts" in pair for pair in pairs)
    assert ("nora-lind", "omar-reyes") not in pairs


def test_affiliated_speakers_add_speaker_weight_where_strangers_lose_it():
    frame = prepare(units([
        ("wire-a", "brightsoft", "organization", "Brightsoft", "", PATCH_COMPANY),
        ("wire-b", "nora-lind", "person", "Brightsoft spokeswoman Nora Lind", "spokeswoman", PATCH),
        ("wire-c", "carl-berg", "person", "Carl Berg", "", PATCH),
    ]))
    feats = build(frame)
    speakers, articles = frame["speaker_id"].tolist(), frame["article"].to_numpy()
    plain = pair_scores(feats, speakers, articles, DEFAULT_PARAMS)
    tied = pair_scores(feats, speakers, articles, DEFAULT_PARAMS, affiliated=affiliated_speakers(frame))

    def score(graph, a: str, b: str) -> float:
        i, j = sorted((speakers.index(a), speakers.index(b)))
        return float(graph.score[(graph.left == i) & (graph.right == j)][0])

    weight = DEFAULT_PARAMS.speaker_weight  # minus for clearly different speakers, plus for agreeing ones
    assert score(tied, "brightsoft", "nora-lind") >= score(plain, "brightsoft", "nora-lind") + 2 * weight - 1e-9
    assert np.isclose(score(tied, "brightsoft", "carl-berg"), score(plain, "brightsoft", "carl-berg"))


def test_a_quote_of_two_sentences_goes_with_the_remark_it_opens_with():
    """Outlets print two remarks of the mayor apart; one joins them. The second is a little longer, so it shares
    more words with the joined unit, yet it starts in the joined unit's second sentence: the joined unit is filed
    under the remark it opens with, and the two remarks stay apart."""
    first = "Even after tonight's vote, the fight over the library budget is not finished,"
    second = "There is more work for the council, more hard questions for the planning office and a long wait."
    rows = [("paper-a", "lena-ortiz", "person", "Ortiz", "", first),
            ("paper-a", "lena-ortiz", "person", "Ortiz", "", second),
            ("paper-b", "lena-ortiz", "person", "Mayor Lena Ortiz", "mayor", first),
            ("paper-b", "lena-ortiz", "person", "Ortiz", "", second),
            ("paper-c", "lena-ortiz", "person", "Mayor Lena Ortiz", "mayor", f"{first[:-1]}. {second}")]
    result = reconcile(units(rows))
    opening, later = statement_of(result, "Even after", "paper-a"), statement_of(result, "There is more", "paper-a")
    assert opening != later
    assert statement_of(result, "Even after", "paper-b") == opening
    assert statement_of(result, "There is more", "paper-b") == later
    assert statement_of(result, "Even after", "paper-c") == opening


def test_numbers_spelled_or_in_digits_and_percent_signs_are_one_wording():
    assert tokenize("It took 3 years and cost 50% more.") == tokenize("It took three years and cost 50 percent more.")
    assert tokenize("up 50 per cent") == tokenize("up 50%")
    assert tokenize("0.2 percent of 1,000 homes") == ["02", "percent", "of", "1000", "homes"]
    assert tokenize("2008") == ["2008"]  # years and large numbers stay digits
    assert not wording_differs(tokenize("We waited 9 days for a reply."), tokenize("We waited nine days for a reply."))
    assert wording_differs(tokenize("We waited 9 days for a reply."), tokenize("We waited 10 days for a reply."))
