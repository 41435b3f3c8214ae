"""Common-noun mentions: role nouns, relations, affiliations and descriptions by age.

"the showrunner", "her agent": the person of the article given that role; "the company", "the agency": the
organisation whose role, name or kind fits ("the organisation", which any body fits: the one in a subject just
before); "Whitfield's campaign", "Barrow aides": the head with its relation, never the related person; "researchers
at Trend Micro": the noun with its organisation, and a bare "a spokeswoman" the organisation just spoken of; "the
55-year-old": the person of that age. "the governor" is never the deputy governor, nor "the Democratic nominee" the
Republican one; a body's or a company's noun is no person; an article that opens on a role ("The head of X resigned
…") names that person in the sentence after. Part of the article context of quotes.attribute.resolve (a mixin: it
reads the context's entities, chain and history and calls its name, pronoun and document resolution).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from quotes.attribute.entities import Entity, age_of_mention, holds_lower_office
from quotes.attribute.speaker import (
    NAME_LABELS,
    PLACE_LABELS,
    ResolvedSpeaker,
    clean_name,
    is_age_token,
    is_definite,
    is_plural,
    phrase_name,
    slugify,
)
from quotes.attribute.speaker_words import (
    BUSINESS_NOUNS, GENDER_WORDS, GENERIC_ORGANISATION_NOUNS, ORGANISATION_NOUNS, PERSON_PRONOUNS, SPOKESPERSON_NOUNS,
    singulars,
)
from quotes.lexicon import DOCUMENT_NOUNS

_AFFILIATION_PREPS = ("at", "of", "from", "for", "with")
#: A run of line breaks: one paragraph boundary, whether paragraphs are split by one blank line or none.
_PARAGRAPH_BREAK = re.compile(r"\n+")
#: How many sentences after an opening role noun a delayed-identification lede names its person: the
#: convention puts the name in the second paragraph, one sentence on; two allows a one-sentence subhead.
DELAYED_NAME_REACH = 2


class RoleNounResolution:
    """The speaker a common-noun mention stands for (mixed into the article context)."""

    def _noun(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A common-noun head: a document, a relation, an affiliation, a role noun or a group."""
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS:
            return self._document(span, head)
        named = self._name_line_before(span) if is_definite(head) and not is_plural(head) else None
        if named is not None:
            return self._speaker_of(named)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        sides = {c.i for c in head.children if self._affiliation_word(c, head)}
        names = [c for c in head.children if c.dep_ == "compound" and c.i < head.i  # "Barrow aides", not "US officials"
                 and (c.pos_ == "PROPN" or c.ent_type_ in NAME_LABELS) and c.ent_type_ not in PLACE_LABELS
                 and c.i not in sides]
        if not is_plural(head) and lemma not in ORGANISATION_NOUNS and (owner is not None or names or is_definite(head)):
            person = self._person_with_role(lemma, head.i, modifiers=role_modifiers(head))
            if person is None and owner is None and not names:
                person = self._named_next(head)
            if person is not None:
                return self._speaker_of(person)
        if owner is not None or names:
            return self._relation(head, owner, names)
        affiliation = self._affiliation(head)
        if affiliation is not None:
            return affiliation
        if is_definite(head) and not is_plural(head):
            org = self._org_for_noun(lemma, head.i)
            if org is None and lemma in GENERIC_ORGANISATION_NOUNS:
                org = self._org_before(head)
            if org is not None:
                return self._speaker_of(org)
        if lemma in SPOKESPERSON_NOUNS and not is_plural(head) and not any(  # not "a university spokesman"
                c.dep_ in ("compound", "amod", "nmod") for c in head.children):
            org = self._org_before(head)
            if org is not None:  # "Acme denied it. A spokeswoman said …": she speaks for Acme
                rest = phrase_name([t for t in span if t.i <= head.i])
                name = f"{rest} for {org.name}"
                return ResolvedSpeaker(name, slugify(name), True, kind="person", roles=(_role_of(head),))
        if is_definite(head) and not is_plural(head):
            for _, speaker, mention_text in reversed(self.history):
                if lemma in mention_text.lower().split():
                    return speaker
            referred = self._referred_back_in_paragraph(head) if _with_definite_article(head, sides) else None
            if referred is not None and lemma not in ORGANISATION_NOUNS \
                    and GENDER_WORDS.get(lemma, referred.gender) in (referred.gender, ""):
                return referred
        name = phrase_name(list(span))
        if not name:
            return None
        kind = "group" if is_plural(head) else "organization" if lemma in ORGANISATION_NOUNS else "person"
        return ResolvedSpeaker(name, slugify(name), kind == "person", kind=kind, roles=(_role_of(head),))

    def _affiliation_word(self, compound: Token, head: Token) -> bool:
        """A name before a singular role noun that is an organisation's, not a person's ("the Redmere manager",
        unlike "Barrow aides"): it tells the role's side, and the noun is still a role that may refer back. A
        spokesperson's stays part of the name ("the Acme spokesman" is no one the narration named)."""
        if compound.dep_ != "compound" or compound.i > head.i or is_plural(head) \
                or head.lemma_.lower() in SPOKESPERSON_NOUNS or not _with_definite_article(head, {compound.i}):
            return False
        org = self.entities.org_at.get(compound.i)
        return org is not None and org.key not in self.entities.people

    def _referred_back_in_paragraph(self, head: Token) -> ResolvedSpeaker | None:
        """Who a definite role noun that no one of the article holds refers back to in its paragraph: the person
        the narration before it has as subject ("Doe, who got a glove to it, was philosophical. '…,' the
        goalkeeper said"), else the one quoted last ("Dr Roe said … '…,' the scientist added"). A paragraph that
        opens on the quotation has no narration of its own before the noun: the paragraph before stands in
        ("Doe was scathing.\n\n'…,' the Dutchman said")."""
        text = self.doc.text
        self.chain.advance(head.i)
        breaks_allowed = 1 if self._paragraph_opens_quoted(head) else 0
        for mention in reversed(self.chain.mentions):
            if mention.token >= head.i:
                continue
            if len(_PARAGRAPH_BREAK.findall(text, self.doc[mention.token].idx, head.idx)) > breaks_allowed:
                break
            if mention.subject and mention.entity.kind == "person":
                return self._speaker_of(mention.entity)
        if not self.history:
            return None
        offset, speaker, _ = self.history[-1]
        # a description of its own ("a resident said …") is not the person another role noun refers back to
        if not speaker.is_person or speaker.entity is None or "\n" in text[offset : head.idx]:
            return None
        return speaker

    def _name_line_before(self, span: Span) -> Entity | None:
        """The person a heading names when the paragraph under it opens on the description ("Jane Roe\n\nThe
        singer-songwriter wrote on Instagram: …"): a tribute list or a Q&A heads each entry with the name alone."""
        text = self.doc.text
        start = text.rfind("\n", 0, span[0].idx) + 1
        if not start or text[start : span[0].idx].strip().lower() not in ("the", ""):
            return None
        line_end = len(text[:start].rstrip("\n"))
        line_start = text.rfind("\n", 0, line_end) + 1
        line = self.doc.char_span(line_start, line_end, alignment_mode="contract")
        if line is None or not len(line):
            return None
        person = self.entities.person_at.get(line[0].i)
        if person is None or any(self.entities.person_at.get(t.i) is not person for t in line if not t.is_punct):
            return None
        return person

    def _paragraph_opens_quoted(self, head: Token) -> bool:
        """Whether the paragraph of ``head`` begins with quoted words (its first word is inside a quotation)."""
        start = self.doc.text.rfind("\n", 0, head.idx) + 1
        first = None
        for i in range(head.i - 1, -1, -1):  # back to the paragraph's start only
            if self.doc[i].idx < start:
                break
            first = i if self.doc[i].is_alpha else first
        return first is not None and self.inside[first]

    def _aged(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A description by age ("the 55-year-old", "Showrunner, 51,") is a person: the one of that age,
        else the person the narration is about, found as for a pronoun."""
        itself = self.entities.person_at.get(head.i)  # "Showrunner, 51," tagged as a name of its own
        named = itself is not None or self.entities.find_person([head.text]) is not None
        age = age_of_mention(span) or ("" if named else _age_after(span))
        if not age or not is_definite(head):
            return None
        aged = [p for p in self.entities.people.values() if age in p.ages and p is not itself]
        person = aged[0] if len(aged) == 1 else self.chain.salient_person(self.doc[span.start], self._gender_after(head))
        return self._speaker_of(person) if person is not None else None

    def _gender_after(self, head: Token) -> str:
        """The gender of the first he or she of the description's sentence after it, when no one else is named between
        ("the 58-year-old said the budget had risen since she arrived"): the description is who the pronoun is."""
        for tok in head.doc[head.i + 1 : head.sent.end]:
            if tok.i in self.entities.person_at:
                return ""
            if tok.pos_ == "PRON" and PERSON_PRONOUNS.get(tok.lower_):
                return PERSON_PRONOUNS[tok.lower_]
        return ""

    def _named_next(self, head: Token) -> Entity | None:
        """A delayed identification: an article that opens on a role ("The head of X resigned on Monday …")
        names that person in the next sentence or two. The first person named after the mention, when the mention is
        a subject in the body (not the headline), no one is named before it and the name comes within
        DELAYED_NAME_REACH sentences."""
        people = list(self.entities.people.values())
        if head.dep_ not in ("nsubj", "nsubjpass") or not people or any(p.first_seen < head.i for p in people):
            return None
        if "\n" not in self.doc.text[: head.idx]:
            return None  # a headline's role ("water boss says sorry"): the body may name others first
        first = min(people, key=lambda p: p.first_seen)
        here, there = self.chain.sent_of[head.i], self.chain.sent_of[first.first_seen]
        return first if there - here <= DELAYED_NAME_REACH and not self.inside[first.first_seen] else None

    def _person_with_role(self, lemma: str, near: int, any_word: bool = False, words: set[str] = frozenset(),
                          modifiers: set[str] = frozenset()) -> Entity | None:
        """The person the article gives this role ("her agent, Tom Reyes"): most words of the mention
        shared with the role, then nearest; with ``any_word`` a word of a title will do ("Secretary" for
        "secretary-general")."""
        people = [p for p in self.entities.people.values() if lemma in (p.role_words if any_word else p.role_heads)
                  and not _conflicting(modifiers, p, lemma) and not holds_lower_office(p, lemma, modifiers | words)]
        return min(people, key=lambda p: (-len(words & p.role_words), abs(p.first_seen - near))) if people else None

    def _org_for_noun(self, lemma: str, at: int) -> Entity | None:
        """The organisation a definite noun stands for, where its kind fits: the one the article gives
        that role ("Contoso, the software giant"), else the nearest earlier one whose name has the noun
        ("the agency" → Environmental Protection Agency), else for a business noun the article's
        main organisation (ArticleEntities.main_org)."""
        org = self._org_with_role(lemma)
        if org is not None or lemma not in ORGANISATION_NOUNS:
            return org
        for i in range(at - 1, -1, -1):
            named = self.entities.org_at.get(i)
            if named is not None and any(lemma == w or lemma in singulars(w) for w in named.key.split()):
                return named  # "the airline" → Alvora Airlines: a name holds the noun, often in the plural
        if lemma in BUSINESS_NOUNS and self.entities.orgs:
            return self.entities.main_org(business=True)
        return None

    def _org_before(self, head: Token) -> Entity | None:
        """The organisation named last in a subject before a mention, in its sentence or the IT_REACH before
        ("A Relief Alliance convoy reached the town, the organisation said"): what the narration is about (an
        organisation named elsewhere in the sentence, "held at the Acme border post", may be any other)."""
        for i in self._narration_back(head):
            org = self.entities.org_at.get(i)
            tok = self.doc[i]
            if org is not None and org.key not in self.entities.people and \
                    any(t.dep_ in ("nsubj", "nsubjpass") for t in [tok, *tok.ancestors]):
                return org  # (not a person's surname the tagger also read as a body)
        return None

    def _org_with_role(self, lemma: str) -> Entity | None:
        orgs = [o for o in self.entities.orgs.values() if lemma in o.role_heads]
        return orgs[0] if len(orgs) == 1 else None

    def _relation(self, head: Token, owner: Token | None, names: list[Token]) -> ResolvedSpeaker:
        """ "Whitfield's campaign", "Barrow aides", "her son": the head with its relation, not the related one."""
        anchor = owner if owner is not None else names[0]
        owner_name, _ = self._owner_name(anchor)
        start = (owner.i + 1) if owner is not None else names[-1].i + 1
        words = [t for t in self.doc[start : head.i + 1] if t.dep_ != "case" and not is_age_token(t)]
        rest = clean_name("".join(t.text_with_ws for t in words))
        name = f"{owner_name}{_possessive(owner, owner_name)} {rest}" if owner is not None else f"{owner_name} {rest}"
        lemma = head.lemma_.lower()
        kind = "group" if is_plural(head) else "organization" if lemma in ORGANISATION_NOUNS else "person"
        return ResolvedSpeaker(name, slugify(name), kind == "person", kind=kind, roles=(_role_of(head),))

    def _affiliation(self, head: Token) -> ResolvedSpeaker | None:
        """ "researchers at Trend Micro", "a spokeswoman for the council": the noun with its organisation."""
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _AFFILIATION_PREPS:
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ in NAME_LABELS):
                continue
            target = self._name(self.doc[obj.left_edge.i : obj.i + 1], obj)
            if target is None:
                continue
            rest = phrase_name([t for t in head.subtree if t.i <= head.i and t.dep_ not in ("poss",)])
            name = f"{rest} {prep.text} {target.name}"
            kind = "group" if is_plural(head) else "person"
            return ResolvedSpeaker(name, slugify(name), kind == "person", kind=kind, roles=(_role_of(head),))
        return None


#: Modifiers that tell a time or rank, not which one: "the former senator" may be "Senator Jane Doe".
_NEUTRAL_MODIFIERS = frozenset({"former", "top", "new", "current", "then", "longtime", "senior", "outgoing", "incoming", "same"})


def _with_definite_article(head: Token, sides: set[int] = frozenset()) -> bool:
    """ "the scientist", not "one chief executive", "a scientist" or "the Democratic nominee" (a modifier may
    describe someone else): a bare noun that refers back. ``sides`` are modifiers that only tell the organisation
    the role is at ("the Harlow manager", see ``_affiliation_word``)."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and not any(
        c.dep_ in ("nummod", "amod", "compound", "nmod", "prep", "poss") and c.i not in sides for c in head.children)


