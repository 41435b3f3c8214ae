"""Quotation-mark pairing at the character level, for every mark style news text uses.

Pairs “ ” " „ « » (and ‘ ’ ' ‚ ´ ‹ › at the top level, told apart from apostrophes) into spans,
follows quotes over paragraph breaks when the next paragraph reopens them, and closes a quote
that is never closed at its paragraph's end instead of failing. Runs in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

DOUBLE_MARKS = "“”„‟«»\"〝〞＂"
SINGLE_MARKS = "‘’‚‛‹›'´`"
_OPENING_CONTEXT = " \t\n\r([{—–-/:;,\u00a0\x00" + DOUBLE_MARKS
_CLOSING_FOLLOW = " \t\n\r.,;:!?)]}—–-…\u00a0" + DOUBLE_MARKS
_PARAGRAPH_BREAK = re.compile(r"\n")
#: Stands in for the first apostrophe of a '' pair while scanning (same length, never a mark).
_PAIR_PAD = "\x00"
#: Longest single-quoted span considered a quotation (longer pairs are apostrophes by accident).
MAX_SINGLE_SPAN = 400


@dataclass(frozen=True)
class QuotedSpan:
    """One quotation's content between its marks; ``pieces`` splits it at reopened paragraphs."""

    open: int                           # index of the opening mark
    close: int                          # index of the closing mark, or the content end when unclosed
    pieces: tuple[tuple[int, int], ...]  # content ranges, without marks
    closed: bool
    single: bool                        # single-mark style (‘ ’ ')

    @property
    def content_start(self) -> int:
        return self.pieces[0][0]

    @property
    def content_end(self) -> int:
        return self.pieces[-1][1]

    @property
    def end(self) -> int:
        """End of the span including the closing mark."""
        return self.close + 1 if self.closed else self.close


def paragraph_ends(text: str) -> list[int]:
    """Sorted indices of newline characters: quotes never silently run through one."""
    return [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else " "


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else " "


def _looks_opening(text: str, i: int) -> bool:
    return _prev(text, i) in _OPENING_CONTEXT and not _next(text, i).isspace()


def _looks_closing(text: str, i: int) -> bool:
    return not _prev(text, i).isspace() and (_next(text, i) in _CLOSING_FOLLOW or i + 1 >= len(text))


def _starts_paragraph(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\u00a0\r":
        j -= 1
    return j < 0 or text[j] == "\n"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == _PAIR_PAD):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == _PAIR_PAD):
        end -= 1
    return start, end


def _double_spans(text: str) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    opener: tuple[int, str] | None = None
    pieces: list[tuple[int, int]] = []
    piece_start = 0

    def finish(close: int, closed: bool) -> None:
        nonlocal opener, pieces
        assert opener is not None
        start, end = _trim(text, piece_start, close)
        all_pieces = [p for p in (*pieces, (start, end)) if p[1] > p[0]]
        if all_pieces:
            spans.append(QuotedSpan(opener[0], close, tuple(all_pieces), closed, single=False))
        opener, pieces = None, []

    i = 0
    n = len(text)
    while i < n:
        # jump to the next mark or newline
        j = i
        while j < n and text[j] not in DOUBLE_MARKS and text[j] != "\n":
            j += 1
        if j >= n:
            break
        ch = text[j]
        i = j + 1
        if ch == "\n":
            if opener is None:
                continue
            # an open quote meets a paragraph end: it goes on only if the next paragraph reopens it
            k = j
            while k < n and text[k] in " \t\r\n\u00a0":
                k += 1
            if k < n and text[k] in "“„«\"" and not _looks_closing(text, k):
                pieces.append(_trim(text, piece_start, j))
                piece_start = k + 1
                i = k + 1
            else:
                finish(j, closed=False)
            continue
        if opener is None:
            if ch in "”»" and not _looks_opening(text, j):
                continue  # a stray closing mark
            if ch in "\"＂" and _next(text, j).isspace():
                continue  # a stray straight mark (inch sign, typo)
            opener, piece_start = (j, ch), j + 1
            continue
        open_char = opener[1]
        is_close = (
            ch in "”＂〞"
            or (ch == "“" and (open_char == "„" or _looks_closing(text, j)))
            or (ch == "«" and open_char == "»")
            or (ch == "»" and open_char != "»")
            or (ch == "\"" and not (_prev(text, j).isspace() and _next(text, j).isalnum()))
        )
        if is_close:
            finish(j, closed=True)
        else:
            # a new opening mark while one is open: the first one was never closed
            finish(j, closed=False)
            opener, piece_start = (j, ch), j + 1
    if opener is not None:
        finish(n, closed=False)
    return spans


