"""Attribute stage: resolve each quotation's speaker mention to a named, canonical speaker.

A mention is read from its parse: a name (fullest form in the article; a first name alone, a surname
or a misspelling of a name used elsewhere stand for that person; titles, jobs and ages are not part of
the name), a pronoun (the person the narration's pronoun chain leads to, see quotes.attribute.coref), a role
noun ("the company", "the showrunner", "her agent": the organisation or person of the article whose
role or kind fits), a relation ("Barrow aides", "Whitfield's campaign": the phrase's head with its
relation, never the related person), a document ("a statement from the agency": its issuer; "the
complaint": the document itself) or a group ("Ruiz and Lam"). A quote with no cue continues the
speaker its context gives: a signature after it, the subject of its sentence, or the previous speaker.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from quotes.attribute.coref import PronounChain, is_subject
from quotes.attribute.entities import ArticleEntities, Entity, age_of_mention, name_words
from quotes.attribute.registry import Registry, Speaker
from quotes.attribute.speaker_words import (
    BUSINESS_NOUNS,
    DOCUMENT_NOUNS,
    INDEFINITE_DETERMINERS,
    ISSUING_VERBS,
    ORGANISATION_NOUNS,
    PERSON_PRONOUNS,
)
from quotes.extract.units import Quote, doc_text

_RELATIVE = {"who", "which", "that"}
#: Pronouns that quantify over a group named before: they stand for it as "they" does.
_GROUP_QUANTIFIERS = {"all", "both"}
_QUOTED_KINDS = ("direct", "partial", "block")
_NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART")
_PLACE_LABELS = ("GPE", "NORP", "LOC")  # nationality and place modifiers describe, they relate to no one
_ISSUER_PREPS = ("from", "by")  # "a survey of voters" is about the voters, not by them
_AFFILIATION_PREPS = ("at", "of", "from", "for", "with")
#: How many sentences back "it" looks for an organisation as subject ("Mozilla … It is also reissuing").
IT_REACH = 2
#: How far back (characters) a cue-less quote may continue the previous speaker.
CONTINUATION_REACH = 1200
#: A name signed after a quote on its line: “…” ― Jane Doe
_SIGNED_AFTER = re.compile(r"^[^\S\n]*[―—–-]{1,2}[^\S\n]*([^\W\d_][^\n,;()]{1,60}?)[^\S\n.]*\.?[^\S\n]*$", re.M)
#: A clipping is a document noun's short form ("bio" for "biography", "memo" for "memorandum").
MIN_CLIPPING = 3
#: Shortest role noun an adjective may be made from ("mayor" → "mayoral"): shorter ones ("aide", "head")
#: begin too many unrelated adjectives ("heady").
MIN_ROLE_STEM = 5


@dataclass
class ResolvedSpeaker:
    """A speaker as the output names it."""

    name: str
    id: str
    is_person: bool
    gender: str = ""           # "m" / "f" where the article tells, else ""
    kind: str = ""             # person | organization | document | group | '' (see schema.QUOTE_COLUMNS)
    roles: tuple[str, ...] = ()  # titles and descriptions the article gives the speaker
    entity: Entity | None = field(default=None, repr=False)


def slugify(name: str) -> str:
    """A stable ASCII id for a speaker not in the registry: 'Dennis Brooks' → 'dennis-brooks'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'´`]s\b", "", text)
    return re.sub(r"[^a-z0-9@]+", "-", text).strip("-")


