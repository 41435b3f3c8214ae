"""Extract stage: every quotation unit of a parsed article, with its cue and syntactic speaker mention.

Finds direct quotes in any mark style, partial quotes inside reported speech, interrupted quotes
(merged into one unit), multi-sentence and multi-paragraph quotes, block quotes (embedded posts
signed "— Name (@handle)", paragraphs introduced by a colon after a reporting verb or a person's
name) and indirect speech ("X said that ...",
"according to X, ..."). Speaker *resolution* is the attribute stage's job; this stage only records
which words of the sentence name the speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from quotes.extract.cues import cue_candidates, is_according_to, is_speech_verb
from quotes.extract.marks import DOUBLE_MARKS, SINGLE_MARKS, QuotedSpan, find_quoted_spans

#: A tweet/post signature line: "— Display Name (@handle) October 18, 2021".
_SIGNATURE = re.compile(r"^[ \t]*[—–-]{1,3}[ \t]*(?P<name>[^\n()@]{1,80}?)[ \t]*\((?P<handle>@\w{1,30})\)[^\n]{0,60}$", re.M)
_TEXT_KEY = "quotes.text"
#: Longest text an embedded post can hold.
MAX_POST_CHARS = 600
_SENTENCE_END = {".", "!", "?"}
_OPENING_PUNCT = {":", ",", "—", "–", "-", "(", "[", ";", "…", "“", "”", "\"", "«", "»", "'", "’", "‘"}
_CLAUSE_DEPS = {"ccomp"}
_LEADING_MARKERS = {"that", "whether", "if", "as"}
#: Most tokens between a cue and the clause it reports ("told reporters in Moscow on Monday that").
MAX_CUE_GAP = 10


@dataclass
class Quote:
    """One quotation unit. Offsets are characters of the Doc's text; token indices are the Doc's."""

    start: int                                   # whole unit, marks included
    end: int
    parts: list[tuple[int, int]]                 # content ranges (no marks); interrupted quotes have several
    kind: str                                    # direct | partial | indirect | block
    cue: str = ""                                # cue word(s) as written; '' when none (continuation)
    cue_i: int | None = None                     # token index of the cue
    mention: tuple[int, int] | None = None       # token range naming the speaker, from the syntax
    descriptor: tuple[int, int] | None = None    # token range of an apposition describing the speaker
    sentence: str = ""                           # context sentence(s)
    text: str = ""                               # the quote: content parts joined by a space
    speaker: str = ""                            # filled by the attribute stage
    speaker_id: str = ""
    speaker_kind: str = ""                       # person | organization | document | group | ''
    mention_text: str = ""                       # the speaker words as written at the cue
    roles: tuple[str, ...] = ()                  # titles and descriptions the article gives the speaker
    extras: dict = field(default_factory=dict)   # e.g. a post's signature name


# --------------------------------------------------------------------------------------------
# helpers over the parse


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _subtree_range(token: Token, exclude: set[int] = frozenset()) -> tuple[int, int]:
    """Contiguous token range of a subtree, shrunk at the edges past excluded tokens and punctuation."""
    idx = [t.i for t in token.subtree if t.i not in exclude]
    lo, hi = min(idx), max(idx) + 1
    doc = token.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ in _LEADING_MARKERS and doc[lo].dep_ in ("mark", "dobj") and doc[lo].pos_ == "SCONJ"):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space or doc[hi - 1].dep_ == "cc" or hi - 1 in exclude):
        hi -= 1
    while lo < hi and lo in exclude:
        lo += 1
    return lo, hi


def _mention_range(head: Token) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The words naming a speaker (head noun and its modifiers), and its apposition if any."""
    appos = [c for c in head.children if c.dep_ == "appos"]
    cut: set[int] = set()
    for c in head.children:
        if c.dep_ in ("appos", "relcl", "acl", "punct", "prep") and c.i > head.i:
            cut.update(t.i for t in c.subtree)
    lo, hi = _subtree_range(head, cut)
    if not (lo <= head.i < hi):
        lo, hi = head.i, head.i + 1
    while lo < head.i and head.doc[lo].dep_ in ("det", "predet") and head.doc[lo].lower_ in ("the", "a", "an"):
        lo += 1
    descriptor = None
    if appos:
        a_lo, a_hi = _subtree_range(appos[0])
        descriptor = (a_lo, a_hi)
        # "a council spokeswoman, Ana Ruiz, said": the name is the apposition
        if head.ent_type_ != "PERSON" and appos[0].ent_type_ == "PERSON":
            descriptor, (lo, hi) = (lo, hi), (a_lo, a_hi)
    return (lo, hi), descriptor


