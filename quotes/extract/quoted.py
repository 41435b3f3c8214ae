"""Quotes inside quotation marks: direct and partial units, each with its cue (the reporting verb governing it,
else the clause beside it), interrupted quotes merged into one unit, partial quotes read as a phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.extract.indirect import reported_clause
from quotes.extract.marks import QuotedSpan
from quotes.extract.partial import partial_range
from quotes.extract.units import (
    Quote,
    cue_before_colon,
    cue_text,
    doc_text,
    in_title_case,
    is_cue,
    mention_range,
    names_a_work,
    speaker_mention,
    token_range,
)

_SENTENCE_END = {".", "!", "?"}
#: Fewest words of a quotation without a cue that can be speech rather than a scare quote, a title or a
#: name ("zero day", "drive-by exploit", "Tiny Dancer"); the bound short cue-less direct quotes already had.
_FEWEST_CUELESS_WORDS = 4
_OPENING_PUNCT = {":", ",", "—", "–", "-", "(", "[", ";", "…", "“", "”", "\"", "«", "»", "'", "’", "‘"}


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
        found = cache[node.i] = [c for c in node.children if c.dep_ in ("prep", "parataxis", "advcl") and is_cue(c, inside)]
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
            if is_cue(node, inside):
                found = node  # keep climbing: the outermost reporting verb names the source
                continue
            for child in _side_cues(node, inside, cache):
                if not lo <= child.i < hi:
                    if child.dep_ != "advcl" or speaker_mention(child)[0] is not None:
                        found = child
        if found is not None:
            verb = _verb_just_before(doc, cand, inside)
            adjacent = _cue_just_before(verb, inside)
            if adjacent is None and _coordinated_clause_before(doc, cand, verb, inside):
                return None, False  # "X wrote that …, and Roe was blunter still: “…”": Roe's clause introduces it
            return (adjacent if adjacent is not None else found), True
    # tail: “...,” Ruiz told reporters.   head: Ruiz said: “...”
    tail = _clause_tokens(doc, hi, +1, inside)
    head = _clause_tokens(doc, lo - 1, -1, inside)
    for region in (tail, head) if _ends_open(doc, cand) else (head, tail):
        for tok in region:
            if is_cue(tok, inside) and not (region is tail and _reports_own_clause(tok, hi)):
                return tok, False
    return cue_before_colon(doc, cand.span.open, inside), False


def _verb_just_before(doc: Doc, cand: _Candidate, inside: list[bool]) -> Token | None:
    """The verb nearest before a quotation that opens a sentence after a comma or colon, within _CUE_REACH tokens
    and the sentence (a fragment woven into a clause, "confirmed that 'NATO is …'", has none)."""
    text = doc_text(doc)
    if not text[cand.span.content_start : cand.span.content_start + 1].isupper() or \
            text[: cand.span.open].rstrip()[-1:] not in (",", ":"):
        return None
    for i in range(cand.tokens[0] - 1, max(cand.tokens[0] - 1 - _CUE_REACH, -1), -1):
        tok = doc[i]
        if tok.is_space:
            continue  # a paragraph break after "added:" before the quotation
        if inside[i] or "\n" in tok.text or tok.text in _SENTENCE_END:
            return None
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _coordinated_clause_before(doc: Doc, cand: _Candidate, verb: Token | None, inside: list[bool]) -> bool:
    """The quotation follows a colon closing a clause coordinated with the sentence's first, a clause with its own
    subject and no reporting verb ("…, and Roe was blunter still: “…”"): the first clause's cue is not its cue.
    ``verb`` is the verb just before the quotation (``_verb_just_before``)."""
    if doc_text(doc)[: cand.span.open].rstrip()[-1:] != ":":
        return False
    return verb is not None and verb.dep_ == "conj" and not is_cue(verb, inside) \
        and any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)


def _cue_just_before(tok: Token | None, inside: list[bool]) -> Token | None:
    """ "Trump boasted, “That ...”", "footage of Trump saying during the debate, “That ...”": the reporting verb
    nearest before a quotation that opens a sentence after a comma or colon, with its own subject and no other verb
    between, introduces it, whatever clause a misparse hangs the quotation on. ``tok`` is the verb just before the
    quotation (``_verb_just_before``)."""
    if tok is None:
        return None
    subject = any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children) or (
        tok.dep_ == "acl" and tok.head.i < tok.i and tok.head.pos_ in ("PROPN", "NOUN"))  # "of Reyes saying"
    return tok if subject and is_cue(tok, inside) else None


#: Most tokens between that verb and the opening mark: a time and a place phrase fit ("saying during the debate
#: last week, “" is six); a longer stretch holds a clause of its own, whose verb the scan stops at anyway.
_CUE_REACH = 8


def _name_before_cue(
    doc: Doc, after: int, cue: int, inside: list[bool]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """“...,” Ruiz, a council member, said — the parser hung the name elsewhere and left the cue without a
    subject: the first person's name between the closing mark and the cue is the speaker."""
    for i in range(after, cue):
        if not inside[i] and doc[i].ent_type_ == "PERSON":
            head = doc[i]
            while head.head.i != head.i and head.dep_ in ("compound", "flat") and after <= head.head.i < cue:
                head = head.head
            return mention_range(head)
    return None, None


