"""Block quotes without marks: embedded posts signed "— Name (@handle)", and paragraphs introduced by a colon
after a reporting verb or a person's name.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from quotes.extract.cues import FINITE_TAGS, is_speech_verb
from quotes.extract.marks import DOUBLE_MARKS, QUOTATION_MARKS, QuotedSpan
from quotes.extract.units import (
    Quote,
    cue_before_colon,
    cue_text,
    doc_text,
    mention_range,
    names_a_work,
    speaker_mention,
    token_range,
)
from quotes.lexicon import DOCUMENT_NOUNS

#: A post's signature line: a tweet's "— Display Name (@handle) October 18, 2021", an Instagram post's "A post
#: shared by Display Name (@handle)", a Facebook post's "Posted by Display Name on Monday, 13 October 2025".
_SIGNATURE = re.compile(r"^[ \t]*(?:(?:[—–-]{1,3}[ \t]*|A post shared by[ \t]+)(?P<name>[^\n()@]{1,80}?)[ \t]*"
                        r"\((?P<handle>@\w{1,30})\)[^\n]{0,60}|Posted by[ \t]+(?P<poster>[^\n()@]{1,80}?)[ \t]+on[ \t][^\n]{1,60})$",
                        re.M)
#: Longest text an embedded post can hold.
MAX_POST_CHARS = 600


# --------------------------------------------------------------------------------------------
# block quotes


#: A post quoted on a line of its own after its author's handle ("@jroe: Got the email. Cutting up my card.").
_HANDLE_LINE = re.compile(r"^[ \t]*(?P<handle>@\w{1,30}):[ \t]+(?P<body>\S[^\n]*?)[ \t]*$", re.M)


def handle_posts(doc: Doc) -> list[Quote]:
    """Posts quoted on a line after their author's handle ("@jroe: …"); a quotation inside one is the post's."""
    return [Quote(start=line.start("body"), end=line.end("body"), parts=[(line.start("body"), line.end("body"))],
                  kind="block", cue=":", mention=token_range(doc, line.start("handle"), line.end("handle")),
                  extras={"handle": line.group("handle")})
            for line in _HANDLE_LINE.finditer(doc_text(doc))
            if len(line.group("body").split()) >= 3 and len(line.group("body")) <= MAX_POST_CHARS]


def block_units(doc: Doc, spans: list[QuotedSpan]) -> list[Quote]:
    """Embedded posts signed "— Name (@handle) date": the short paragraphs above the signature."""
    text = doc_text(doc)
    units: list[Quote] = []
    for sig in _SIGNATURE.finditer(text):
        paragraphs = _paragraphs_before(text, sig.start())
        if not paragraphs:
            continue
        chosen: list[tuple[int, int]] = []
        gap_above_signature = paragraphs[0][2]
        total = 0
        for start, end, gap in paragraphs:
            if total + (end - start) > MAX_POST_CHARS or (chosen and gap < gap_above_signature):
                break
            if _introduction(doc, start, end):
                break  # "Here is the post as it appeared:" introduces the post, it is none of it
            chosen.insert(0, (start, end))
            total += end - start
            if gap < gap_above_signature:
                break
        if not chosen:
            continue
        name = "name" if sig.group("name") is not None else "poster"
        name_span = token_range(doc, sig.start(name), sig.end(name))
        units.append(
            Quote(
                start=chosen[0][0],
                end=sig.end(),
                parts=chosen,
                kind="block",
                cue="—",
                mention=name_span,
                extras={"handle": sig.group("handle")} if sig.group("handle") else {},
            )
        )
    return units


def _introduction(doc: Doc, start: int, end: int) -> bool:
    """A paragraph ending in a colon with a finite verb ("She posted on Instagram:"), which introduces what follows;
    a post's own heading has none ("Statement on response measures to the decisions:")."""
    if not doc_text(doc)[start:end].rstrip().endswith(":"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.tag_ in FINITE_TAGS for t in span)