def speaker_mention(cue: Token) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Token ranges of the speaker named by a cue's syntax: subject, passive agent, 'according to' object."""
    if is_according_to(cue):
        to = cue.nbor(1)
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in cue.children if c.dep_ == "pobj"]
        return _mention_range(objs[0]) if objs else (None, None)
    active = any(c.dep_ == "nsubj" for c in cue.children)  # "she said by way of explaining": no agent
    for child in cue.children:
        if not active and (child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by")):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return _mention_range(objs[0])
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # two subjects are a misparsed apposition ("The chief of X, Jane Doe said"): prefer the person
        subject = min(subjects, key=lambda s: (s.ent_type_ != "PERSON", abs(s.i - cue.i)))
        if subject.dep_ == "nsubj":
            return _mention_range(subject)
    # participles and coordinated verbs share the subject of the verb they hang from
    if cue.dep_ in ("advcl", "xcomp", "conj", "pcomp") and cue.head.i != cue.i:
        return speaker_mention(cue.head)
    if cue.dep_ == "acl" and cue.head.pos_ in ("PROPN", "NOUN", "PRON"):
        return _mention_range(cue.head)
    if cue.dep_ == "pobj" and cue.head.lower_ == "with":
        return speaker_mention(cue.head)
    if cue.dep_ == "compound" and cue.i < cue.head.i and cue.head.pos_ == "PROPN":
        return _mention_range(cue.head)  # "Said Ellis: …", parsed as a name "Said Ellis"
    return None, None


def _is_cue(token: Token, inside: list[bool]) -> bool:
    return not inside[token.i] and (is_speech_verb(token) or is_according_to(token))


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy re-joins every token on each access)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _sentence_text(doc: Doc, lo: int, hi: int, bounds: list[tuple[int, int]]) -> str:
    """The sentences covering the character range [lo, hi); ``bounds`` are the Doc's sentence offsets."""
    if not bounds:
        return ""
    first = max(bisect_right(bounds, lo, key=lambda b: b[0]) - 1, 0)  # the sentence holding lo
    last = first
    while last + 1 < len(bounds) and bounds[last + 1][0] < hi:
        last += 1
    return doc_text(doc)[bounds[first][0] : bounds[last][1]].strip()


# --------------------------------------------------------------------------------------------
# quoted spans → units


@dataclass(frozen=True)
class _OtherQuotes:
    """Tokens quoted by any candidate but one, looked up without building a set per candidate
    (which made an article of thousands of quotations quadratic)."""

    owners: dict[int, int]  # token index -> candidate number
    own: int

    def __contains__(self, i: object) -> bool:
        owner = self.owners.get(i)  # type: ignore[arg-type]
        return owner is not None and owner != self.own


@dataclass
class _Candidate:
    span: QuotedSpan
    tokens: tuple[int, int]          # token range of the content


def _side_cues(node: Token, inside: list[bool], cache: dict[int, list[Token]]) -> list[Token]:
    """A node's children that are cues hanging beside a clause (prep, parataxis, advcl), found once per
    node: a sentence root of a long, misparsed text can have thousands of children."""
    found = cache.get(node.i)
    if found is None:
        found = cache[node.i] = [c for c in node.children if c.dep_ in ("prep", "parataxis", "advcl") and _is_cue(c, inside)]
    return found