def _reports_own_clause(cue: Token, after: int) -> bool:
    """“...future.” Ruiz said that the council could meet — the verb after the quote reports its own clause."""
    return any(reported_clause(cue, child) and child.i > cue.i and child.left_edge.i >= after for child in cue.children)


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
    if i >= 0 and _follows_open_list_item(doc, i, cand):
        return True
    if i < 0 or "\n" in doc[i].text_with_ws or doc[i].text in _SENTENCE_END | _OPENING_PUNCT:
        return False
    if cue is not None and doc[i].i == cue.i:
        return not doc_text(doc)[cand.span.content_start].isupper()
    return True


def _follows_open_list_item(doc: Doc, i: int, cand: _Candidate) -> bool:
    """A lower-case fragment right after another quotation that closed on a comma: the next item of one
    quoted list ("called the plan 'reckless,' 'unfunded' and 'doomed'"), not a quotation of its own."""
    text = doc_text(doc)
    if doc[i].text not in ("”", "\"", "’", "'") or not text[cand.span.content_start : cand.span.content_start + 1].islower():
        return False
    before = text[: doc[i].idx].rstrip()
    return before.endswith(",") and "\n" not in text[doc[i].idx : cand.span.open]


def quoted_units(doc: Doc, spans: list[QuotedSpan], inside: list[bool]) -> list[Quote]:
    """Units built from quotation marks: direct, partial, interrupted (merged) and cue-less continuations."""
    mark_tokens: set[int] = set()
    cands: list[_Candidate] = []
    for span in spans:
        rng = token_range(doc, span.content_start, span.content_end)
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
        label = _labelled_by(doc, cand.span) if cue is None and standalone and signature is None else None
        # interrupted quote: “A,” he said, “B.” — same cue, no sentence end between the parts
        prev = units[-1] if units else None
        # the speech after the narration set into a dialogue paragraph ("—A —he says—, b.") goes on with it
        dialogue_goes_on = cand.span.dialogue and k > 0 and cands[k - 1].span.dialogue and prev is not None \
            and prev.end == cands[k - 1].span.end and "\n" not in doc_text(doc)[prev.end : cand.span.open]
        if dialogue_goes_on or (
            prev is not None
            and prev.kind == "direct"
            and standalone
            and (
                (cue is not None and prev.cue_i == cue.i and _joins_previous(doc, prev.end, cand.span.open))
                # “A,” she said. “B.” — the attribution interrupts one quotation in one paragraph
                or (cue is None and signature is None and label is None and _continues_in_paragraph(doc, prev.end, cand.span.open))
            )
        ):
            prev.parts.extend(cand.span.pieces)
            prev.end = cand.span.end
            continue
        woven_speech = cue is None and not standalone and _is_woven_speech(doc, cand.span, words)
        if cue is None and signature is None and label is None and not woven_speech and (
            not standalone
            or not content[:1].isupper()
            or (len(words) < _FEWEST_CUELESS_WORDS and not _whole_paragraph_sentence(doc, cand.span))
        ):
            continue  # a scare quote, title or nickname: no one is quoted
        if cue is not None and not standalone and (_is_label(words) or (not via_tree and len(words) < 4)
                                                   or _names_the_subject(cue, cand.tokens) or _a_name_given(cue)):
            continue
        if in_title_case(words) and (cue is None or names_a_work(words)):
            continue  # a headline or title quoted on its own, or a work's title after any verb: no one is quoted
        blocked = _OtherQuotes(quoted_tokens, k)
        if standalone:
            kind, start, end, parts = "direct", cand.span.open, cand.span.end, list(cand.span.pieces)
        else:
            kind = "partial"
            lo, hi = partial_range(doc, cand.tokens, cue, blocked) if cue is not None else cand.tokens
            start = min(doc[lo].idx, cand.span.open)
            end = max(doc[hi - 1].idx + len(doc[hi - 1]), cand.span.end)
            parts = [(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))]
        # the marks woven into the phrase, left out of its text (an unclosed span "closes" at its last word, no mark)
        marks = [cand.span.open, *([cand.span.close] if cand.span.closed else [])] if kind == "partial" else []
        mention, descriptor = speaker_mention(cue) if cue is not None else (signature or label, None)
        # a subject in quotation marks ("We" of the quote; a show's title "on “Fox and Friends”") quotes no one: the
        # cue's subject outside them, else (for a cue after the quote) the name before the cue, else it stays
        quoted_subject = mention is not None and any(i in quoted_tokens for i in range(*mention))
        if cue is not None and (mention is None or quoted_subject):
            found = speaker_mention(cue, skip=quoted_tokens) if quoted_subject else (None, None)
            if found[0] is None and cue.i >= cand.tokens[1]:
                found = _name_before_cue(doc, cand.tokens[1], cue.i, inside)
            if found[0] is not None or mention is None:
                mention, descriptor = found
        if signature is not None:
            end = doc[signature[1] - 1].idx + len(doc[signature[1] - 1])
        units.append(
            Quote(
                start=start,
                end=end,
                parts=parts,
                kind=kind,
                cue="―" if signature is not None else ":" if label is not None else cue_text(cue),
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
    return token_range(doc, match.start("name"), match.end("name")) if match else None


#: A line that opens with a short name and a colon before the quotation: Roe: “…” (a headline, a Q&A's answer).
_LABEL = re.compile(r"(?:^|\n)[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]*$")


#: Entity types that make a label word no person's name wherever the tagger gives them.
_NOT_PERSON_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "ORG"})