#: A paragraph that introduces the next one: "The governor added:" at a line end.
_INTRODUCES_NEXT = re.compile(r":[ \t]*\r?\n[ \t\r\n]*(?=\S)")


#: Longest introduction without a reporting verb that can hand the floor to a person ("Jane Roe sounds worried:").
MAX_INTRO_WORDS = 12
#: Longest line without a final full stop read as a heading (which ends a block), not as a sentence of it.
MAX_HEADING_WORDS = 10
#: Subjects by which the quoted speaker reports speech within the block itself ("I told the board …").
_SPEAKING_PRONOUNS = frozenset({"i", "we", "you"})
#: Most paragraphs a block introduced without a reporting verb runs on for (a blog post or a statement quoted at length).
MAX_BLOCK_PARAGRAPHS = 6
#: Most paragraphs of a letter printed whole, which its signature closes (an open letter or an apology email runs to
#: a page: twice a statement's length).
MAX_LETTER_PARAGRAPHS = 2 * MAX_BLOCK_PARAGRAPHS


def colon_blocks(doc: Doc, inside: list[bool]) -> list[Quote]:
    """Colon-introduced block quotes: "The governor added:" then a paragraph with no quotation marks;
    or a short introduction naming a person ("Jane Roe sounds worried:") then the paragraphs it quotes."""
    text = doc_text(doc)
    units: list[Quote] = []
    for colon in _INTRODUCES_NEXT.finditer(text):
        start = colon.end()
        if text[start] in QUOTATION_MARKS:
            continue  # a marked quotation: the quoted-span path has it
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        cue = cue_before_colon(doc, start, inside)
        mention = descriptor = None
        if cue is not None:
            mention, descriptor = speaker_mention(cue)
        else:
            mention = _introduced_person(doc, colon.start())
            if mention is None:
                continue
            start = _after_salutation(text, start)
            end = _block_end(doc, start)
            # a letter runs to its signature, which names who wrote it
            letter_end = _block_end(doc, start, MAX_LETTER_PARAGRAPHS)
            signer = _signed_below(doc, letter_end)
            if signer is not None:
                end, mention = letter_end, signer
        body = text[start:end].rstrip()
        if len(body.split()) < 4 or _names_a_work(doc, start, start + len(body)):
            continue  # too short to be a remark, or a title set on its own line ("... called X:" then its subtitle)
        parts = [(a, a + len(p.rstrip())) for a, p in _paragraph_pieces(text, start, start + len(body))]
        units.append(
            Quote(start=start, end=start + len(body), parts=parts, kind="block",
                  cue=cue_text(cue) if cue is not None else ":", cue_i=cue.i if cue is not None else None,
                  mention=mention, descriptor=descriptor)
        )
    return units


def _names_a_work(doc: Doc, start: int, end: int) -> bool:
    """The text between two offsets reads as the title of a work (see ``units.names_a_work``)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and names_a_work([t for t in span if t.is_alpha])


def _introduced_person(doc: Doc, colon: int) -> tuple[int, int] | None:
    """The person a short paragraph ending in a colon hands the floor to: its subject, named as a person or a
    document ("The memo opened bluntly:"), or the name a verbless introduction holds ("But Jane Roe ... well, not
    so much:")."""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, colon) + 1
    span = doc.char_span(para_start, colon, alignment_mode="expand")
    if span is not None and sum(t.is_alpha for t in span) > MAX_INTRO_WORDS:
        # a long paragraph's last sentence may introduce on its own ("… from Jane Roe. The email, sent on Tuesday,
        # reads:"), when it has a subject of its own
        span = doc.char_span(max(para_start, span[-1].sent.start_char), colon, alignment_mode="expand")
    if span is None or not 0 < sum(t.is_alpha for t in span) <= MAX_INTRO_WORDS:
        return None
    for tok in span:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and (
                tok.ent_type_ == "PERSON" or (tok.pos_ == "NOUN" and tok.lemma_.lower() in DOCUMENT_NOUNS)):
            return mention_range(tok)[0]  # "The post, titled …, opened bluntly:": a document speaks for its issuer
    # a verbless introduction handing the floor to a name: "But Jane Roe ... well, not so much:";
    # a name alone before the colon is a heading or a dateline ("WASHINGTON:"), not an introduction
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        for tok in span:
            if tok.dep_ == "ROOT" and tok.pos_ == "PROPN":
                lo, hi = mention_range(tok)[0]
                if any(t.is_alpha and not lo <= t.i < hi for t in span):
                    return lo, hi
    return None


