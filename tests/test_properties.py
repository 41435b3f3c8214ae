"""Property tests: quotation-mark pairing on arbitrary text, extraction and attribution on mutated real text.

The real paragraphs come from the bundled sample story; mutations swap, delete and insert quotation
marks of every style, drop punctuation, break lines, duplicate segments and add unicode junk. Whatever
the input, nothing raises, offsets stay in range, every quote is made of its parts, and runs repeat.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.extract.marks import DOUBLE_MARKS, SINGLE_MARKS, _inside_any, _within, find_quoted_spans

SAMPLES = Path(__file__).resolve().parents[1] / "quotes" / "samples" / "nato-2021"
MARKS = DOUBLE_MARKS + SINGLE_MARKS + "‹›"
#: Characters that break tokenisers and layout code: zero-width, bidi, combining, NBSP, controls, emoji, CJK.
JUNK = "\u200b\u200d\u200e\u202e\ufeff\u0301\u00a0\u2028\u2029\x00\x07\x0b\x0c\x1b\x85\t\r🙂東京ß"


def real_paragraphs(limit: int = 30) -> list[str]:
    """Up to ``limit`` paragraphs with quotation marks from the sample story."""
    found = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            paragraph = paragraph.strip()
            if 30 < len(paragraph) < 700 and any(mark in paragraph for mark in "“”\"«»"):
                found.append(paragraph)
    return found[:limit]


PARAGRAPHS = real_paragraphs()


@st.composite
def mutated_text(draw) -> str:
    """One to three real paragraphs, then a few random mutations."""
    text = "\n\n".join(draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=3)))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["swap", "delete", "insert", "unpunct", "newline", "duplicate", "junk"]))
        marks_at = [i for i, ch in enumerate(text) if ch in MARKS]
        at = draw(st.integers(0, len(text)))
        if kind == "swap" and marks_at:
            i = draw(st.sampled_from(marks_at))
            text = text[:i] + draw(st.sampled_from(MARKS)) + text[i + 1 :]
        elif kind == "delete" and marks_at:
            i = draw(st.sampled_from(marks_at))
            text = text[:i] + text[i + 1 :]
        elif kind == "insert":
            text = text[:at] + draw(st.text(st.sampled_from(MARKS), min_size=1, max_size=3)) + text[at:]
        elif kind == "unpunct":
            text = text.translate(str.maketrans("", "", draw(st.sampled_from([".,", ";:!?", ".,;:!?—-"]))))
        elif kind == "newline":
            text = text[:at] + draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r"])) + text[at:]
        elif kind == "duplicate":
            end = draw(st.integers(at, min(len(text), at + 200)))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == "junk":
            text = text[:at] + draw(st.text(st.sampled_from(JUNK), min_size=1, max_size=4)) + text[at:]
    return text


def unit_summary(quotes) -> list[tuple]:
    return [(q.start, q.end, tuple(q.parts), q.kind, q.text, q.cue, q.speaker, q.speaker_id) for q in quotes]


# --- quotation-mark pairing (pure function: many examples) ---------------------------------------

MARKY_TEXT = st.text(st.sampled_from(MARKS + string.ascii_letters[:6] + "  \n\t.,:—-()"), max_size=120)


def check_spans(text: str) -> None:
    spans = find_quoted_spans(text)
    previous_end = 0
    for span in spans:
        opening = "—―" if span.dialogue else MARKS  # dialogue opens and closes with dashes
        assert 0 <= span.open < len(text) and text[span.open] in opening
        assert span.open >= previous_end, "spans overlap or are out of order"
        assert span.open < span.close <= len(text)
        if span.closed:
            assert text[span.close] in opening and span.end == span.close + 1
        assert span.pieces and all(span.open < a < b <= span.close for a, b in span.pieces)
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(span.pieces, span.pieces[1:]))
        assert all(not text[a].isspace() and not text[b - 1].isspace() for a, b in span.pieces)
        previous_end = span.end


@settings(max_examples=1500, deadline=None)
@given(MARKY_TEXT)
def test_spans_on_mark_soup_are_ordered_disjoint_and_inside_the_text(text):
    check_spans(text)


@settings(max_examples=400, deadline=None)
@given(mutated_text())
def test_spans_on_mutated_real_text_are_ordered_disjoint_and_inside_the_text(text):
    check_spans(text)
    assert find_quoted_spans(text) == find_quoted_spans(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 5)), max_size=8), st.integers(0, 120),
       st.integers(0, 10), st.booleans())
def test_range_lookups_match_a_linear_scan(gaps, start, length, strict):
    ranges, cursor = [], 0
    for gap, size in gaps:  # sorted, disjoint ranges
        ranges.append((cursor + gap, cursor + gap + size))
        cursor += gap + size
    end = start + length
    expected = any((a < start if strict else a <= start) and end <= b for a, b in ranges)
    assert _within(ranges, start, end, strict=strict) == expected
    assert _inside_any(ranges, start) == any(a <= start < b for a, b in ranges)


def test_the_sample_paragraphs_are_real_and_many():
    assert len(PARAGRAPHS) >= 20 and all(find_quoted_spans(p) for p in PARAGRAPHS)


# --- extraction and attribution on a parsed Doc (slow: few examples) ------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=mutated_text())
def test_units_are_made_of_their_parts_in_range_and_deterministic(nlp, text):
    quotes = nlp(text)._.quotes
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text), (q.start, q.end, len(text))
        assert q.kind in ("direct", "partial", "indirect", "block")
        assert q.parts, q
        for a, b in q.parts:
            assert q.start <= a <= b <= q.end, (q.start, q.end, q.parts)
        # the text is the parts joined, less the marks of fragments woven into a phrase (extras["marks"])
        marks = set(q.extras.get("marks", ()))
        dropped = [i for i in marks if any(a <= i < b for a, b in q.parts)]
        assert all(text[i] in MARKS for i in dropped), (dropped, text[q.start : q.end])  # never a letter
        joined = " ".join("".join(c for i, c in enumerate(text[a:b], start=a) if i not in marks) for a, b in q.parts)
        assert q.text.split() == joined.split()
    assert unit_summary(nlp(text)._.quotes) == unit_summary(quotes)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "“", "”", "\"", "'", "“”", "‘’", "„“", "«»", "\"\"\"",
                                  "“ ”", "said", "“Yes,” said.", "“\n\n”", "\r\r“a b c d”\r", "\x00“x”\x00"])
def test_degenerate_inputs_do_not_raise(nlp, text):
    for q in nlp(text)._.quotes:
        assert 0 <= q.start <= q.end <= len(text)
