"""Article layout for ingest: metadata lines, dates, boilerplate, and the body spans of a text.

Decided from the shape of each line (repeated captions, runs of headline links, teaser blocks,
contributor lines), never by dropping text: non-body spans are only marked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

_ISO_DATE = re.compile(r"\A\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*\Z")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_TWO_NUMBERS = re.compile(r"\d\D+\d")  # a full date has at least a day and a year


@lru_cache(maxsize=4096)
def iso_date(value: str) -> str:
    """``value`` as YYYY-MM-DD when it names a full date (day, month and year), else ''."""
    value = (value or "").strip()
    if not value:
        return ""
    iso = _ISO_DATE.match(value)
    if iso:
        try:
            return datetime(*map(int, iso.groups())).date().isoformat()
        except ValueError:
            return ""
    if len(value) > 60 or not _YEAR.search(value):
        return ""
    from dateutil import parser

    try:
        first = parser.parse(value, default=datetime(1900, 1, 1), ignoretz=True)
        second = parser.parse(value, default=datetime(1904, 2, 2), ignoretz=True)
    except (ValueError, OverflowError, parser.ParserError):
        return ""
    return first.date().isoformat() if first.date() == second.date() else ""


# --------------------------------------------------------------------------------------------
# Layout: metadata lines, boilerplate and the body spans
# --------------------------------------------------------------------------------------------


@dataclass
class Layout:
    """What ``analyse_layout`` found: body spans, detected metadata and remarks."""

    body: list[tuple[int, int]]
    published: str = ""
    outlet: str = ""
    title: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    """One line of the text: offsets of its stripped content and its shape."""

    start: int  # offset of the first non-space character (== end when blank)
    end: int  # offset after the last non-space character
    text: str  # stripped content
    kind: str = ""  # see _classify
    body: bool = True


_LEADING_DATE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=\s|\Z)\s*", re.I)
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_DATE_PREFIX = re.compile(
    r"\A(?:(?:first|last)\s+)?(?P<word>published|updated|posted|modified)\b(?:\s+on\b)?"
    r"(?:\s+in\s+(?P<outlet>[^,:\d]{2,60}?)\s*,)?\s*[:\-–—]?\s*", re.I)
_CONTRIBUTORS = re.compile(
    r"contributed (?:to )?(?:this )?(?:report|story|article)|contributed reporting|"
    r"additional reporting (?:by|from)|\breporting by\b|\bediting by\b|\bwriting by\b|\bcompiled by\b",
    re.I)
_CALL_TO_ACTION = re.compile(
    r"\A(?:read (?:the rest|more|the full (?:story|article|report))(?: (?:here|at)\b)?|"
    r"click here\b|continue reading\b|(?:also read|read also|related|see also)\s*:|"
    r"sign up for\b|subscribe (?:to|now)\b|follow us\b)", re.I)
_COPYRIGHT = re.compile(r"\A(?:©|\(c\)\s|copyright\b)", re.I)
_SEPARATOR = re.compile(r"\A[-–—_*=~#•·|/\\.+]+\Z")
_LIST_ITEM_MARKS = "-–|»"
_CAPTION_CREDIT = re.compile(
    r"(?:[-–—]\s*(?:[A-Z][\w.&]*\s?/\s?)*(?:File|Photo|Getty Images|AFP|AP|Reuters|EPA)\s*$"
    r"|\((?:[A-Z][\w.]*\s)?Photo\b[^)]{0,60}\)\s*$|\b(?:Photo|Image|Picture)(?: credit)?\s*:\s*\S.{0,60}$)")
_STRONG_CAPTION = re.compile(r"(?:/\s?File|Photo\b|Getty Images)[^\n]{0,60}$")
_DATELINE = re.compile(
    r"\A(?P<place>[A-Z][A-Z.'’ -]{2,40}?(?:,\s[A-Z][A-Za-z.]{1,15})?)\s*(?:\([^)]{1,25}\))?\s*(?:—|–|--?|:)\s")
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = ".!?…"
_SHORT_LINE_CHARS = 400
_LONG_PROSE_WORDS = 30


def analyse_layout(text: str) -> Layout:
    """Split ``text`` into lines, classify their shape and decide which spans are body.

    Non-body: a leading ``date YYYY-MM-DD`` token, "Published ..." / date-only lines, contributor
    and call-to-action lines, separators, repeated lines and captions, runs of related-headline
    items, and trailing blocks of headlines/teasers. Everything else (headline, subheadings,
    datelines, embedded posts) stays body.
    """
    layout = Layout(body=[])
    lines = _split_lines(text)
    leading = _LEADING_DATE.match(text)
    if leading:
        layout.published = leading.group(1)
        layout.notes.append(f"date token at start: {leading.group(1)}")
        _trim_line_start(lines, leading.end())
    for line in lines:
        line.kind = _classify(line.text)
    _mark_metadata(lines, layout)
    _mark_duplicates_and_captions(lines, layout)
    _mark_list_runs(lines, layout)
    _mark_trailing_block(lines, layout)
    _detect_title_and_dateline(lines, layout)
    layout.body = _body_spans(lines)
    return layout


def _split_lines(text: str) -> list[_Line]:
    """Lines with the offsets of their stripped content; any of \\r\\n, \\r, \\n ends a line."""
    lines = []
    start = 0
    for match in _LINE_BREAKS.finditer(text):
        lines.append(_make_line(text, start, match.start()))
        start = match.end()
    lines.append(_make_line(text, start, len(text)))
    return lines


def _make_line(text: str, start: int, end: int) -> _Line:
    """The line text[start:end] with its surrounding whitespace left out of the offsets."""
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return _Line(start, start, "", kind="blank", body=False)
    lead = len(raw) - len(raw.lstrip())
    return _Line(start + lead, start + lead + len(stripped), stripped)


def _trim_line_start(lines: list[_Line], offset: int) -> None:
    """Drop everything before ``offset`` from the lines (used for the leading date token)."""
    for index, line in enumerate(lines):
        if line.end <= offset:
            lines[index] = _Line(line.start, line.start, "", kind="blank", body=False)
        elif line.start < offset:
            cut = offset - line.start
            lines[index] = _Line(offset, line.end, line.text[cut:])
            return
        else:
            return


def _classify(s: str) -> str:
    """The shape of one stripped line.

    Kinds: blank, published, date, contributors, action, copyright, separator, list-item,
    headline (short, no sentence end), teaser (ends in an ellipsis), prose.
    """
    if not s:
        return "blank"
    if len(s) > _SHORT_LINE_CHARS:
        return "prose"
    prefix = _DATE_PREFIX.match(s)
    if prefix and iso_date(s[prefix.end():]):
        return "published" if prefix.group("word").lower() == "published" else "date"
    if len(s) <= 60 and _TWO_NUMBERS.search(s) and _YEAR.search(s) and iso_date(s):
        return "date"
    if len(s) <= 300 and _mentions_contributors(s) and not _has_quote_mark(s):
        return "contributors"
    if len(s) <= 100 and _CALL_TO_ACTION.match(s):
        return "action"
    if len(s) <= 200 and _COPYRIGHT.match(s):
        return "copyright"
    if len(s) <= 40 and _SEPARATOR.match(s):
        return "separator"
    if len(s) <= 200 and s[-1] in _LIST_ITEM_MARKS and s[-2:-1].isspace():
        return "list-item"
    if s.endswith(("...", "…")):
        return "teaser"
    words = s.split()
    if len(words) <= 20 and len(s) <= 160 and not _ends_sentence(s) and not s.endswith(":") \
            and any(c.isalpha() for c in s) and not _has_quote_mark(s):
        return "headline"
    return "prose"


def _mentions_contributors(s: str) -> bool:
    """Cheap substring test first, then the regex: this runs on every short line."""
    low = s.lower()
    return (" by" in low or "report" in low) and bool(_CONTRIBUTORS.search(s))


def _ends_sentence(s: str) -> bool:
    """True when the line ends like a sentence (terminal punctuation, maybe before quote marks)."""
    return s.rstrip(_CLOSERS + " ").endswith(tuple(_SENTENCE_END))


def _has_quote_mark(s: str) -> bool:
    """True when the line holds a double quotation mark of any style."""
    return any(mark in s for mark in "\"“”«»„")


_META_KINDS = {"published", "date", "contributors", "action", "copyright", "separator"}
_END_MARKERS = {"published", "contributors", "action", "copyright"}
_JUNK_KINDS = _META_KINDS | {"list-item", "headline", "teaser", "duplicate", "caption"}


def _mark_metadata(lines: list[_Line], layout: Layout) -> None:
    """Take metadata lines out of the body, reading published date and outlet from them."""
    found: dict[str, list[str]] = {}
    for line in lines:
        if line.kind not in _META_KINDS:
            continue
        line.body = False
        found.setdefault(line.kind, []).append(line.text)
        if line.kind == "published":
            prefix = _DATE_PREFIX.match(line.text)
            if not layout.published:
                layout.published = iso_date(line.text[prefix.end():])
            if prefix.group("outlet") and not layout.outlet:
                layout.outlet = prefix.group("outlet").strip()
    for kind, texts in found.items():
        more = f" (and {len(texts) - 1} more)" if len(texts) > 1 else ""
        layout.notes.append(f"{kind} line not body: {texts[0][:80]}{more}")


def _mark_duplicates_and_captions(lines: list[_Line], layout: Layout) -> None:
    """Repeated lines (3+ words) after their first copy and photo captions are not body.

    A repeat holding quotation marks is dropped only right after its twin (a scraping echo): a
    speaker may really say the same words twice. A line ending in a colon is a transcript's speaker label
    ("Jane Roe - Acme Corp - Chief Executive Officer:") or a lead-in, which recurs. A first copy stays body unless it is
    caption-shaped (ends in a photo credit) and repeated right away, or carries an unmistakable
    credit ("/File", "Photo", "Getty Images").
    """
    first_seen: dict[str, int] = {}
    previous = -1
    for index, line in enumerate(lines):
        if line.kind == "blank":
            continue
        key = line.text
        if key in first_seen and len(key.split()) >= 3 and not key.rstrip().endswith(":") \
                and (first_seen[key] == previous or not _has_quote_mark(key)):
            line.body, line.kind = False, "duplicate"
            original = lines[first_seen[key]]
            if first_seen[key] == previous and _CAPTION_CREDIT.search(key):
                original.body, original.kind = False, "caption"
                layout.notes.append(f"repeated photo caption not body: {key[:60]}")
        elif len(key) <= _SHORT_LINE_CHARS:
            first_seen.setdefault(key, index)
            if _STRONG_CAPTION.search(key) and _CAPTION_CREDIT.search(key) and not _has_quote_mark(key):
                line.body, line.kind = False, "caption"
                layout.notes.append(f"photo caption not body: {key[:60]}")
        previous = index


def _mark_list_runs(lines: list[_Line], layout: Layout) -> None:
    """Three or more consecutive "Headline -" items (a related-stories list) are not body."""
    run: list[_Line] = []
    for line in lines + [_Line(0, 0, "", kind="prose")]:
        if line.kind == "blank":
            continue
        if line.kind == "list-item":
            run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.body = False
            layout.notes.append(f"list of {len(run)} related headlines not body")
        run = []


def _mark_trailing_block(lines: list[_Line], layout: Layout) -> None:
    """Take trailing boilerplate (related headlines, teasers, section labels) out of the body.

    Two shapes: (a) 3+ junk-shaped lines at the very end, with real prose before them; (b) after
    an end-of-article marker (a "Published in ..." line, contributors, "Read the rest", copyright),
    a tail of mostly junk whose few prose lines are all short (teaser blurbs). Both need prose
    before them, so a document made only of short lines is left alone.
    """
    content = [i for i, line in enumerate(lines) if line.kind != "blank"]
    if len(content) < 2:
        return
    # (a) pure junk at the end
    cut = len(content)
    while cut > 1 and lines[content[cut - 1]].kind in _JUNK_KINDS:
        cut -= 1
    tail = content[cut:]
    if len(tail) >= 3 and any(lines[i].kind == "prose" for i in content[:cut]):
        _exclude(lines, tail, layout, "trailing block of headlines/teasers")
    # (b) junk-dominated tail after an end marker; suffix counts keep this linear
    prose_after = junk_after = 0
    long_prose_after = False
    start = None
    first_prose = next((p for p, i in enumerate(content) if lines[i].kind == "prose"), len(content))
    for position in range(len(content) - 1, first_prose, -1):
        line = lines[content[position]]
        after = prose_after + junk_after
        if line.kind in _END_MARKERS and after >= 3 and junk_after >= 2 * prose_after \
                and not long_prose_after:
            start = position
        if line.kind == "prose":
            prose_after += 1
            long_prose_after = long_prose_after or _word_count(line.text) >= _LONG_PROSE_WORDS
        else:
            junk_after += 1
    if start is not None:
        _exclude(lines, content[start:], layout, "trailing material after end of article")


def _exclude(lines: list[_Line], indexes: list[int], layout: Layout, what: str) -> None:
    """Mark the given lines non-body and note how many were affected."""
    changed = sum(1 for i in indexes if lines[i].body)
    for i in indexes:
        lines[i].body = False
    if changed:
        layout.notes.append(f"{what} not body ({changed} lines)")


def _word_count(s: str) -> int:
    """Words in a line, capped cheaply for long lines (which count as long prose)."""
    return len(s.split()) if len(s) <= _SHORT_LINE_CHARS else _LONG_PROSE_WORDS


def _detect_title_and_dateline(lines: list[_Line], layout: Layout) -> None:
    """Take a short first line as the title (it stays body) and note a dateline ("MOSCOW —")."""
    content = [line for line in lines if line.body]
    if not content:
        return
    first = content[0]
    if len(content) > 1 and _word_count(first.text) <= 20 and len(first.text) <= 200 \
            and not _DATELINE.match(first.text):
        layout.title = first.text
        paragraph = content[1]
    else:
        paragraph = first
    dateline = _DATELINE.match(paragraph.text[:80])
    if dateline and sum(c.isupper() for c in dateline.group("place")) >= 3:
        layout.notes.append(f"dateline: {dateline.group('place').strip()}")


def _body_spans(lines: list[_Line]) -> list[tuple[int, int]]:
    """Merge runs of body lines (blank lines between them included) into [start, end) spans."""
    spans: list[tuple[int, int]] = []
    current: list[int] | None = None
    for line in lines:
        if line.kind == "blank":
            continue
        if line.body:
            if current is None:
                current = [line.start, line.end]
            else:
                current[1] = line.end
        elif current is not None:
            spans.append((current[0], current[1]))
            current = None
    if current is not None:
        spans.append((current[0], current[1]))
    return spans