def role_modifiers(head: Token) -> set[str]:
    """The words that tell which one a role noun means: "the Democratic presidential nominee" → democratic, presidential."""
    return {c.lower_ for c in head.children if c.i < head.i and c.dep_ in ("amod", "compound") and c.is_alpha
            and c.lower_ not in _NEUTRAL_MODIFIERS}


def _conflicting(modifiers: set[str], person: Entity, lemma: str) -> bool:
    """A role noun with a modifier that the person's titles of that role do not give, where they give some ("the
    Democratic presidential nominee" is not the person called "Republican presidential nominee")."""
    if not modifiers:
        return False
    theirs = {w for role in person.roles if role.split()[-1] == lemma for w in role.split()[:-1]} - _NEUTRAL_MODIFIERS
    return bool(theirs) and bool(modifiers - theirs)


def _age_after(span: Span) -> str:
    """An age set off after a mention: "Showrunner, 51, adds"."""
    doc, end = span.doc, span.end
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].text.isdigit() and doc[end + 2].text == ",":
        return doc[end + 1].text if len(doc[end + 1].text) <= 3 else ""
    return ""


def _possessive(owner: Token, owner_name: str) -> str:
    """The possessive ending as the article writes it after the owner ("pilots' union", "Page’s agent"); a bare
    apostrophe only where the name written ends in s (the owner may be named more fully than at the mention)."""
    mark = next((c.text for c in owner.children if c.dep_ == "case"), "'s")
    return mark if len(mark) > 1 or owner_name.lower().endswith("s") else mark + "s"


def _role_of(head: Token) -> str:
    """The role a common-noun mention gives its speaker: the head with its noun and adjective modifiers."""
    words = [c for c in head.children if c.i < head.i and c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
             and not is_age_token(c) and c.is_alpha]
    words = [w for w in words if w.i >= (words[-1].i - 2 if words else 0)]
    return " ".join([w.lower_ for w in words] + [head.lemma_.lower()])
