"""Quotation-mark pairing at the character level, for every mark style news text uses.

Double marks are paired by decoding the likeliest open/closed reading of the text from the evidence
of quotes.extract.mark_evidence (a stray or missing straight mark costs one error, never the rest of the article).

Pairs “ ” " „ « » 「 」 (and ‘ ’ ' ‚ ´ ‹ › 『 』 at the top level, told apart from apostrophes) into spans,
follows quotes over paragraph breaks when the next paragraph reopens them, and closes a quote
that is never closed at its paragraph's end instead of failing. Runs in linear time.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from quotes.extract.mark_evidence import StretchEvidence, direction_evidence, rejoined_from_tokens

DOUBLE_MARKS = "“”„‟«»\"〝〞＂「」"
SINGLE_MARKS = "‘’‚‛‹›'´`『』"
#: Every quotation mark the extraction pairs.
QUOTATION_MARKS = DOUBLE_MARKS + SINGLE_MARKS
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
    dialogue: bool = False              # a stretch of a dialogue paragraph opened by a dash (see _dialogue_spans)

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


def _looks_closing(text: str, i: int) -> bool:
    """A single mark touching the word before it and followed by a space or punctuation (’ ' ›)."""
    return not _prev(text, i).isspace() and (_next(text, i) in _CLOSING_FOLLOW or i + 1 >= len(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == _PAIR_PAD):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == _PAIR_PAD):
        end -= 1
    return start, end


#: Cost of a mark the text lost: a closing mark missing before an opening one, at a paragraph end,
#: or where a quote runs on into a paragraph that does not reopen it. 3 is odds of about 20:1
#: against: dearer than overruling a weakly spaced straight mark (about 1.3) so pairs are kept,
#: cheaper than overruling a curly mark's shape (about 6).
MISSING_MARK = 3.0
#: Cost of a mark with no role at all (an extra mark, an inch sign): higher than a lost mark's, as
#: writers and converters drop marks more often than they add them.
STRAY_MARK = 4.0
#: Cost of a paragraph break inside a quotation without a reopening mark, or of a reopening mark
#: inside a paragraph, in a text re-joined from tokens: its paragraphs were inferred by the program
#: that joined it, so a quote running on over a break, or a lost break before a reopening mark, is
#: the joiner's doing, a third as unlikely as a writer's lost mark.
INFERRED_BREAK = 1.0
#: A sentence end inside a stretch: where a quotation that lost its closing mark most likely ended.
_SENTENCE_END = re.compile(r"[.!?…][\"”’'\])]*(?=\s+\S)")
_OUT, _IN = 0, 1
_LN2 = math.log(2.0)
#: One way to reach a state: (total cost, previous state, action, position the action needs).
_Option = tuple[float, int, str, int]


def _softplus(x: float) -> float:
    """-log(1 - sigmoid(x)): the cost of an outcome whose log-odds against are ``x``."""
    return x + math.log1p(math.exp(-x)) if x > 0 else math.log1p(math.exp(x))


@dataclass(frozen=True)
class _Event:
    """A double mark, a paragraph break, or a break followed by a mark that starts the next paragraph."""

    segment: tuple[int, int]  # the text since the previous event
    mark: int | None          # index of the mark, if any
    brk: int | None           # index of the first newline of the break, if any
    resume: int               # where the next segment starts


def _events(text: str) -> list[_Event]:
    """Marks and paragraph breaks in text order, one pass."""
    events: list[_Event] = []
    pattern = re.compile("[" + re.escape(DOUBLE_MARKS) + "]|\n[ \t\r\n\u00a0]*")
    last = 0
    for m in pattern.finditer(text):
        if m.start() < last:
            continue
        if text[m.start()] != "\n":
            events.append(_Event((last, m.start()), m.start(), None, m.start() + 1))
            last = m.start() + 1
            continue
        q = m.end()
        if q < len(text) and text[q] in DOUBLE_MARKS:
            events.append(_Event((last, m.start()), q, m.start(), q + 1))
            last = q + 1
        else:
            events.append(_Event((last, m.start()), None, m.start(), q))
            last = q
    events.append(_Event((last, len(text)), None, None, len(text)))
    return events


@dataclass
class _Reading:
    """What the decoder knows about a text: its evidence and the costs it charges."""

    text: str
    stretch: StretchEvidence
    sentence_ends: list[int]
    trust_spacing: bool
    lost_break: float

    def stretch_costs(self, a: int, b: int) -> tuple[float, float]:
        """Cost of reading [a, b) as narration and as speech (0 each for a stretch without clues)."""
        e = self.stretch(a, b)
        return _softplus(e) - _LN2, _softplus(-e) - _LN2

    def options(self, ev: _Event, cost: list[float]) -> tuple[list[_Option], list[_Option]]:
        """Ways to be outside and inside a quotation right after ``ev``, from the costs before it."""
        a, b = ev.segment
        seg_out, seg_in = self.stretch_costs(a, b)
        base_out, base_in = cost[_OUT] + seg_out, cost[_IN] + seg_in
        if ev.mark is None and ev.brk is None:  # end of text
            return [(base_out, _OUT, "end", 0), (base_in + MISSING_MARK, _IN, "end", 0)], []
        if ev.mark is None:  # a paragraph break
            return [(base_out, _OUT, "", 0), (base_in + MISSING_MARK, _IN, "unclosed", 0)], [(base_in + self.lost_break, _IN, "carry", 0)]
        d = direction_evidence(self.text, ev.mark, trust_spacing=self.trust_spacing)
        c_open, c_close = _softplus(-d), _softplus(d)
        outs: list[_Option] = [(base_out + STRAY_MARK, _OUT, "stray", 0)]
        ins: list[_Option] = [(base_out + c_open, _OUT, "open", 0), (base_in + STRAY_MARK, _IN, "stray", 0)]
        if ev.brk is not None:  # a mark opening a paragraph: reopens a quotation that runs on, or opens one
            ins.append((base_in + c_open, _IN, "reopen", 0))
            outs.append((base_in + self.lost_break + c_close, _IN, "carry-close", 0))
            outs.append((base_in + MISSING_MARK + STRAY_MARK, _IN, "unclosed-stray", 0))
            return outs, ins
        outs.append((base_in + c_close, _IN, "close", 0))
        # or the mark opens a new quotation and the open one lost its closing mark at its last sentence end
        p = self._last_sentence_end(a, b)
        _, head_in = self.stretch_costs(a, p)
        tail_out, _ = self.stretch_costs(p, b)
        missing = self.lost_break if p == b or self.text[p:b].isspace() else MISSING_MARK  # right before the mark: a lost paragraph break
        ins.append((cost[_IN] + head_in + tail_out + missing + c_open, _IN, "reclose", p))
        return outs, ins

    def _last_sentence_end(self, a: int, b: int) -> int:
        """Where the words of the last sentence in [a, b) end (b when none ends there)."""
        k = bisect_left(self.sentence_ends, b) - 1
        p = self.sentence_ends[k] if k >= 0 and self.sentence_ends[k] > a else b
        while p > a and (self.text[p - 1].isspace() or self.text[p - 1] == _PAIR_PAD):
            p -= 1  # a '' pair's first apostrophe belongs to the next span
        return p


def _double_spans(text: str) -> list[QuotedSpan]:
    """Pair double marks by decoding the most likely reading of the whole text (Viterbi, two states).

    Each mark has evidence of opening or closing (quotes.extract.mark_evidence), each stretch between marks
    evidence of being speech or narration; the reading is the sequence of open/closed states that
    explains both at least cost, where a mark the text lost costs MISSING_MARK and one with no role
    STRAY_MARK. So a lost closing mark costs one error at the next reliable point instead of flipping
    every later pair. Linear in the number of marks and paragraphs.
    """
    events = _events(text)
    trust_spacing = not rejoined_from_tokens(text, [ev.mark for ev in events if ev.mark is not None])
    reading = _Reading(
        text, StretchEvidence(text), [m.end() for m in _SENTENCE_END.finditer(text)], trust_spacing,
        MISSING_MARK if trust_spacing else INFERRED_BREAK,
    )
    inf = float("inf")
    cost = [0.0, inf]
    back: list[tuple[tuple[int, str, int], tuple[int, str, int]]] = []
    for ev in events:
        outs, ins = reading.options(ev, cost)
        best_out = min(outs) if outs else (inf, _OUT, "", 0)
        best_in = min(ins) if ins else (inf, _IN, "", 0)
        cost = [best_out[0], best_in[0]]
        back.append((best_out[1:], best_in[1:]))
    state = _OUT if cost[_OUT] <= cost[_IN] else _IN
    path: list[tuple[str, int]] = []
    for choice in reversed(back):
        prev, action, arg = choice[state]
        path.append((action, arg))
        state = prev
    path.reverse()
    return _spans_from_reading(text, events, path)


def _spans_from_reading(text: str, events: list[_Event], path: list[tuple[str, int]]) -> list[QuotedSpan]:
    """The quotations a decoded reading describes: opened at a mark, closed at one or left unclosed."""
    spans: list[QuotedSpan] = []
    opener: int | None = None
    pieces: list[tuple[int, int]] = []
    piece_start = 0

    def finish(close: int, closed: bool) -> None:
        nonlocal opener, pieces
        start, end = _trim(text, piece_start, close)
        all_pieces = [p for p in (*pieces, (start, end)) if p[1] > p[0]]
        if opener is not None and all_pieces:
            spans.append(QuotedSpan(opener, close, tuple(all_pieces), closed, single=False))
        opener, pieces = None, []

    for ev, (action, arg) in zip(events, path):
        if action == "open":
            opener, piece_start = ev.mark, ev.mark + 1
        elif action == "close":
            finish(ev.mark, closed=True)
        elif action == "reclose":
            finish(arg, closed=False)
            opener, piece_start = ev.mark, ev.mark + 1
        elif action in ("unclosed", "unclosed-stray"):
            finish(ev.brk, closed=False)
        elif action in ("carry", "reopen", "carry-close"):
            pieces.append(_trim(text, piece_start, ev.brk))
            piece_start = ev.resume
            if action == "carry-close":
                finish(ev.mark, closed=True)
        elif action == "end" and opener is not None:
            finish(len(text), closed=False)
    return spans


def _single_spans(text: str, blocked: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Single-mark quotations outside double-quoted spans; apostrophes inside words never count."""
    openers: list[int] = []
    closers: list[int] = []
    for m in re.finditer(r"[‘’‚‛‹›'´`『』]", text):
        i = m.start()
        prev_ch, next_ch = _prev(text, i), _next(text, i)
        ch = text[i]
        if ch in "『』":  # corner brackets (Japanese and Chinese style) say which way they face
            (openers if ch == "『" else closers).append(i)
            continue
        if prev_ch.isalnum() and next_ch.isalnum():
            continue  # don't, Moscow´s
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
    spans = _over_paragraphs(text, spans, openers)
    # a single mark inside a double-quoted span, or one pairing across its edge, is nested or an
    # apostrophe: only single spans clear of every double span (or wrapping whole ones) are kept
    return [s for s in spans if not _inside_any(blocked, s.open) and not _inside_any(blocked, s.close)]


_SPACES = re.compile(r"\s*")


def _paragraph_opener(text: str, i: int) -> bool:
    """A single mark opening a paragraph before a capital letter ('We, the undersigned, …): a quotation, never an
    apostrophe (an elided word or year, 'tis or '90s, starts lower case or with a digit)."""
    before = text.rfind("\n", 0, i)
    return not text[before + 1 : i].strip() and _next(text, i).isupper()


def _over_paragraphs(text: str, spans: list[QuotedSpan], openers: list[int]) -> list[QuotedSpan]:
    """Single-mark quotations that run over paragraphs, as British outlets print a letter or a speech: a paragraph
    opened by a mark and not closed goes on in the next paragraph when that one opens with a mark again, up to the
    paragraph where the mark closes; a paragraph never closed and not reopened after ends the quotation there."""
    by_open = {s.open: s for s in spans}
    paired = [(s.open, s.end) for s in spans]  # sorted and disjoint, as the pairing above makes them
    starts = [o for o in openers if _paragraph_opener(text, o)]
    start_set = set(starts)
    taken: set[int] = set()
    out = list(spans)
    for o in starts:
        if o in by_open or o in taken or _inside_any(paired, o):
            continue
        pieces: list[tuple[int, int]] = []
        current, closed, close = o, False, o
        while True:
            end = text.find("\n", current)
            end = len(text) if end < 0 else end
            span = by_open.get(current)
            if span is not None:  # the quotation closes in this paragraph
                pieces.extend(span.pieces)
                out.remove(span)
                closed, close = True, span.close
                break
            pieces.append(_trim(text, current + 1, end))
            taken.add(current)
            nxt = _SPACES.match(text, end).end()
            if nxt not in start_set or nxt in taken:
                close = pieces[-1][1]
                break
            current = nxt
        pieces = [(a, b) for a, b in pieces if b > a]
        if pieces:
            out.append(QuotedSpan(o, close, tuple(pieces), closed=closed, single=True))
    return sorted(out, key=lambda s: s.open)


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
    marked = sorted([*doubles, *singles], key=lambda s: s.open)
    return sorted([*marked, *_dialogue_spans(text, [(s.open, s.end) for s in marked])], key=lambda s: s.open)


#: A paragraph of dialogue opened by a dash before its first word, as Spanish, Italian, Portuguese and French
#: print speech and translations keep it: "—I have conducted in thirty-one countries —he says—, and I …"; Brazilian
#: papers put a space after the dash ("— We tried everything — said the coach.").
_DIALOGUE_OPEN = re.compile(r"^[ \t]*[—―](?P<space>[ \t]?)(?=[^\W\d_¿¡])", re.M)
#: The narration set into a dialogue paragraph: a dash after a space, a lower-case word, and the dash closing it.
_INCISO = re.compile(r"[ \t]+[—―][ \t]?(?=[a-z])([^—―\n]*)(?:[—―][.,;:]?|$)", re.M)
#: A word in lower case: a dash and a space before capitalised words alone sign a post ("— Jane Roe", "— Acme
#: (@acme) May 1, 2024"); speech has lower-case words.
_LOWER_WORD = re.compile(r"\b[a-z]+\b")


def _dialogue_spans(text: str, marked: list[tuple[int, int]]) -> list[QuotedSpan]:
    """Quotations of dialogue paragraphs: each stretch of speech between the opening dash, the narration set in
    with dashes ("—he says—") and the paragraph's end. A paragraph that is one question with no narration in it is
    the interviewer's and left out, as is a stretch holding a marked quotation (the marks say what is quoted); one
    in the narration ("— A — said X, who called it “B”") leaves the speech a quotation."""
    spans: list[QuotedSpan] = []
    for opening in _DIALOGUE_OPEN.finditer(text):
        dash = opening.end() - 1 - len(opening.group("space"))
        end = text.find("\n", dash)
        end = len(text) if end < 0 else end
        if opening.group("space") and not _LOWER_WORD.search(text, dash, end):
            continue  # a signature
        incisos = list(_INCISO.finditer(text, dash, end))
        if not incisos and text[dash:end].rstrip().endswith("?"):
            continue
        piece_open = dash
        for inciso in [*incisos, None]:
            close = end if inciso is None else inciso.start() + len(inciso.group()) - len(inciso.group().lstrip())
            start = piece_open + 1
            while start < close and (text[start].isspace() or text[start] in ".,;:"):
                start += 1  # the punctuation after a closing dash ("—he says—, and") belongs to the narration
            start, stop = _trim(text, start, close)
            if stop > start and not any(a < stop and start < b for a, b in marked):  # marks say what they quote
                spans.append(QuotedSpan(piece_open, close if inciso is not None else stop, ((start, stop),),
                                        closed=inciso is not None, single=False, dialogue=True))
            closing = [k for k in range(inciso.start(1), inciso.end()) if text[k] in "—―"] if inciso else []
            if not closing:
                break  # narration running to the paragraph's end: no more speech
            piece_open = closing[-1]
    return spans