def _find_cue(
    doc: Doc, cand: _Candidate, inside: list[bool], mark_tokens: set[int], cache: dict[int, list[Token]] | None = None
) -> tuple[Token | None, bool]:
    """The cue of a quoted span: a reporting verb governing it, else one in the clause next to it."""
    cache = {} if cache is None else cache
    lo, hi = cand.tokens
    roots = [doc[i] for i in range(lo, hi) if not (lo <= doc[i].head.i < hi) and doc[i].i not in mark_tokens]
    found: Token | None = None
    for root in roots:
        node, steps = root, 0
        while node.head.i != node.i and steps < 12:
            node, steps = node.head, steps + 1
            if lo <= node.i < hi:
                continue
            if _is_cue(node, inside):
                found = node  # keep climbing: the outermost reporting verb names the source
                continue
            for child in _side_cues(node, inside, cache):
                if not lo <= child.i < hi:
                    if child.dep_ != "advcl" or speaker_mention(child)[0] is not None:
                        found = child
        if found is not None:
            return found, True
    # tail: “...,” Ruiz told reporters.   head: Ruiz said: “...”
    tail = _clause_tokens(doc, hi, +1, inside)
    head = _clause_tokens(doc, lo - 1, -1, inside)
    for region in (tail, head) if _ends_open(doc, cand) else (head, tail):
        for tok in region:
            if _is_cue(tok, inside) and not (region is tail and _reports_own_clause(tok, hi)):
                return tok, False
    return _cue_before_colon(doc, cand.span.open, inside), False


def _cue_before_colon(doc: Doc, pos: int, inside: list[bool]) -> Token | None:
    """The cue of a paragraph introduced at the end of the previous one ("The ministry said:")."""
    text = doc_text(doc)
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != ":" or "\n" not in text[i:pos]:
        return None
    colon = doc.char_span(i, i + 1, alignment_mode="expand")
    if colon is None:
        return None
    cues = [t for t in doc[colon.start].sent if t.i < colon.start and _is_cue(t, inside)]
    return cues[-1] if cues else None


def _reports_own_clause(cue: Token, after: int) -> bool:
    """“...future.” Ruiz said that the council could meet — the verb after the quote reports its own clause."""
    return any(_reported_clause(cue, child) and child.i > cue.i and child.left_edge.i >= after for child in cue.children)


def _ends_open(doc: Doc, cand: _Candidate) -> bool:
    """A quote ending in a comma, dash or question mark expects its cue after it."""
    text = doc_text(doc)[cand.span.content_start : cand.span.content_end].rstrip()
    return bool(text) and text[-1] in ",—–-?!"


def _clause_tokens(doc: Doc, i: int, step: int, inside: list[bool]) -> list[Token]:
    """Tokens from i outwards until a sentence end, another quote or a paragraph break (nearest first)."""
    out: list[Token] = []
    while 0 <= i < len(doc):
        tok = doc[i]
        if inside[i] and not tok.is_punct:
            break
        if "\n" in tok.text or (tok.text in _SENTENCE_END and not inside[i]):
            break
        if not inside[i]:
            out.append(tok)
        i += step
        if len(out) > 25:
            break
    return out


def _is_partial(doc: Doc, cand: _Candidate, cue: Token | None) -> bool:
    """A fragment woven into the reporting sentence rather than a quotation standing on its own."""
    open_tok = doc.char_span(cand.span.open, cand.span.open + 1, alignment_mode="expand")
    i = open_tok.start - 1 if open_tok is not None else cand.tokens[0] - 1
    while i >= 0 and doc[i].is_space:
        if "\n" in doc[i].text:
            return False
        i -= 1
    if i < 0 or "\n" in doc[i].text_with_ws or doc[i].text in _SENTENCE_END | _OPENING_PUNCT:
        return False
    if cue is not None and doc[i].i == cue.i:
        return not doc_text(doc)[cand.span.content_start].isupper()
    return True


def _partial_range(doc: Doc, cand: _Candidate, cue: Token, blocked: Container[int]) -> tuple[int, int]:
    """A partial quote with enough of its reported clause to read on its own (at least a third of it).

    Starts from the fragment's own phrase and climbs the parse while it is under a third of the
    clause the cue reports, never swallowing the cue or another quotation.
    """
    lo, hi = cand.tokens
    heads = [doc[i] for i in range(lo, hi) if not (lo <= doc[i].head.i < hi)]
    if not heads:
        return lo, hi
    node = heads[0]
    for h in heads:
        if len(list(h.subtree)) > len(list(node.subtree)):
            node = h
    # the clause the cue reports: the cue's child on the path to the fragment
    clause = node
    while clause.head.i != clause.i and clause.head.i != cue.i:
        clause = clause.head
    if clause.head.i != cue.i:
        clause = node
    exclude = {cue.i} | {t.i for t in cue.subtree if t.i < min(lo, clause.left_edge.i) or t.i in blocked}
    clause_lo, clause_hi = _subtree_range(clause, exclude)
    clause_len = sum(1 for i in range(clause_lo, clause_hi) if not doc[i].is_punct)
    best = (lo, hi)
    current = node
    while True:
        if current.i == cue.i or is_according_to(current):
            break
        sub = _subtree_range(current, exclude)
        sub = (min(sub[0], lo), max(sub[1], hi))
        if any(i in blocked for i in range(*sub)):
            break
        best = sub
        if 3 * sum(1 for i in range(*sub) if not doc[i].is_punct) >= clause_len or current.i == clause.i:
            break
        if current.head.i == current.i:
            break
        current = current.head
    return best