def _labelled_by(doc: Doc, span: QuotedSpan) -> tuple[int, int] | None:
    """Token range of the person whose name labels a quotation ("Roe: “…”", "Jane Roe: “…”"): a name the tagger
    reads as a person's, or the surname of a person the article names. A label that is no name ("WATCH:",
    "Key points:") labels nothing."""
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, span.open) + 1
    match = _LABEL.search(text, max(line_start - 1, 0), span.open)
    if match is None:
        return None
    found = token_range(doc, match.start("name"), match.end("name"))
    if found is None:
        return None
    words = [t for t in doc[found[0] : found[1]] if t.is_alpha]
    if not words or any(t.lower_ == words[-1].lower_ and t.ent_type_ in _NOT_PERSON_LABELS for t in doc):
        return None  # "Ruritania: “…”": a place the article names, not a speaker
    if all(t.ent_type_ == "PERSON" for t in words) or any(_full_name_ends_with(doc, t, words[-1]) for t in doc):
        return found
    return None


def _full_name_ends_with(doc: Doc, tok: Token, label_word: Token) -> bool:
    """Whether ``tok`` is the label's word closing a name of two or more capitalised words elsewhere ("Roe" in
    "Head coach Jane Roe"): the label is that person's surname, whether or not the tagger read the name."""
    return tok.i != label_word.i and tok.lower_ == label_word.lower_ and tok.i > 0 \
        and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].text[:1].isupper()


def _names_the_subject(cue: Token, tokens: tuple[int, int]) -> bool:
    """A fragment inside the cue's own subject ("the ‘doom-mongers’ predicted", "so-called “experts” said"): a
    scare-quoted name for the speakers, not their words."""
    lo, hi = tokens
    doc = cue.doc
    for subject in (c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subject.left_edge.i <= lo and hi - 1 <= subject.right_edge.i and \
                not any(_clause_between(doc[i], subject) for i in range(lo, hi)):
            return True
    return False


def _clause_between(tok: Token, top: Token) -> bool:
    """Whether a verb lies on the way up from ``tok`` to ``top`` (a relative clause of the subject, "Roe, who called
    herself a 'fan', said": its fragment is quoted by that clause's own verb)."""
    node = tok
    while node.i != top.i and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX") and node.i != tok.i:
            return True
        node = node.head
    return False


#: Verbs that give a thing its name ("dubbed “Operation X”", "what critics called “a giveaway”").
NAMING_VERBS = frozenset({"call", "dub", "term", "label", "brand"})


def _a_name_given(cue: Token) -> bool:
    """A naming verb in the passive with no agent ("the flaw is termed “zero day”", "a plan dubbed “the squeeze”"):
    the fragment is what the thing is called, and no one is quoted (with "by X", a subject or an object of its own,
    "X called the plan “a giveaway”", someone speaks)."""
    if cue.lemma_.lower() not in NAMING_VERBS or any(c.dep_ in ("agent", "nsubj", "dobj") for c in cue.children):
        return False
    return (cue.tag_ == "VBN" and cue.dep_ == "acl") or any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)


def _is_label(words: list[Token]) -> bool:
    """A fragment that names rather than quotes: a title or nickname in Title Case ("The Apprentice")."""
    if len(words) < 2 or not any(w.text[:1].isupper() for w in words):
        return False  # a fragment without a capital ("the end of an era": no word over three letters) names nothing
    title_case = all(w.text[:1].isupper() for w in words if len(w.text) > 3)
    return len(words) <= 6 and title_case and not any(w.pos_ in ("VERB", "AUX") for w in words)


