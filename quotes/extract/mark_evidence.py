"""Evidence for the direction of a double quotation mark, and for a stretch of text being speech.

Both are log-odds: positive means "this mark opens a quotation" or "this stretch is quoted speech".
quotes.extract.marks weighs them jointly over a paragraph's marks, so each constant below only has to say
how much one clue is worth against the others, not decide anything alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from quotes.extract.cues import SPEECH_VERB_FORMS

#: One side of a mark by its spacing (space before and a word after opens; a word before and a space
#: after closes). About 3:1 each side, and no more: detokenised archives attach marks to the wrong
#: word after any stray mark, so spacing must be outweighed by two anchors below.
SPACING = 1.0
#: Punctuation attached right after a mark ('"word".' or '" ,'): quotations never open on a comma or full stop.
PUNCT_AFTER = 2.0
#: A mark that starts or ends its paragraph: quotations open paragraphs and close them, the reverse is an error.
PARAGRAPH_EDGE = 3.0
#: A colon just before the mark: 'She added: "'.
COLON_BEFORE = 2.0
#: A reporting verb before that colon or comma ('she said, "'): a second, independent clue.
CUE_BEFORE = 2.0
#: A reporting clause right after the mark ('," he said', '" said the minister'): the strongest
#: text-level clue, as strong as paragraph edges since the cue is what news style puts after a closing mark.
CUE_AFTER = 3.0
#: A curly or angle mark's shape (“ ” „ « »): typesetters seldom get it wrong, so it outweighs any spacing.
GLYPH = 4.0
#: A stretch in the first or second person (I, we, my, you) reads as speech: news narration is third person.
SPEECH_PERSON = 1.5
#: A stretch holding a reporting clause ("he said", "Ortiz added", "said Jane") reads as narration.
REPORTING_CLAUSE = 1.5

_OPENS_AFTER = " \t\u00a0([{—–/"        # characters after which a mark that touches the next word opens
_PUNCT = ".,;:!?)]}"
_FORMS = "|".join(sorted(SPEECH_VERB_FORMS, key=len, reverse=True))
_NAME = r"(?:he|she|they|it|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}|the\s+[a-z]+(?:\s+[a-z]+)?)"
#: Right after a closing mark: "he said", "Ortiz added", "said Jane Roe", "the minister told".
_CUE_AFTER = re.compile(rf"\s*(?:{_NAME}\s+(?:{_FORMS})\b|(?:{_FORMS})\s+(?:he|she|the\s|[A-Z]))")
_CUE_BEFORE = re.compile(rf"\b(?:{_FORMS})\s*[,:]\s*$", re.IGNORECASE)
_PERSON = re.compile(r"(?<![\w'’])(?:I|me|my|My|mine|we|We|our|Our|us|you|You|your|Your)(?![\w])")
_REPORTING = re.compile(
    rf"(?<![\w'’])(?:(?:he|she|they|He|She|They|(?!(?:We|You|My|Our|Your|I)\b)[A-Z][a-z]+)\s+(?:{_FORMS})\b"
    rf"|(?:{_FORMS})\s+(?:he|she|[A-Z][a-z]+)\b)"
)
#: How far around a mark the cue patterns look (characters): a cue clause is a few words.
_CUE_WINDOW = 60


def _prev_char(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else "\n"


def _next_char(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else "\n"


def _looks_opening(text: str, i: int) -> bool:
    return _prev_char(text, i) in " \t\n\r\u00a0([{—–-/:;,\x00" and not _next_char(text, i).isspace()


def _looks_closing(text: str, i: int) -> bool:
    return not _prev_char(text, i).isspace() and (_next_char(text, i).isspace() or _next_char(text, i) in _PUNCT + "—–-…")


def glyph_bias(text: str, i: int) -> float:
    """Log-odds of opening a curly or angle mark's shape gives; 0 for straight marks, or a shape used both ways
    (“ closing German „…“, ” opening Swedish ”…”, » opening Danish »…«) when its spacing says so."""
    ch = text[i]
    if ch in "「":  # a corner bracket is never used the other way round
        return 2 * GLYPH
    if ch in "」":
        return -2 * GLYPH
    if ch in "„〝":
        return GLYPH
    if ch in "“«":
        return 0.0 if _looks_closing(text, i) else GLYPH
    if ch in "”»〞":
        return 0.0 if _looks_opening(text, i) else -GLYPH
    return 0.0


def rejoined_from_tokens(text: str, marks: list[int]) -> bool:
    """Whether the text's straight marks were spaced by a program re-joining tokens, not by a writer.

    A writer never leaves a straight mark free between two spaces; a detokeniser does, and then
    attaches the others by counting, so after any stray mark their spacing says the opposite of the
    truth. Two such marks, and at least one in ten, mark the whole text as re-joined.
    """
    straight = [i for i in marks if text[i] in "\"＂"]
    free = sum(1 for i in straight if _prev_char(text, i) in " \t\u00a0" and _next_char(text, i) in " \t\u00a0")
    return free >= 2 and 10 * free >= len(straight)


def spacing_evidence(text: str, i: int) -> float:
    """Log-odds of opening from the characters touching the mark on each side."""
    before, after = _prev_char(text, i), _next_char(text, i)
    score = 0.0
    if before in _OPENS_AFTER or before == "\n":
        score += SPACING
    elif before.isalnum() or before in _PUNCT.replace(":", "") + "…'’":
        score -= SPACING
    if after.isspace():
        score -= SPACING
    elif after in _PUNCT:
        score -= PUNCT_AFTER
    elif after.isalnum() or after in "([‘'":
        score += SPACING
    return score


def context_evidence(text: str, i: int) -> float:
    """Log-odds of opening from the paragraph edges, a colon and the reporting clauses around the mark."""
    score = 0.0
    j = i - 1
    while j >= 0 and text[j] in " \t\u00a0\r":
        j -= 1
    k = i + 1
    while k < len(text) and text[k] in " \t\u00a0\r":
        k += 1
    left = text[j] if j >= 0 else "\n"
    right = text[k] if k < len(text) else "\n"
    if left == "\n":
        score += PARAGRAPH_EDGE
    if right == "\n":
        score -= PARAGRAPH_EDGE
    if left == ":":
        score += COLON_BEFORE
    elif left in ",.!?—–-…" and _CUE_AFTER.match(text[i + 1 : i + 1 + _CUE_WINDOW]):
        return score - CUE_AFTER  # '," he said': the cue after settles it, whatever precedes the comma
    if left in ",:" and _CUE_BEFORE.search(text, max(0, j - _CUE_WINDOW), j + 1):
        score += CUE_BEFORE
    return score


def direction_evidence(text: str, i: int, *, trust_spacing: bool = True) -> float:
    """Log-odds that the double mark at ``i`` opens a quotation rather than closes one.

    Without ``trust_spacing`` (a text re-joined from tokens) a straight mark's spacing is ignored,
    except punctuation attached after it, which no joiner puts after an opening mark.
    """
    spacing = spacing_evidence(text, i)
    if not trust_spacing and text[i] in "\"＂":
        spacing = -PUNCT_AFTER if _next_char(text, i) in _PUNCT else 0.0
    return glyph_bias(text, i) + spacing + context_evidence(text, i)


class StretchEvidence:
    """Log-odds that a stretch of ``text`` is quoted speech, from the clues it holds (found once, looked up by range)."""

    def __init__(self, text: str) -> None:
        self._person = [m.start() for m in _PERSON.finditer(text)]
        self._reporting = [m.start() for m in _REPORTING.finditer(text)]

    @staticmethod
    def _any(positions: list[int], start: int, end: int) -> bool:
        k = bisect_left(positions, start)
        return k < len(positions) and positions[k] < end

    def __call__(self, start: int, end: int) -> float:
        """Evidence of the stretch [start, end)."""
        if end <= start:
            return 0.0
        score = SPEECH_PERSON if self._any(self._person, start, end) else 0.0
        if self._any(self._reporting, start, end):
            score -= REPORTING_CLAUSE
        return score
