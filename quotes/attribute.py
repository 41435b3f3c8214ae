"""Attribute stage: resolve each quotation's speaker mention to a named, canonical speaker.

Handles names and their shorter forms (fullest name in the article wins), registry aliases and
spelling variants, pronouns (he/she → the last person speaking or named), role nouns ("the
ministry", "the spokeswoman": matched to registry roles, to titles and appositions seen in the
article, or to earlier speakers), and quotes with no cue that continue the previous speaker.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.extract import Quote
from quotes.registry import Registry, Speaker

_PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
#: Honorifics and role nouns that tell a person's grammatical gender (English function words, not names).
_GENDER_WORDS = {
    **dict.fromkeys("mrs ms miss madam spokeswoman chairwoman congresswoman businesswoman councilwoman "
                    "woman mother wife daughter sister queen princess actress".split(), "f"),
    **dict.fromkeys("mr sir spokesman chairman congressman businessman councilman "
                    "man father husband son brother king prince actor".split(), "m"),
}
_RELATIVE = {"who", "which", "that"}
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "minister", "senator"}
#: How far back (characters) a cue-less quote may continue the previous speaker.
CONTINUATION_REACH = 1200


@dataclass
class ResolvedSpeaker:
    """A speaker as the output names it."""

    name: str
    id: str
    is_person: bool
    gender: str = ""           # "m" / "f" where the article tells, else ""
    kind: str = ""             # person | organization | document | group | '' (see schema.QUOTE_COLUMNS)
    roles: tuple[str, ...] = ()  # titles and descriptions the article gives the speaker


def slugify(name: str) -> str:
    """A stable ASCII id for a speaker not in the registry: 'Dennis Brooks' → 'dennis-brooks'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'´`]s\b", "", text)
    return re.sub(r"[^a-z0-9@]+", "-", text).strip("-")


def _clean(span_text: str) -> str:
    text = re.sub(r"\s+", " ", span_text).strip(" ,;:—–-")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I) if text[:4].lower() in ("the ", "a ", "an ") else text
    return re.sub(r"[’'´`]s$", "", text)


@dataclass
class _Person:
    name: str                  # fullest form seen
    surname: str
    descriptors: set[str]      # role words seen with the name: "spokeswoman", "minister"
    last_seen: int             # char offset


class _ArticleContext:
    """What the attributor knows of one article: its people and who spoke last."""

    def __init__(self, doc: Doc, registry: Registry) -> None:
        self.doc = doc
        self.registry = registry
        self.people: dict[str, _Person] = {}
        self.mentions: list[tuple[int, str]] = []   # (char offset, surname key) of person mentions
        self.history: list[tuple[int, ResolvedSpeaker, str]] = []  # (offset, speaker, mention text)
        self.genders: dict[str, str] = {}            # speaker id → gender, from titles or pronouns used
        self._index_people()

    def _index_people(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t for t in ent if t.is_alpha or t.text in "-.'"]
            words = [t for t in words if t.lower_.strip(".") not in _TITLE_WORDS]
            if not words:
                continue
            surname = words[-1].lower_
            name = _clean(self.doc[words[0].i : words[-1].i + 1].text)
            person = self.people.get(surname)
            if person is None:
                person = self.people[surname] = _Person(name, surname, set(), ent.start_char)
            elif len(name.split()) > len(person.name.split()):
                person.name = name
            person.descriptors |= _descriptors(ent) | _honorific(ent)
            self.mentions.append((ent.start_char, surname))

    # ---------------------------------------------------------------- resolution

    def resolve(self, quote: Quote) -> ResolvedSpeaker | None:
        if quote.mention is None:
            return self._continuation(quote) if quote.cue_i is None or quote.kind == "block" else None
        lo, hi = quote.mention
        span = self.doc[lo:hi]
        head = span.root
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
            antecedent = head.head.head
            span = self.doc[antecedent.left_edge.i : antecedent.i + 1]
            head = antecedent
        if len(span) == 1 and head.pos_ == "PRON":
            return self._pronoun(head, quote.start)
        found = self._by_registry(span.text)
        if found is None and quote.descriptor is not None:
            found = self._by_registry(self.doc[quote.descriptor[0] : quote.descriptor[1]].text)
        if found is not None:
            return found
        person = self._person_in(span)
        if person is not None:
            return self._canonical_person(person)
        return self._by_role(span, quote.start)

    def _by_registry(self, text: str) -> ResolvedSpeaker | None:
        speaker = self.registry.match(text) if len(self.registry) else None
        return _from_registry(speaker) if speaker else None

    def _person_in(self, span: Span) -> _Person | None:
        person_words = [t for t in span if t.ent_type_ == "PERSON" and t.is_alpha]
        if person_words and person_words[-1].lower_ in self.people:
            return self.people[person_words[-1].lower_]
        # a bare surname the tagger did not mark as a person ("Okafor said")
        last = [t for t in span if t.is_alpha]
        if last and last[-1].pos_ == "PROPN" and last[-1].lower_ in self.people:
            return self.people[last[-1].lower_]
        return None

    def _pronoun(self, pronoun: Token, offset: int) -> ResolvedSpeaker | None:
        """he/she → the last person speaking (or named) whose gender fits; they/it → the last group."""
        want_person = pronoun.lower_ in _PERSON_PRONOUNS
        gender = _PRONOUN_GENDER.get(pronoun.lower_, "")
        fits = lambda speaker: self.genders.get(speaker.id, "") in ("", gender) or not gender  # noqa: E731
        for _, speaker, _ in reversed(self.history):
            if speaker.is_person == want_person and (not want_person or fits(speaker)):
                return self._learn(speaker, gender)
        if want_person:
            for _, key in reversed([(pos, key) for pos, key in self.mentions if pos < offset]):
                speaker = self._canonical_person(self.people[key])
                if fits(speaker):
                    return self._learn(speaker, gender)
        return self.history[-1][1] if self.history else None

    def _learn(self, speaker: ResolvedSpeaker, gender: str) -> ResolvedSpeaker:
        """A pronoun resolved to a person tells that person's gender for later pronouns."""
        if gender:
            self.genders.setdefault(speaker.id, gender)
        return speaker

    def _canonical_person(self, person: _Person) -> ResolvedSpeaker:
        speaker = self._by_registry(person.name) or ResolvedSpeaker(person.name, slugify(person.name), True)
        speaker.roles = tuple(sorted(person.descriptors))
        gender = next((_GENDER_WORDS[w] for w in sorted(person.descriptors) if w in _GENDER_WORDS), "")
        if gender:
            self.genders.setdefault(speaker.id, gender)
        return speaker

    def _by_role(self, span: Span, offset: int) -> ResolvedSpeaker | None:
        """A role noun: a title seen with a named person, an earlier speaker's description, or itself."""
        head = span.root
        role = head.lemma_.lower()
        if head.pos_ == "NOUN" or (head.pos_ == "PROPN" and not head.ent_type_):  # a title, not a name
            candidates = [p for p in self.people.values() if role in p.descriptors and p.last_seen < offset]
            if candidates:
                return self._canonical_person(max(candidates, key=lambda p: p.last_seen))
            for _, speaker, mention_text in reversed(self.history):
                if role in mention_text.lower().split():
                    return speaker
        name = _clean(span.text)
        if not name or head.pos_ == "PRON":
            return None
        is_person = head.ent_type_ == "PERSON"
        kind = "person" if is_person else "organization" if head.ent_type_ in ("ORG", "NORP", "GPE") else ""
        return ResolvedSpeaker(name, slugify(name), is_person, kind=kind)

    def _continuation(self, quote: Quote) -> ResolvedSpeaker | None:
        """A quote with no cue continues the last speaker quoted just before it."""
        if self.history and quote.start - self.history[-1][0] <= CONTINUATION_REACH:
            return self.history[-1][1]
        return None

    def remember(self, quote: Quote, speaker: ResolvedSpeaker) -> None:
        mention_text = self.doc[quote.mention[0] : quote.mention[1]].text if quote.mention else ""
        self.history.append((quote.end, speaker, mention_text))