#: A letter's salutation on a line of its own ("Dear Harvest Card member,"): the letter's, but no remark.
_SALUTATION = re.compile(r"(?:Dear|To)[ \t][^\n.!?]{1,60},[ \t]*\n[ \t\r\n]*(?=\S)")


#: A letter's signature line: a name, and after a comma the signer's office ("Jane Roe, Chief Executive").
_SIGNATURE_LINE = re.compile(r"[ \t]*(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3})[ \t]*(?:,[^\n]{1,60})?[ \t]*")


_BLANKS = re.compile(r"[ \t\r\n]*")


def _signed_below(doc: Doc, end: int) -> tuple[int, int] | None:
    """Token range of the person signing a letter on the line after its last paragraph, if any."""
    text = doc_text(doc)
    after = _BLANKS.match(text, end).end()
    line_end = text.find("\n", after)
    signature = _SIGNATURE_LINE.fullmatch(text, after, len(text) if line_end < 0 else line_end)
    if signature is None:
        return None
    span = doc.char_span(signature.start("name"), signature.end("name"), alignment_mode="expand")
    return (span.start, span.end) if span is not None and all(t.ent_type_ == "PERSON" for t in span) else None


def _after_salutation(text: str, start: int) -> int:
    """Where a letter's body begins: after its salutation line, if it opens with one."""
    salutation = _SALUTATION.match(text, start)
    return salutation.end() if salutation else start


def _block_end(doc: Doc, start: int, most: int = MAX_BLOCK_PARAGRAPHS) -> int:
    """End of the paragraphs a colon introduced: up to a heading, another introduction, a marked quotation, the
    narration's own report of speech, or ``most`` paragraphs."""
    text = doc_text(doc)
    end = pos = start
    for _ in range(most):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end].rstrip()
        heading = line[-1:] not in ".!?…" and len(line.split()) <= MAX_HEADING_WORDS
        if not line or heading or any(ch in line for ch in DOUBLE_MARKS) or line.endswith(":") \
                or (pos > start and _reports_speech(doc, pos, pos + len(line))):
            break
        end = pos + len(line)
        pos = line_end
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            break
    return end


def _reports_speech(doc: Doc, start: int, end: int) -> bool:
    """A paragraph whose main verb reports someone's words ("Analysts said the cuts were overdue"): the narration
    has resumed, so the block before it has ended (the speaker's own "I told the board …" goes on with it)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(
        t.dep_ == "ROOT" and is_speech_verb(t) and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _SPEAKING_PRONOUNS for c in t.children)
        for t in span)


def _paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, text) of each non-empty line in [start, end)."""
    return [(start + m.start(), m.group()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:end])]


def _paragraphs_before(text: str, pos: int) -> list[tuple[int, int, int]]:
    """Non-empty paragraphs before pos, nearest first, each with the count of newlines below it."""
    out: list[tuple[int, int, int]] = []
    end = pos
    while end > 0 and len(out) < 8:
        gap_end = end
        while end > 0 and text[end - 1] in "\n\r \t":
            end -= 1
        gap = text.count("\n", end, gap_end)
        start = text.rfind("\n", 0, end) + 1
        if end <= start:
            break
        out.append((start, end, gap))
        end = start
    return out