def _single_spans(text: str, blocked: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Single-mark quotations outside double-quoted spans; apostrophes inside words never count."""
    openers: list[int] = []
    closers: list[int] = []
    for m in re.finditer(r"[‘’‚‛‹›'´`]", text):
        i = m.start()
        prev_ch, next_ch = _prev(text, i), _next(text, i)
        if prev_ch.isalnum() and next_ch.isalnum():
            continue  # don't, Moscow´s
        ch = text[i]
        if ch in "‘‚‛‹'´`" and prev_ch in _OPENING_CONTEXT and (next_ch.isalnum() or next_ch in DOUBLE_MARKS):
            openers.append(i)
        elif ch in "’›'´" and _looks_closing(text, i):
            closers.append(i)
    spans: list[QuotedSpan] = []
    ci = 0
    last_end = -1
    for o in openers:
        if o < last_end:
            continue
        while ci < len(closers) and closers[ci] <= o:
            ci += 1
        if ci >= len(closers):
            break
        c = closers[ci]
        if c - o > MAX_SINGLE_SPAN or "\n" in text[o:c]:
            continue
        start, end = _trim(text, o + 1, c)
        if end > start:
            spans.append(QuotedSpan(o, c, ((start, end),), closed=True, single=True))
            last_end = c + 1
    # a single mark inside a double-quoted span, or one pairing across its edge, is nested or an
    # apostrophe: only single spans clear of every double span (or wrapping whole ones) are kept
    return [s for s in spans if not _inside_any(blocked, s.open) and not _inside_any(blocked, s.close)]


def _inside_any(ranges: list[tuple[int, int]], pos: int) -> bool:
    """True when ``pos`` lies in one of ``ranges`` ([start, end), sorted by start, non-overlapping)."""
    k = bisect_right(ranges, pos, key=lambda r: r[0]) - 1
    return k >= 0 and pos < ranges[k][1]


def _within(ranges: list[tuple[int, int]], start: int, end: int, *, strict: bool = False) -> bool:
    """True when [start, end) lies inside one of ``ranges`` (sorted by start, non-overlapping).

    Only the last range starting at or before ``start`` (before it, when ``strict``) can hold it,
    so a binary search keeps the filtering O(n log n) instead of comparing every pair.
    """
    k = (bisect_left if strict else bisect_right)(ranges, start, key=lambda r: r[0]) - 1
    return k >= 0 and end <= ranges[k][1]


def _widen_paired_apostrophes(scan: str, span: QuotedSpan) -> QuotedSpan:
    """A span opened by '' starts at its first apostrophe."""
    if span.open > 0 and scan[span.open - 1] == _PAIR_PAD:
        return QuotedSpan(span.open - 1, span.close, span.pieces, span.closed, span.single)
    return span


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """All top-level quotations in ``text``, in order; nested quotes stay inside their outer span.

    Two apostrophes ('') stand for a double mark, as some archives render “ and ”.
    """
    if "''" in text:
        scan = text.replace("''", _PAIR_PAD + '"')
        return [_widen_paired_apostrophes(scan, s) for s in _find_spans(scan)]
    return _find_spans(text)


def _find_spans(text: str) -> list[QuotedSpan]:
    doubles = _double_spans(text)
    outer = [(s.open, s.end) for s in doubles]
    singles = _single_spans(text, outer)
    # a double-quoted span nested inside a single-quoted one belongs to it
    single_ranges = [(s.open, s.end) for s in singles]
    doubles = [d for d in doubles if not _within(single_ranges, d.open, d.end, strict=True)]
    return sorted([*doubles, *singles], key=lambda s: s.open)