def _quoted_units(doc: Doc, spans: list[QuotedSpan], inside: list[bool]) -> list[Quote]:
    """Units built from quotation marks: direct, partial, interrupted (merged) and cue-less continuations."""
    mark_tokens: set[int] = set()
    cands: list[_Candidate] = []
    for span in spans:
        rng = _token_range(doc, span.content_start, span.content_end)
        if rng is None:
            continue
        cands.append(_Candidate(span, rng))
        for pos in (span.open, span.close):
            if pos < len(doc_text(doc)):
                mt = doc.char_span(pos, pos + 1, alignment_mode="expand")
                if mt is not None:
                    mark_tokens.update(range(mt.start, mt.end))
    quoted_tokens: dict[int, int] = {}
    for k, cand in enumerate(cands):
        for i in range(*cand.tokens):
            quoted_tokens[i] = k

    units: list[Quote] = []
    side_cues: dict[int, list[Token]] = {}
    for k, cand in enumerate(cands):
        cue, via_tree = _find_cue(doc, cand, inside, mark_tokens, side_cues)
        content = doc_text(doc)[cand.span.content_start : cand.span.content_end]
        words = [t for t in doc[cand.tokens[0] : cand.tokens[1]] if t.is_alpha]
        standalone = not _is_partial(doc, cand, cue)
        signature = _signed_by(doc, cand.span) if cue is None and standalone else None
        # interrupted quote: “A,” he said, “B.” — same cue, no sentence end between the parts
        prev = units[-1] if units else None
        if (
            prev is not None
            and prev.kind == "direct"
            and standalone
            and (
                (cue is not None and prev.cue_i == cue.i and _joins_previous(doc, prev.end, cand.span.open))
                # “A,” she said. “B.” — the attribution interrupts one quotation in one paragraph
                or (cue is None and signature is None and _continues_in_paragraph(doc, prev.end, cand.span.open))
            )
        ):
            prev.parts.extend(cand.span.pieces)
            prev.end = cand.span.end
            continue
        if cue is None and signature is None and (not standalone or not content[:1].isupper() or (len(words) < 4 and not _whole_paragraph_sentence(doc, cand.span))):
            continue  # a scare quote, title or nickname: no one is quoted
        if cue is not None and not standalone and (_is_label(words) or (not via_tree and len(words) < 4)):
            continue
        if cue is None and _in_title_case(words):
            continue  # a headline or title quoted on its own: no one is quoted
        blocked = _OtherQuotes(quoted_tokens, k)
        if standalone:
            kind, start, end, parts = "direct", cand.span.open, cand.span.end, list(cand.span.pieces)
        else:
            kind = "partial"
            lo, hi = _partial_range(doc, cand, cue, blocked) if cue is not None else cand.tokens
            start = min(doc[lo].idx, cand.span.open)
            end = max(doc[hi - 1].idx + len(doc[hi - 1]), cand.span.end)
            parts = [(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))]
        marks = [cand.span.open, cand.span.close] if kind == "partial" else []
        mention, descriptor = speaker_mention(cue) if cue is not None else (signature, None)
        if signature is not None:
            end = doc[signature[1] - 1].idx + len(doc[signature[1] - 1])
        units.append(
            Quote(
                start=start,
                end=end,
                parts=parts,
                kind=kind,
                cue=_cue_text(cue) if signature is None else "―",
                cue_i=cue.i if cue is not None else None,
                mention=mention,
                descriptor=descriptor,
                extras={"marks": marks} if marks else {},
            )
        )
    return units


#: A quotation signed after its closing mark: “...” ― Jane Doe, Phoenix
_SIGNED = re.compile(r"[ \t]*[―—–-]{1,2}[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|da|del|al|bin)){0,5})[ \t]*(?=[,.;(\n]|$)")