def _is_woven_speech(doc: Doc, span: QuotedSpan, words: list[Token]) -> bool:
    """A fragment woven into a sentence with no reporting verb that still quotes someone: several words,
    not a title or label, running to the end of the sentence ("...to deliver a fix 'in the unprecedented
    time of eight days.'") — the writer hands the rest of the sentence to the source. Scare quotes and
    names sit inside the writer's own phrase instead ("the 'beta' release of the browser")."""
    return (
        len(words) >= _FEWEST_CUELESS_WORDS
        and not in_title_case(words)
        and not _is_label(words)
        and _ends_sentence(doc, span)
    )


def _ends_sentence(doc: Doc, span: QuotedSpan) -> bool:
    """The quotation runs to the end of its sentence: its last word is followed only by a sentence end."""
    text = doc_text(doc)
    content = text[span.content_start : span.content_end].rstrip()
    after = text[span.end : span.end + 3].lstrip(" \t")
    return content[-1:] in ".!?:" or after[:1] in (".", "!", "?", ":", "\n") or not after


def _whole_paragraph_sentence(doc: Doc, span: QuotedSpan) -> bool:
    """A quotation that is its paragraph and ends a sentence ("No."): a short reply, never a scare quote or a title."""
    text = doc_text(doc)
    content = text[span.content_start : span.content_end]
    before = text[text.rfind("\n", 0, span.open) + 1 : span.open]
    end = text.find("\n", span.end)
    after = text[span.end : len(text) if end < 0 else end]
    return span.closed and content[-1:] in ".!?" and not before.strip() and not after.strip()


#: Word classes of the writer's own phrase: fragments of one cue with only other words between their
#: marks are items of one quoted list ("a 'nasty guy,' an 'anchor baby' and 'sick'", "a 'liar' who is
#: 'amoral'", "'trial lawyers' and general 'legal matters'"); a noun or a verb between them is a phrase
#: of the writer's ("the 'beta' release of version 8 is 'potentially vulnerable'").
_WRITERS_OWN = frozenset({"NOUN", "PROPN", "VERB"})


def merge_touching_partials(doc: Doc, units: list[Quote]) -> list[Quote]:
    """Fragments of one cue with none of the writer's own nouns or verbs between them ("a 'nasty guy,' an
    'anchor baby'") are one unit: the items of one quoted list."""
    merged: list[Quote] = []
    for unit in units:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and unit.kind == prev.kind == "partial"
            and unit.cue_i == prev.cue_i
            and _one_quoted_list(doc, prev, unit)
        ):
            prev.parts = [(min(prev.parts[0][0], unit.parts[0][0]), max(prev.parts[-1][1], unit.parts[-1][1]))]
            prev.start, prev.end = min(prev.start, unit.start), max(prev.end, unit.end)
            prev.extras["marks"] = prev.extras.get("marks", []) + unit.extras.get("marks", [])
            continue
        merged.append(unit)
    return merged


def _one_quoted_list(doc: Doc, prev: Quote, unit: Quote) -> bool:
    """Two fragments of one cue are items of one list: only function words (no noun or verb of the
    writer's) stand between their marks. Even touching phrases are not one list when the writer's words
    lie between the fragments ("the 'beta' release of version 8 is 'potentially vulnerable'"), nor when a
    complementiser opens a clause of its own between them."""
    prev_marks, marks = prev.extras.get("marks", []), unit.extras.get("marks", [])
    if prev.cue_i is None or not prev_marks or not marks:
        return unit.start <= prev.end + 2  # no marks to look between: phrases that touch
    gap = doc.char_span(max(prev_marks) + 1, min(marks), alignment_mode="expand")
    return gap is not None and not any(t.pos_ in _WRITERS_OWN or _opens_clause(t) or t.is_sent_start for t in gap)


def _opens_clause(token: Token) -> bool:
    """A complementiser between two fragments starts another reported clause ("said the review was 'ongoing' and
    that it would be 'inappropriate to comment'"): two remarks, not items of one list."""
    return token.dep_ == "mark" and token.lower_ in ("that", "whether", "if")


def _continues_in_paragraph(doc: Doc, prev_end: int, next_open: int) -> bool:
    """Only a short attribution clause separates two quotations of the same paragraph."""
    between = doc_text(doc)[prev_end:next_open]
    return "\n" not in between and len(between) < 120


def _joins_previous(doc: Doc, prev_end: int, next_open: int) -> bool:
    between = doc_text(doc)[prev_end:next_open]
    return "\n" not in between and not any(ch in between for ch in ".!?;") and len(between) < 200