def _descriptors(ent: Span) -> set[str]:
    """Role words around a person's name: titles before it, and the head of an apposition."""
    words: set[str] = set()
    root = ent.root
    for tok in root.children:
        if tok.dep_ in ("compound", "amod") and tok.i < ent.start and tok.pos_ in ("NOUN", "PROPN"):
            words.add(tok.lemma_.lower())
        if tok.dep_ == "appos":
            words.add(tok.lemma_.lower())
            words.update(c.lemma_.lower() for c in tok.children if c.dep_ == "compound")
    if root.dep_ == "appos":
        words.add(root.head.lemma_.lower())
    words |= _title_before(ent)
    return {w for w in words if w.isalpha()}


def _honorific(ent: Span) -> set[str]:
    """Mr./Ms./Mrs. written just before a name (lower-cased, without the dot)."""
    doc = ent.doc
    previous = doc[ent.start - 1] if ent.start > 0 else None
    first = doc[ent.start]
    words = {t.lower_.strip(".") for t in (previous, first) if t is not None}
    return {w for w in words if w in ("mr", "mrs", "ms", "miss", "sir", "madam")}


def _title_before(ent: Span) -> set[str]:
    """Nouns of a title written just before a name, even where the parse missed the apposition:
    "The General-Secretary of the alliance, Jane Doe"."""
    doc, i, words = ent.doc, ent.start - 1, set()
    if i >= 0 and doc[i].text == ",":
        i -= 1
    while i >= max(ent.sent.start, ent.start - 8):
        tok = doc[i]
        if tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ != "PERSON":
            words.add(tok.lemma_.lower())
        elif not (tok.pos_ in ("DET", "ADJ") or tok.text in "-–" or tok.lower_ == "of"):
            break
        i -= 1
    return words


def _from_registry(speaker: Speaker) -> ResolvedSpeaker:
    return ResolvedSpeaker(speaker.name, speaker.id, speaker.is_person)


def attribute(doc: Doc, quotes: list[Quote], registry: Registry | None = None) -> list[Quote]:
    """Fill ``speaker`` and ``speaker_id`` of each quote (in text order) of one Doc."""
    context = _ArticleContext(doc, registry or Registry())
    for quote in sorted(quotes, key=lambda q: q.start):
        speaker = context.resolve(quote)
        if speaker is None:
            continue
        quote.speaker, quote.speaker_id = speaker.name, speaker.id
        quote.speaker_kind = speaker.kind or ("person" if speaker.is_person else "")
        quote.roles = speaker.roles
        if quote.mention is not None:
            quote.mention_text = doc[quote.mention[0] : quote.mention[1]].text
        context.remember(quote, speaker)
    return quotes