def _signed_by(doc: Doc, span: QuotedSpan) -> tuple[int, int] | None:
    """Token range of the name signing a quotation ("“...” ― Sonya Herridge"), if any."""
    match = _SIGNED.match(doc_text(doc), span.end)
    return _token_range(doc, match.start("name"), match.end("name")) if match else None


def _is_label(words: list[Token]) -> bool:
    """A fragment that names rather than quotes: a title or nickname in Title Case ("The Apprentice")."""
    if len(words) < 2:
        return False
    title_case = all(w.text[:1].isupper() for w in words if len(w.text) > 3)
    return len(words) <= 6 and title_case and not any(w.pos_ in ("VERB", "AUX") for w in words)


def _whole_paragraph_sentence(doc: Doc, span: QuotedSpan) -> bool:
    """A quotation that is its paragraph and ends a sentence ("No."): a short reply, never a scare quote or a title."""
    text = doc_text(doc)
    content = text[span.content_start : span.content_end]
    before = text[text.rfind("\n", 0, span.open) + 1 : span.open]
    end = text.find("\n", span.end)
    after = text[span.end : len(text) if end < 0 else end]
    return span.closed and content[-1:] in ".!?" and not before.strip() and not after.strip()


#: Short function words a title leaves in lower case ("Legend in the Coal Fields").
_TITLE_LOWER = frozenset("a an the of in on to for and or but at by with from as nor".split())


def _in_title_case(words: list[Token]) -> bool:
    """Three or more words, every one but the short function words capitalised: a title, not speech
    (speech is quoted in sentence case, where most words are lower case)."""
    return len(words) >= 3 and all(w.text[:1].isupper() or w.lower_ in _TITLE_LOWER for w in words)


def _merge_touching_partials(doc: Doc, units: list[Quote]) -> list[Quote]:
    """Fragments of one cue whose phrases overlap or touch ("a 'nasty guy,' an 'anchor baby'") are one unit."""
    merged: list[Quote] = []
    for unit in units:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and unit.kind == prev.kind == "partial"
            and unit.cue_i == prev.cue_i
            and unit.start <= prev.end + 2
        ):
            prev.parts = [(min(prev.parts[0][0], unit.parts[0][0]), max(prev.parts[-1][1], unit.parts[-1][1]))]
            prev.start, prev.end = min(prev.start, unit.start), max(prev.end, unit.end)
            prev.extras["marks"] = prev.extras.get("marks", []) + unit.extras.get("marks", [])
            continue
        merged.append(unit)
    return merged


def _continues_in_paragraph(doc: Doc, prev_end: int, next_open: int) -> bool:
    """Only a short attribution clause separates two quotations of the same paragraph."""
    between = doc_text(doc)[prev_end:next_open]
    return "\n" not in between and len(between) < 120


def _joins_previous(doc: Doc, prev_end: int, next_open: int) -> bool:
    between = doc_text(doc)[prev_end:next_open]
    return "\n" not in between and not any(ch in between for ch in ".!?;") and len(between) < 200


def _cue_text(cue: Token | None) -> str:
    if cue is None:
        return ""
    if is_according_to(cue):
        return "according to"
    particles = [c.text for c in cue.children if c.dep_ == "prt"]
    return " ".join([cue.text, *particles])


# --------------------------------------------------------------------------------------------
# block quotes


def _block_units(doc: Doc, spans: list[QuotedSpan]) -> list[Quote]:
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
            chosen.insert(0, (start, end))
            total += end - start
            if gap < gap_above_signature:
                break
        if not chosen:
            continue
        name_span = _token_range(doc, sig.start("name"), sig.end("name"))
        units.append(
            Quote(
                start=chosen[0][0],
                end=sig.end(),
                parts=chosen,
                kind="block",
                cue="—",
                mention=name_span,
                extras={"handle": sig.group("handle")},
            )
        )
    return units


#: A paragraph that introduces the next one: "The governor added:" at a line end.
_INTRODUCES_NEXT = re.compile(r":[ \t]*\r?\n[ \t\r\n]*(?=\S)")


