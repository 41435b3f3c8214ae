"""Pairing of double quotation marks when the text gets them wrong: a lost closing mark, marks
spaced by a program that re-joined tokens, quotes that run over paragraphs. Own sentences in news style."""

from __future__ import annotations

import time

from quotes.extract.mark_evidence import direction_evidence, rejoined_from_tokens
from quotes.extract.marks import find_quoted_spans


def quoted(text: str) -> list[str]:
    """The content of each quotation found, pieces joined by ' | '."""
    return [" | ".join(text[a:b] for a, b in span.pieces) for span in find_quoted_spans(text)]


def test_a_lost_closing_mark_does_not_flip_the_later_quotes():
    text = (
        '"We are proud of the new bridge, the mayor said at the opening. Council members praised the '
        'engineers, and the governor called it "a landmark for the region." Later she added, "We will '
        'build two more before the next election."'
    )
    found = quoted(text)
    # the lost mark costs the first quote its end, never the pairing of the later ones
    assert found[-2:] == ["a landmark for the region.", "We will build two more before the next election."]
    assert not any("Council members praised" in q and "landmark" not in q for q in found[1:])


def test_straight_marks_spaced_by_a_detokeniser_read_the_right_way_round():
    text = (
        'The coach spoke after the game. " I had my phone on silent so I missed the call, "he said. '
        '" It was my agent and I rang her back straight away. "\n\nThe team flies home on Monday.'
    )
    assert rejoined_from_tokens(text, [i for i, ch in enumerate(text) if ch == '"'])
    assert quoted(text) == [
        "I had my phone on silent so I missed the call,",
        "It was my agent and I rang her back straight away.",
    ]


def test_a_stray_mark_in_rejoined_text_resyncs_at_the_next_reliable_mark():
    # the missing closing mark after "ready." flips the joiner's spacing of every later mark
    text = (
        '"We have been waiting for this moment and we are ready. Chairman Keane added the board had" '
        'always believed in me "when others did not, and that" the future starts now ". '
        'The club confirmed the deal on Friday. " I could not be happier, "he said. " We go again next season. "'
    )
    found = quoted(text)
    assert "always believed in me" in found
    assert "the future starts now" in found
    assert "I could not be happier," in found
    assert "We go again next season." in found
    assert not any("The club confirmed" in q for q in found)


def test_a_cue_after_the_mark_makes_it_a_closing_mark():
    text = 'They won again. " We never gave up, "said the captain.'
    close = text.index('"said')
    assert direction_evidence(text, close, trust_spacing=False) < 0
    assert direction_evidence(text, text.index('" We'), trust_spacing=False) >= 0


def test_a_quote_reopened_after_a_paragraph_break_is_one_quotation():
    text = (
        '"The plant will close in March and three hundred jobs will go.\n\n'
        '"We tried every buyer we could find," the owner said.\n\nWorkers met on Tuesday.'
    )
    spans = find_quoted_spans(text)
    assert len(spans) == 1 and spans[0].closed
    assert quoted(text) == ["The plant will close in March and three hundred jobs will go. | We tried every buyer we could find,"]


def test_an_unclosed_quote_ends_at_its_paragraph_when_nothing_reopens_it():
    text = '"The plant will close in March, the owner said.\n\nWorkers met on Tuesday to discuss the news.'
    assert quoted(text) == ["The plant will close in March, the owner said."]


def test_well_typeset_text_pairs_as_written():
    text = ('Mayor Jane Ortiz said, "We will rebuild the bridge." The 6" pipes burst, officials said. '
            '„Wir sind bereit“, sagte sie. «Nous verrons», a-t-il dit.')
    assert quoted(text) == ["We will rebuild the bridge.", "Wir sind bereit", "Nous verrons"]


def test_many_stray_marks_decode_in_linear_time():
    text = ('He said " it " was " fine. ' * 20_000) + '"We are done," she said.'
    started = time.perf_counter()
    spans = find_quoted_spans(text)
    assert time.perf_counter() - started < 10
    assert text[spans[-1].pieces[0][0] : spans[-1].pieces[0][1]] == "We are done,"


def test_in_rejoined_text_a_quote_runs_on_over_inferred_paragraph_breaks():
    # the joiner split one long quotation into paragraphs without reopening marks
    text = (
        'The manager was asked about the new signing. " He is the best player I have ever worked with, '
        '"he said. " He will make us better.\n\nI know the fans will love him.\n\nWe are lucky to have him. " '
        'The club paid a record fee for the striker.'
    )
    found = quoted(text)
    assert found[0] == "He is the best player I have ever worked with,"
    assert found[1] == "He will make us better. | I know the fans will love him. | We are lucky to have him."
    assert len(found) == 2


def test_dialogue_dashes_open_speech_only_when_touching_a_word_at_a_paragraph_start():
    text = ("—We will not play —said the violinist—. Not for this pay.\n\n"
            "The talks resumed — briefly — on Monday.\n\n"
            "——— Reporters in Holmvik contributed to this report.\n\n"
            "— Jane Roe, Holmvik")
    assert quoted(text) == ["We will not play", "Not for this pay."]


def test_single_marks_reopened_in_each_paragraph_run_over_them_and_an_unclosed_one_ends_with_its_paragraph():
    text = ("'We will not back down. The pay offer is an insult.\n\n"
            "'Our members voted for this.'\n\n"
            "The talks resume on Monday.\n\n"
            "'They have waited a long time for this.\n\n"
            "The '90s were different, he said.")
    assert quoted(text) == ["We will not back down. The pay offer is an insult. | Our members voted for this.",
                            "They have waited a long time for this."]


def test_narration_running_to_a_dialogue_paragraphs_end_is_no_speech():
    text = ("—We tried everything —said the coach.\n\n"
            "— Nobody talks about the injuries — he said, in reference to the centre.\n\n"
            "— The players are not guilty — affirmed Neves —, it is the coach who pays.")
    assert quoted(text) == ["We tried everything", "Nobody talks about the injuries", "The players are not guilty",
                            "it is the coach who pays."]


def test_corner_brackets_pair_with_their_nested_form():
    text = ("Velloran's Quist: 「We built the lightest headset yet.」\n\n"
            "Quist said: 「The reviewers called it 『a brick』, and they were wrong,」 to laughter.")
    assert quoted(text) == ["We built the lightest headset yet.", "The reviewers called it 『a brick』, and they were wrong,"]
