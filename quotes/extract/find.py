"""Extract stage: every quotation unit of a parsed article, with its cue and syntactic speaker mention.

Finds direct quotes in any mark style, partial quotes inside reported speech, interrupted quotes
(merged into one unit), multi-sentence and multi-paragraph quotes, block quotes (embedded posts
signed "— Name (@handle)", paragraphs introduced by a colon after a reporting verb, a person's
name or a document, the turns of an interview transcript) and indirect speech ("X said that ...",
"according to X, ...", "by her account, ...", "the judge ordered that ..."). Speaker *resolution* is
the attribute stage's job; this stage only records which words of the sentence name the speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from quotes.extract.indirect import indirect_units
from quotes.extract.marks import find_quoted_spans
from quotes.extract.posts import block_units, colon_blocks, handle_posts
from quotes.extract.quoted import merge_touching_partials, quoted_units
from quotes.extract.transcript import transcript_units
from quotes.extract.units import Quote, doc_text, overlaps, token_range


def _sentence_text(doc: Doc, lo: int, hi: int, bounds: list[tuple[int, int]]) -> str:
    """The sentences covering the character range [lo, hi); ``bounds`` are the Doc's sentence offsets."""
    if not bounds:
        return ""
    first = max(bisect_right(bounds, lo, key=lambda b: b[0]) - 1, 0)  # the sentence holding lo
    last = first
    while last + 1 < len(bounds) and bounds[last + 1][0] < hi:
        last += 1
    return doc_text(doc)[bounds[first][0] : bounds[last][1]].strip()


def _outermost(units: list[Quote]) -> list[Quote]:
    """Drop reported speech nested in other reported speech: the outer report carries it."""
    return [
        u for u in units
        if not any(o is not u and o.cue_i != u.cue_i and o.start <= u.start and u.end <= o.end for o in units)
    ]


def _unit_text(text: str, unit: Quote) -> str:
    """The quote's words: its parts joined by a space, without the marks of fragments woven into a phrase."""
    marks = set(unit.extras.get("marks", ()))
    pieces = []
    for a, b in unit.parts:
        piece = "".join(ch for i, ch in enumerate(text[a:b], start=a) if i not in marks) if marks else text[a:b]
        pieces.append(piece.strip())
    return re.sub(r"\s{2,}", " ", " ".join(pieces)) if marks else " ".join(pieces)


def _token_mask(doc: Doc, ranges: list[tuple[int, int]]) -> list[bool]:
    """Per token: whether it lies in one of the character ranges."""
    mask = [False] * len(doc)
    for start, end in ranges:
        for i in range(*(token_range(doc, start, end) or (0, 0))):
            mask[i] = True
    return mask


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotation units of a parsed Doc, in text order, with text and context sentence filled."""
    text = doc_text(doc)
    spans = find_quoted_spans(text)
    inside = _token_mask(doc, [(span.content_start, span.content_end) for span in spans])
    turns, read_whole = transcript_units(doc)  # ranges read as wholes: transcript turns and a handle's posts
    posts = [p for p in handle_posts(doc) if not overlaps(p.start, p.end, read_whole)]
    turns += posts
    read_whole += [(p.start, p.end) for p in posts]
    units = [u for u in merge_touching_partials(doc, quoted_units(doc, spans, inside))
             if not overlaps(u.start, u.end, read_whole)]  # a quote inside an answer is the answer's
    taken = [(u.start, u.end) for u in units] + read_whole
    blocks = [b for b in block_units(doc, spans) if not overlaps(b.start, b.end, taken)]
    taken += [(b.start, b.end) for b in blocks]  # a signed post is read as one, whatever paragraph introduces it
    blocks += [b for b in colon_blocks(doc, inside) if not overlaps(b.start, b.end, taken)]
    units += blocks + turns
    used = {u.cue_i for u in units if u.cue_i is not None}
    # a quoted post reports speech of its own; an interview's turns are read as wholes
    covered = [(u.start, u.end) for u in units if u.kind != "block"] + read_whole
    # a title or a scare quote the quoted units left out is part of the sentence, so it hides no reported clause
    # ("said the festival would open with the crowd singing “Carrow Light”")
    quoted = _token_mask(doc, [part for unit in units if unit.kind != "block" for part in unit.parts])
    units += _outermost(indirect_units(doc, quoted, used, covered))
    units.sort(key=lambda u: (u.start, u.end))
    bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]
    for unit in units:
        unit.text = _unit_text(text, unit)
        unit.sentence = _sentence_text(doc, unit.start, unit.end, bounds)
    return units