def _clean(text: str) -> str:
    """A phrase as a speaker name: no leading article, no trailing possessive or punctuation."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:―—–-\"“”'‘’")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return re.sub(r"\s*[’'´`]s$", "", text)


def _phrase(tokens: list[Token]) -> str:
    """Tokens as written (their own spacing), without ages and determiners."""
    kept = [t for t in tokens if not (t.dep_ in ("det", "predet") or _is_age_token(t))]
    return _clean("".join(t.text_with_ws for t in kept))


def _is_age_token(tok: Token) -> bool:
    return bool(re.match(r"^\d{1,3}-year-old$", tok.text)) or (
        tok.like_num and tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "-" and tok.nbor(2).lower_ == "year"
    ) or (tok.lower_ in ("year", "old") and tok.i > 0 and tok.nbor(-1).text == "-")


def _plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS")


def _narration_mask(doc: Doc, quotes: list[Quote]) -> list[bool]:
    """Per token: inside the content of a quotation (its words are someone's speech, not narration)."""
    ranges = sorted(part for q in quotes if q.kind in _QUOTED_KINDS for part in q.parts)
    starts = [a for a, _ in ranges]
    inside = [False] * len(doc)
    for tok in doc:
        k = bisect_right(starts, tok.idx) - 1
        inside[tok.i] = k >= 0 and tok.idx < ranges[k][1]
    return inside


class _ArticleContext:
    """What the attributor knows of one article: its entities, pronoun chain and who spoke last."""

    def __init__(self, doc: Doc, quotes: list[Quote], registry: Registry) -> None:
        self.doc = doc
        self.registry = registry
        self.entities = ArticleEntities(doc)
        self.inside = _narration_mask(doc, quotes)
        self.chain = PronounChain(doc, self.entities, self.inside)
        self.history: list[tuple[int, ResolvedSpeaker, str]] = []  # (offset, speaker, mention text)

    # ---------------------------------------------------------------- resolution

    def resolve(self, quote: Quote) -> ResolvedSpeaker | None:
        """The speaker of one quote, from its mention, or from its context when it has no cue."""
        if quote.mention is None:
            return self._continuation(quote) if quote.cue_i is None or quote.kind == "block" else None
        lo, hi = quote.mention
        span = self.doc[lo:hi]
        head = span.root
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
            antecedent = head.head.head
            span = self.doc[antecedent.left_edge.i : antecedent.i + 1]
            head = antecedent
        found = self._by_registry_mention(span, quote) if len(self.registry) else None
        return found or self.speaker_of_span(span, head)

    def speaker_of_span(self, span: Span, head: Token, whole: bool = True) -> ResolvedSpeaker | None:
        """The speaker a noun phrase names (see the module docstring); ``whole`` False reads one member of a group."""
        if head.pos_ == "PRON":
            return self._pronoun(head) if len(span) <= 2 else None
        conjuncts = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON")]
        if conjuncts and whole:
            return self._group(span, head, conjuncts)
        aged = self._aged(span, head)
        if aged is not None:
            return aged
        if head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or (head.ent_type_ in _NAME_LABELS and head.pos_ != "NOUN"):
            return self._name(span, head)
        if head.pos_ == "NOUN":
            return self._noun(span, head)
        name = _clean(span.text)
        return ResolvedSpeaker(name, slugify(name), False) if name else None

    def _by_registry_mention(self, span: Span, quote: Quote) -> ResolvedSpeaker | None:
        found = self._by_registry(span.text)
        if found is None and quote.descriptor is not None:
            found = self._by_registry(self.doc[quote.descriptor[0] : quote.descriptor[1]].text)
        return found

    def _by_registry(self, text: str) -> ResolvedSpeaker | None:
        speaker = self.registry.match(text) if len(self.registry) else None
        if speaker is None:
            return None
        resolved = _from_registry(speaker)
        entity = self.entities.find_person(speaker.name.split()) if resolved.is_person else None
        if entity is not None:
            resolved.roles, resolved.entity = tuple(sorted(entity.roles)), entity
        return resolved

    # names --------------------------------------------------------------

    def _name_tokens(self, span: Span, head: Token) -> list[Token]:
        """The tokens of the name the mention's head belongs to (its entity, else its proper-noun run)."""
        ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.label_ in _NAME_LABELS:
            return [t for t in ent if span.start <= t.i < span.end] or [head]
        run = [head]
        for child in sorted(head.children, key=lambda c: -c.i):
            if child.i < head.i and child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i == run[0].i - 1:
                run.insert(0, child)
        return run

    def _name(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A proper name: the article's person or organisation it stands for, else the name as written."""
        tokens = self._name_tokens(span, head)
        words = name_words(tokens)
        label = head.ent_type_
        # a surname alone stands for the article's person whatever the tagger took it for ("said Lam" as a work of art)
        if words and label not in _PLACE_LABELS:
            person = self.entities.find_person([w.text for w in words])
            if person is not None and (label in ("PERSON", "") or len(words) == 1):
                return self._speaker_of(person)
        org = self.entities.org_at.get(head.i) or self.entities.find_org(" ".join(t.text for t in tokens))
        if org is not None:
            return self._speaker_of(org)
        if not label and head.is_title:  # a capitalised title, not a name: "NATO General-Secretary informed"
            words = {t.lower_ for t in tokens if t.is_alpha} | {head.lemma_.lower()}
            person = self._person_with_role(head.lemma_.lower(), head.i, any_word=True, words=words)
            if person is not None:
                return self._speaker_of(person)
        if label == "PERSON" and words:
            name = " ".join(w.text for w in words)
            return ResolvedSpeaker(name, slugify(name), True, kind="person")
        name = _clean("".join(t.text_with_ws for t in tokens))
        if not name:
            return None
        kind = "organization" if label in ("ORG", "NORP", "GPE") else ""
        return ResolvedSpeaker(name, slugify(name), False, kind=kind)

    def _speaker_of(self, entity: Entity) -> ResolvedSpeaker:
        """The output speaker of an article entity (the registry's entry when it has one)."""
        roles = tuple(sorted(entity.roles))
        speaker = self._by_registry(entity.name) if len(self.registry) else None
        if speaker is not None:
            speaker.roles, speaker.entity = roles, entity
            return speaker
        kind = entity.kind
        if kind == "person" and entity.role_heads & ORGANISATION_NOUNS and not entity.first:
            kind = "organization"  # "security company Lumen", tagged as a person
        return ResolvedSpeaker(entity.name, slugify(entity.name), kind == "person", entity.gender, kind, roles, entity)

    # pronouns ------------------------------------------------------------

    def _pronoun(self, pronoun: Token) -> ResolvedSpeaker | None:
        """he/she → the person the pronoun chain gives; it/they → the organisation or group spoken of last."""
        lower = pronoun.lower_
        quantifier = lower in _GROUP_QUANTIFIERS  # "all of them agreed", "both said": a group spoken of, as "they"
        if quantifier:
            lower = "they"
        if lower in PERSON_PRONOUNS:
            entity = self.chain.resolve(pronoun)
            if entity is not None:
                return self._speaker_of(entity)
        want_person = lower in PERSON_PRONOUNS or lower in ("i", "me")
        if lower == "it":
            org = self._subject_org(pronoun)
            if org is not None:
                return self._speaker_of(org)
        if lower == "they":
            group = self._subject_group(pronoun)
            if group is not None and (group.kind == "group" or not quantifier):  # "all" is never one person
                return group
        for _, speaker, _ in reversed(self.history):
            if speaker.is_person == want_person:
                return speaker
        return self.history[-1][1] if self.history else None

    def _subject_group(self, pronoun: Token) -> ResolvedSpeaker | None:
        """ "they said": the coordinated names that were subject just before ("Lam and Ruiz said …")."""
        here = self.chain.sent_of[pronoun.i]
        for i in range(pronoun.i - 1, -1, -1):
            if here - self.chain.sent_of[i] > IT_REACH:
                break
            tok = self.doc[i]
            if self.inside[i] or tok.dep_ != "nsubj" or not any(t.dep_ == "conj" for t in tok.subtree):
                continue
            people: list[Entity] = []
            for t in tok.subtree:
                person = self.chain._person_named(t.i)
                if person is not None and person not in people:
                    people.append(person)
            if len(people) > 1:  # "the commerce secretary, Gary Lam, and the interior secretary, Ken Ruiz"
                name = ", ".join(p.name for p in people[:-1]) + " and " + people[-1].name
                return ResolvedSpeaker(name, slugify(name), False, kind="group")
            return self.speaker_of_span(self.doc[tok.left_edge.i : tok.right_edge.i + 1], tok)
        return None

    def _subject_org(self, pronoun: Token) -> Entity | None:
        """ "it said": the organisation that is the subject of the nearest earlier narration sentence
        (within IT_REACH sentences), where "Windows users" or "on Twitter" are not."""
        here = self.chain.sent_of[pronoun.i]
        for i in range(pronoun.i - 1, -1, -1):
            if here - self.chain.sent_of[i] > IT_REACH:
                break
            org = self.entities.org_at.get(i)
            if org is not None and not self.inside[i] and self.doc[i].dep_ in ("nsubj", "nsubjpass"):
                return org
        for _, speaker, _ in reversed(self.history):
            if speaker.kind == "organization":
                return speaker.entity
        return None

    # common nouns --------------------------------------------------------

    def _noun(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A common-noun head: a document, a relation, an affiliation, a role noun or a group."""
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS:
            return self._document(span, head)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        names = [c for c in head.children if c.dep_ == "compound" and c.i < head.i  # "Barrow aides", not "US officials"
                 and (c.pos_ == "PROPN" or c.ent_type_ in _NAME_LABELS) and c.ent_type_ not in _PLACE_LABELS]
        if not _plural(head) and lemma not in ORGANISATION_NOUNS and (owner is not None or names or self._definite(head)):
            person = self._person_with_role(lemma, head.i, modifiers=_modifiers(head))
            if person is not None:
                return self._speaker_of(person)
        if owner is not None or names:
            return self._relation(head, owner, names)
        affiliation = self._affiliation(head)
        if affiliation is not None:
            return affiliation
        if self._definite(head) and not _plural(head):
            org = self._org_for_noun(lemma, head.i)
            if org is not None:
                return self._speaker_of(org)
        if self._definite(head) and not _plural(head):
            for _, speaker, mention_text in reversed(self.history):
                if lemma in mention_text.lower().split():
                    return speaker
        name = _phrase(list(span))
        if not name:
            return None
        kind = "group" if _plural(head) else "organization" if lemma in ORGANISATION_NOUNS else "person"
        return ResolvedSpeaker(name, slugify(name), kind == "person", kind=kind, roles=(_role_of(head),))

    def _aged(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A description by age ("the 55-year-old", "Showrunner, 51,") is a person: the one of that age,
        else the person the narration is about, found as for a pronoun."""
        itself = self.entities.person_at.get(head.i)  # "Showrunner, 51," tagged as a name of its own
        named = itself is not None or self.entities.find_person([head.text]) is not None
        age = age_of_mention(span) or ("" if named else _age_after(span))
        if not age or not self._definite(head):
            return None
        aged = [p for p in self.entities.people.values() if age in p.ages and p is not itself]
        person = aged[0] if len(aged) == 1 else self.chain.salient_person(self.doc[span.start], "")
        return self._speaker_of(person) if person is not None else None

    def _definite(self, head: Token) -> bool:
        """Not introduced as a new referent ("a spokesman", "another official")."""
        return not any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in head.children)

    def _person_with_role(self, lemma: str, near: int, any_word: bool = False, words: set[str] = frozenset(),
                          modifiers: set[str] = frozenset()) -> Entity | None:
        """The person the article gives this role ("her agent, Tom Reyes"): most words of the mention
        shared with the role, then nearest; with ``any_word`` a word of a title will do ("Secretary" for
        "secretary-general")."""
        people = [p for p in self.entities.people.values() if lemma in (p.role_words if any_word else p.role_heads)
                  and not _conflicting(modifiers, p, lemma)]
        return min(people, key=lambda p: (-len(words & p.role_words), abs(p.first_seen - near))) if people else None

    def _org_for_noun(self, lemma: str, at: int) -> Entity | None:
        """The organisation a definite noun stands for, where its kind fits: the one the article gives
        that role ("Contoso, the software giant"), else the nearest earlier one whose name has the noun
        ("the agency" → Environmental Protection Agency), else for a business noun the article's
        most-mentioned organisation."""
        org = self._org_with_role(lemma)
        if org is not None or lemma not in ORGANISATION_NOUNS:
            return org
        for i in range(at - 1, -1, -1):
            named = self.entities.org_at.get(i)
            if named is not None and lemma in named.key.split():
                return named
        if lemma in BUSINESS_NOUNS and self.entities.orgs:
            return max(self.entities.orgs.values(), key=lambda o: (o.mentions, -o.first_seen))
        return None

    def _org_with_role(self, lemma: str) -> Entity | None:
        orgs = [o for o in self.entities.orgs.values() if lemma in o.role_heads]
        return orgs[0] if len(orgs) == 1 else None

    def _owner_name(self, owner: Token) -> tuple[str, Entity | None]:
        """The name of a possessor or name modifier: a pronoun's referent, or the entity it names."""
        if owner.pos_ == "PRON":
            referent = self._pronoun(owner)
            return (referent.name, referent.entity) if referent is not None else (owner.text, None)
        speaker = self._name(self.doc[owner.left_edge.i : owner.i + 1], owner)
        return (speaker.name, speaker.entity) if speaker is not None else (owner.text, None)

    def _relation(self, head: Token, owner: Token | None, names: list[Token]) -> ResolvedSpeaker:
        """ "Whitfield's campaign", "Barrow aides", "her son": the head with its relation, not the related one."""
        anchor = owner if owner is not None else names[0]
        owner_name, _ = self._owner_name(anchor)
        start = (owner.i + 1) if owner is not None else names[-1].i + 1
        words = [t for t in self.doc[start : head.i + 1] if t.dep_ != "case" and not _is_age_token(t)]
        rest = _clean("".join(t.text_with_ws for t in words))
        name = f"{owner_name}'s {rest}" if owner is not None else f"{owner_name} {rest}"
        lemma = head.lemma_.lower()
        kind = "group" if _plural(head) else "organization" if lemma in ORGANISATION_NOUNS else "person"
        return ResolvedSpeaker(name, slugify(name), kind == "person", kind=kind, roles=(_role_of(head),))

    def _affiliation(self, head: Token) -> ResolvedSpeaker | None:
        """ "researchers at Trend Micro", "a spokeswoman for the council": the noun with its organisation."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATION_PREPS:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ in _NAME_LABELS):
                continue
            target = self._name(self.doc[obj.left_edge.i : obj.i + 1], obj)
            if target is None:
                continue
            rest = _phrase([t for t in head.subtree if t.i <= head.i and t.dep_ not in ("poss",)])
            name = f"{rest} {prep.text} {target.name}"
            kind = "group" if _plural(head) else "person"
            return ResolvedSpeaker(name, slugify(name), kind == "person", kind=kind, roles=(_role_of(head),))
        return None

    # documents ------------------------------------------------------------

    def _document(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A document speaks for its issuer; without one it is kept, as a document."""
        issuer = self._issuer(head)
        if isinstance(issuer, ResolvedSpeaker):
            return issuer
        earlier = self._earlier_documents(head) if _plural(head) and self._definite(head) else None
        earlier = earlier or self._earlier_document(head)
        if earlier is not None:
            return earlier
        if issuer is not None:  # a person's own document: "her official website"
            return issuer_document(self, head, issuer)
        name = _phrase([t for t in span if t.i <= head.i])
        return ResolvedSpeaker(name, slugify(name), False, kind="document") if name else None

    def _issuer(self, head: Token) -> ResolvedSpeaker | Token | None:
        """Who put a document out, from its own phrase or its verb: "a statement from the agency",
        "a Fabrikam report", "the company's statement", "Fabrikam issued a report". A person's possessive
        ("her bio", "Page's website") is returned as the possessor token: the document stays the speaker."""
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _ISSUER_PREPS:
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() not in DOCUMENT_NOUNS:
                    found = self.speaker_of_span(self.doc[obj.left_edge.i : obj.i + 1], obj)
                    if found is not None and found.kind != "document":
                        return found
        for child in head.children:
            named = child.ent_type_ in ("ORG", "PERSON") or (child.pos_ == "PROPN" and not child.is_sent_start)
            if child.dep_ == "compound" and child.i < head.i and named:  # "a Fabrikam report", not "Popular website …"
                found = self._name(self.doc[child.left_edge.i : child.i + 1], child)
                if found is not None:
                    return found
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None:
            name, entity = self._owner_name(owner)
            if (entity is not None and entity.kind == "organization") or owner.lower_ in ("its", "their"):
                return self._speaker_of(entity) if entity is not None else self._pronoun(owner)
            return owner
        verb = head.head
        channel = head.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ == "VERB"  # "In a letter, X urged"
        if (head.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS) or channel:
            verb = verb.head if channel else verb
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                found = self.speaker_of_span(self.doc[subject.left_edge.i : subject.i + 1], subject)
                if found is not None and found.kind != "document":
                    return found
        return self._issued_by(head) or self._issuing_role(head)

    def _issued_by(self, head: Token) -> ResolvedSpeaker | None:
        """ "the memorandum issued by the governor": the agent of an issuing participle."""
        for acl in head.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in ISSUING_VERBS:
                for agent in (c for c in acl.children if c.dep_ == "agent"):
                    obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if obj is None:
                        continue
                    # "by a group of researchers": the 'of' phrase tells who the group is
                    end = max([obj.i] + [c.right_edge.i for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"])
                    found = self.speaker_of_span(self.doc[obj.left_edge.i : end + 1], obj)
                    if found is not None and found.kind != "document":
                        return found
        return None

    def _issuing_role(self, head: Token) -> ResolvedSpeaker | None:
        """ "the presidential memorandum": an adjective made from a role noun of one of the article's people
        (president → presidential, minister → ministerial) names that person as the issuer."""
        for adj in head.children:
            if adj.dep_ != "amod" or adj.pos_ != "ADJ":
                continue
            stems = [(p, role) for p in self.entities.people.values() for role in p.role_heads
                     if len(role) >= MIN_ROLE_STEM and adj.lower_.startswith(role)]
            people = {p.key: p for p, _ in stems}
            if len(people) > 1:  # "presidential" is the president's, not the vice president's
                people = {p.key: p for p, role in stems if role in p.roles}
            if len(people) == 1:
                return self._speaker_of(next(iter(people.values())))
        return None

    def _earlier_documents(self, head: Token) -> ResolvedSpeaker | None:
        """ "the two letters": the group of the issuers of the single documents of that noun named before
        ("In a letter, the doctors urged …" … "The union also sent a letter …")."""
        lemma = head.lemma_.lower()
        issuers: dict[str, ResolvedSpeaker] = {}
        for tok in self.doc[: head.i]:
            if tok.pos_ == "NOUN" and not _plural(tok) and _same_document(lemma, tok.lemma_.lower()):
                issuer = self._issuer(tok)
                if isinstance(issuer, ResolvedSpeaker):
                    issuers.setdefault(issuer.id, issuer)
        if len(issuers) < 2:
            return None
        names = [i.name for i in issuers.values()]
        name = ", ".join(names[:-1]) + " and " + names[-1]
        return ResolvedSpeaker(name, slugify(name), False, kind="group")

    def _earlier_document(self, head: Token) -> ResolvedSpeaker | None:
        """The same document named earlier in the article ("her official biography" … "the bio said")."""
        lemma = head.lemma_.lower()
        owned: ResolvedSpeaker | None = None
        for i in range(head.i - 1, -1, -1):
            tok = self.doc[i]
            other = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or other not in DOCUMENT_NOUNS or not _same_document(lemma, other):
                continue
            issuer = self._issuer(tok)
            if isinstance(issuer, ResolvedSpeaker):
                return issuer if owned is None else owned
            if issuer is not None:  # a person's document: its first, fullest mention names it
                owned = issuer_document(self, tok, issuer)
        return owned

    # groups and continuations --------------------------------------------

    def _group(self, span: Span, head: Token, conjuncts: list[Token]) -> ResolvedSpeaker:
        """ "Ruiz and Lam", "the nominee and his aides": a group named by each of its members."""
        names = []
        for member in (head, *conjuncts):
            named = next((c for c in member.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if named is not None:  # "the interior secretary, Ken Ruiz"
                member = named
            member_span = self.doc[member.left_edge.i : member.i + 1] if member is not head else self.doc[span.start : head.i + 1]
            found = self.speaker_of_span(member_span, member, whole=False) if member.pos_ != "PRON" else None
            names.append(found.name if found is not None and member.pos_ == "PROPN" else _phrase(list(member_span)))
        names = [n for n in names if n]
        name = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else (names[0] if names else _clean(span.text))
        return ResolvedSpeaker(name, slugify(name), False, kind="group")

    def _continuation(self, quote: Quote) -> ResolvedSpeaker | None:
        """A quote with no cue: a name signed after it, the named subject of its sentence, else the
        speaker quoted just before it."""
        signed = self._signed_after(quote) or self._introduced(quote)
        if signed is not None:
            return signed
        subject = self._sentence_subject(quote) or self._introduced_before(quote)
        if subject is not None:
            return subject
        if self.history and quote.start - self.history[-1][0] <= CONTINUATION_REACH:
            return self.history[-1][1]
        return None

    def _signed_after(self, quote: Quote) -> ResolvedSpeaker | None:
        text = doc_text(self.doc)
        line_end = text.find("\n", quote.end)
        match = _SIGNED_AFTER.match(text[quote.end : line_end if line_end >= 0 else len(text)])
        if match is None:
            return None
        span = self.doc.char_span(quote.end + match.start(1), quote.end + match.end(1), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            return None
        return self._name(span, span.root)

    def _introduced(self, quote: Quote) -> ResolvedSpeaker | None:
        """A quote after a colon that closes the narration before it: "Below is a statement by Jane Doe:"
        — the issuer of a document named there, else its subject or the person it names."""
        text = doc_text(self.doc)
        i = quote.start - 1
        while i >= 0 and (text[i].isspace() or text[i] in "\"“”'‘’«»"):
            i -= 1
        if i < 0 or text[i] != ":":
            return None
        colon = self.doc.char_span(i, i + 1, alignment_mode="expand")
        if colon is None or self.inside[colon.start]:
            return None
        sent = self.doc[colon.start].sent
        words = [t for t in sent if t.i < colon.start and not self.inside[t.i]]
        for tok in words:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in DOCUMENT_NOUNS:
                issuer = self._issuer(tok)
                if isinstance(issuer, ResolvedSpeaker):
                    return issuer
        for tok in words:
            if tok.dep_ == "nsubj" and (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")):
                return self._name(self.doc[tok.left_edge.i : tok.i + 1], tok)
        person = next((self.entities.person_at[t.i] for t in words if t.i in self.entities.person_at), None)
        return self._speaker_of(person) if person is not None else None

    def _introduced_before(self, quote: Quote) -> ResolvedSpeaker | None:
        """The person a narration sentence right before a cue-less quote is about, when no quote came
        between: "Darin Schroeder, of the Bird Conservancy, agreed with the decision.\n\n“We are gratified…”"."""
        first = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None or first.start == 0:
            return None
        i = first.start - 1
        while i >= 0 and (self.doc[i].is_space or self.doc[i].is_punct):
            i -= 1
        if i < 0 or self.inside[i] or (self.history and self.history[-1][0] > self.doc[i].idx):
            return None
        sent = self.doc[i].sent
        for tok in sent:
            entity = self.chain._person_named(tok.i)
            if entity is not None and not self.inside[tok.i] and is_subject(tok):
                return self._speaker_of(entity)
        return None

    def _sentence_subject(self, quote: Quote) -> ResolvedSpeaker | None:
        """The narration subject of the quote's own sentence, when it names someone: "BBC One posted: “…”"."""
        first = self.doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None:
            return None
        sentences = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
        for sent in sentences.values():
            for tok in sent:
                if self.inside[tok.i] or tok.dep_ != "nsubj" or self.inside[tok.head.i] or tok.head.pos_ != "VERB":
                    continue
                if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG"):
                    return self._name(self.doc[tok.left_edge.i : tok.i + 1], tok)
        return None

    def remember(self, quote: Quote, speaker: ResolvedSpeaker) -> None:
        """Note who spoke (for continuations) and add the speaker to the pronoun chain."""
        mention_text = self.doc[quote.mention[0] : quote.mention[1]].text if quote.mention else ""
        self.history.append((quote.end, speaker, mention_text))
        if quote.mention is not None and speaker.entity is not None:
            head = self.doc[quote.mention[0] : quote.mention[1]].root
            if head.pos_ != "PRON":
                self.chain.add(head.i, speaker.entity)


def issuer_document(context: _ArticleContext, head: Token, owner: Token) -> ResolvedSpeaker:
    """A person's document kept as the speaker, with its owner: "Dana Page's official website"."""
    owner_name, _ = context._owner_name(owner)
    words = [t for t in context.doc[owner.i + 1 : head.i + 1] if t.dep_ != "case"]
    name = f"{owner_name}'s {_clean(''.join(t.text_with_ws for t in words))}"
    return ResolvedSpeaker(name, slugify(name), False, kind="document")


#: Modifiers that tell a time or rank, not which one: "the former senator" may be "Senator Jane Doe".
_NEUTRAL_MODIFIERS = frozenset({"former", "top", "new", "current", "then", "longtime", "senior", "outgoing", "incoming", "same"})


def _modifiers(head: Token) -> set[str]:
    """The words that tell which one a role noun means: "the Democratic presidential nominee" → democratic, presidential."""
    return {c.lower_ for c in head.children if c.i < head.i and c.dep_ in ("amod", "compound") and c.is_alpha
            and c.lower_ not in _NEUTRAL_MODIFIERS}


def _conflicting(modifiers: set[str], person: Entity, lemma: str) -> bool:
    """A role noun whose modifiers share nothing with the modifiers of that role in the person's titles
    ("the Democratic nominee" is not the person called "GOP presidential nominee")."""
    if not modifiers:
        return False
    theirs = {w for role in person.roles if role.split()[-1] == lemma for w in role.split()[:-1]} - _NEUTRAL_MODIFIERS
    return bool(theirs) and not modifiers & theirs


def _age_after(span: Span) -> str:
    """An age set off after a mention: "Showrunner, 51, adds"."""
    doc, end = span.doc, span.end
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].text.isdigit() and doc[end + 2].text == ",":
        return doc[end + 1].text if len(doc[end + 1].text) <= 3 else ""
    return ""


def _same_document(lemma: str, other: str) -> bool:
    """One document noun, or a clipping of it ("bio"/"biography", "memo"/"memorandum")."""
    short, long = sorted((lemma, other), key=len)
    return short == long or (len(short) >= MIN_CLIPPING and long.startswith(short))


def _role_of(head: Token) -> str:
    """The role a common-noun mention gives its speaker: the head with its noun and adjective modifiers."""
    words = [c for c in head.children if c.i < head.i and c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
             and not _is_age_token(c) and c.is_alpha]
    words = [w for w in words if w.i >= (words[-1].i - 2 if words else 0)]
    return " ".join([w.lower_ for w in words] + [head.lemma_.lower()])


def _from_registry(speaker: Speaker) -> ResolvedSpeaker:
    kind = "person" if speaker.is_person else "organization"
    return ResolvedSpeaker(speaker.name, speaker.id, speaker.is_person, kind=kind)


def attribute(doc: Doc, quotes: list[Quote], registry: Registry | None = None) -> list[Quote]:
    """Fill ``speaker``, ``speaker_id``, ``speaker_kind``, ``mention_text`` and ``roles`` of each quote of one Doc."""
    context = _ArticleContext(doc, quotes, registry or Registry())
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.mention is not None:
            context.chain.advance(quote.mention[0])
            quote.mention_text = doc[quote.mention[0] : quote.mention[1]].text
        try:
            speaker = context.resolve(quote)
        except (IndexError, ValueError):  # a parse the rules did not foresee: leave this quote unattributed
            speaker = None
        if speaker is None:
            continue
        quote.speaker, quote.speaker_id = speaker.name, speaker.id
        quote.speaker_kind = speaker.kind or ("person" if speaker.is_person else "")
        quote.roles = tuple(r for r in speaker.roles if r)
        context.remember(quote, speaker)
    return quotes