#: Longest introduction without a reporting verb that can hand the floor to a person ("Jane Roe sounds worried:").
MAX_INTRO_WORDS = 12
#: Longest line without a final full stop read as a heading (which ends a block), not as a sentence of it.
MAX_HEADING_WORDS = 10
#: Most paragraphs a block introduced without a reporting verb runs on for (a blog post or a statement quoted at length).
MAX_BLOCK_PARAGRAPHS = 6


def _colon_blocks(doc: Doc, inside: list[bool]) -> list[Quote]:
    """Colon-introduced block quotes: "The governor added:" then a paragraph with no quotation marks;
    or a short introduction naming a person ("Jane Roe sounds worried:") then the paragraphs it quotes."""
    text = doc_text(doc)
    units: list[Quote] = []
    for colon in _INTRODUCES_NEXT.finditer(text):
        start = colon.end()
        if text[start] in DOUBLE_MARKS + SINGLE_MARKS:
            continue  # a marked quotation: the quoted-span path has it
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        cue = _cue_before_colon(doc, start, inside)
        mention = descriptor = None
        if cue is not None:
            mention, descriptor = speaker_mention(cue)
        else:
            mention = _introduced_person(doc, colon.start())
            if mention is None:
                continue
            end = _block_end(text, start)
        body = text[start:end].rstrip()
        if len(body.split()) < 4:
            continue
        parts = [(a, a + len(p.rstrip())) for a, p in _paragraph_pieces(text, start, start + len(body))]
        units.append(
            Quote(start=start, end=start + len(body), parts=parts, kind="block",
                  cue=_cue_text(cue) if cue is not None else ":", cue_i=cue.i if cue is not None else None,
                  mention=mention, descriptor=descriptor)
        )
    return units


def _introduced_person(doc: Doc, colon: int) -> tuple[int, int] | None:
    """The person a short paragraph ending in a colon hands the floor to: its subject, named as a person."""
    text = doc_text(doc)
    para_start = text.rfind("\n", 0, colon) + 1
    span = doc.char_span(para_start, colon, alignment_mode="expand")
    if span is None or not 0 < sum(t.is_alpha for t in span) <= MAX_INTRO_WORDS:
        return None
    for tok in span:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT" and tok.ent_type_ == "PERSON":
            return _mention_range(tok)[0]
    return None


def _block_end(text: str, start: int) -> int:
    """End of the paragraphs a colon introduced: up to a heading, another introduction, a marked quotation,
    or MAX_BLOCK_PARAGRAPHS paragraphs."""
    end = pos = start
    for _ in range(MAX_BLOCK_PARAGRAPHS):
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end].rstrip()
        heading = line[-1:] not in ".!?…" and len(line.split()) <= MAX_HEADING_WORDS
        if not line or heading or any(ch in line for ch in DOUBLE_MARKS) or line.endswith(":"):
            break
        end = pos + len(line)
        pos = line_end
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            break
    return end


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


# --------------------------------------------------------------------------------------------
# indirect speech


def _indirect_units(doc: Doc, inside: list[bool], used_cues: set[int], covered: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech without quotation marks: a speech verb's clausal complement, or 'according to X'."""
    units: list[Quote] = []
    for i in cue_candidates(doc):
        tok = doc[i]
        if inside[i]:
            continue
        if i in used_cues:
            if not is_speech_verb(tok):
                continue  # 'according to X, "..."': the quotation is what X said
            # a cue that introduces a quotation reports a clause of its own only when it says so with
            # 'that' and the clause ends before the quotation: 'adds that X will go: "..."'
            clauses = [c for c in tok.children if _reported_clause(tok, c) and _introduced_by_that(c)]
            clauses = [c for c in clauses if not any(inside[t.i] for t in c.subtree)]
            exclude = {tok.i}
        elif is_according_to(tok):
            clauses = [tok.head] if tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX") else []
            phrase_end = max(tok.right_edge.i, tok.nbor(1).right_edge.i)
            exclude = set(range(tok.left_edge.i, phrase_end + 1))
        elif is_speech_verb(tok):
            clauses = [c for c in tok.children if _reported_clause(tok, c)]
            exclude = {tok.i}
        else:
            continue
        mention, descriptor = speaker_mention(tok)
        for clause in clauses:
            for lo, hi in _clause_pieces(clause, exclude):
                if hi - lo < 3 or any(inside[i] for i in range(lo, hi)):
                    continue
                span = doc[lo:hi]
                if not any(t.pos_ in ("VERB", "AUX") for t in span):
                    continue
                if any(a < span.end_char and span.start_char < b for a, b in covered):
                    continue
                units.append(
                    Quote(
                        start=span.start_char,
                        end=span.end_char,
                        parts=[(span.start_char, span.end_char)],
                        kind="indirect",
                        cue=_cue_text(tok),
                        cue_i=tok.i,
                        mention=mention,
                        descriptor=descriptor,
                    )
                )
    return units


def _introduced_by_that(clause: Token) -> bool:
    """A reported clause opened by the complementiser 'that'."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _outermost(units: list[Quote]) -> list[Quote]:
    """Drop reported speech nested in other reported speech: the outer report carries it."""
    return [
        u for u in units
        if not any(o is not u and o.cue_i != u.cue_i and o.start <= u.start and u.end <= o.end for o in units)
    ]


def _reported_clause(cue: Token, child: Token) -> bool:
    """A clausal complement close to its cue (far ones are misparses), or a misparsed 'that' object."""
    if child.dep_ in _CLAUSE_DEPS:
        gap = child.left_edge.i - cue.i if child.i > cue.i else cue.i - child.right_edge.i
        return gap <= MAX_CUE_GAP
    return child.dep_ == "dobj" and child.lower_ == "that" and child.pos_ == "SCONJ" and child.i - cue.i <= MAX_CUE_GAP


def _clause_pieces(clause: Token, exclude: set[int]) -> list[tuple[int, int]]:
    """A reported clause, split where coordinated clauses each carry their own 'that'."""
    if clause.dep_ == "dobj" and clause.pos_ == "SCONJ":  # a 'that' misparsed as object: the clause is the rest of the sentence
        end = clause.sent.end
        while end > clause.i + 1 and (clause.doc[end - 1].is_punct or clause.doc[end - 1].is_space):
            end -= 1
        return [(clause.i + 1, end)]
    splits = [c for c in clause.children if c.dep_ == "conj" and any(g.dep_ == "mark" for g in c.children)]
    pieces = []
    cut = set(exclude)
    for conj in splits:
        sub = {t.i for t in conj.subtree}
        pieces.append(_subtree_range(conj, cut))
        cut |= sub
        cut.update(c.i for c in clause.children if c.dep_ == "cc" and c.i < conj.i)
    head_piece = _subtree_range(clause, cut) if clause.i not in cut else None
    # the cue itself may sit inside the clause's span (parenthetical "he warned"): cut the piece there
    result = [head_piece] if head_piece else []
    return [p for p in result + pieces if p[1] > p[0]]


# --------------------------------------------------------------------------------------------


def _unit_text(text: str, unit: Quote) -> str:
    """The quote's words: its parts joined by a space, without the marks of fragments woven into a phrase."""
    marks = set(unit.extras.get("marks", ()))
    pieces = []
    for a, b in unit.parts:
        piece = "".join(ch for i, ch in enumerate(text[a:b], start=a) if i not in marks) if marks else text[a:b]
        pieces.append(piece.strip())
    return re.sub(r"\s{2,}", " ", " ".join(pieces)) if marks else " ".join(pieces)


def find_quotes(doc: Doc) -> list[Quote]:
    """All quotation units of a parsed Doc, in text order, with text and context sentence filled."""
    text = doc_text(doc)
    spans = find_quoted_spans(text)
    inside = [False] * len(doc)
    for span in spans:
        rng = _token_range(doc, span.content_start, span.content_end)
        if rng:
            for i in range(*rng):
                inside[i] = True
    units = _merge_touching_partials(doc, _quoted_units(doc, spans, inside))
    blocks = [
        b for b in _block_units(doc, spans) + _colon_blocks(doc, inside)
        if not any(u.start < b.end and b.start < u.end for u in units)
    ]
    units += blocks
    used = {u.cue_i for u in units if u.cue_i is not None}
    covered = [(u.start, u.end) for u in units if u.kind != "block"]  # a quoted post reports speech of its own
    units += _outermost(_indirect_units(doc, inside, used, covered))
    units.sort(key=lambda u: (u.start, u.end))
    bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]
    for unit in units:
        unit.text = _unit_text(text, unit)
        unit.sentence = _sentence_text(doc, unit.start, unit.end, bounds)
    return units
