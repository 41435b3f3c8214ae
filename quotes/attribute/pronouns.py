"""Pronoun mentions: "he said", "it said", "they said", "all of them agreed".

A person's pronoun is the person the narration's pronoun chain leads to (quotes.attribute.coref); "it" is the
body, document or organisation that was subject just before; "they" the people named together as subject just
before; else the speaker quoted last of the pronoun's kind. "it" is never a person: with no organisation before
it, it is the article's main organisation when that one acts in the article, else no one. Part of the article context of quotes.attribute.resolve (a mixin:
it reads the context's doc, entities, chain, inside and history, and calls its name resolution).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from quotes.attribute.entities import Entity
from quotes.attribute.speaker import ResolvedSpeaker, is_plural, slugify
from quotes.attribute.speaker_words import ORGANISATION_NOUNS, PERSON_PRONOUNS
from quotes.lexicon import DOCUMENT_NOUNS

#: Pronouns that quantify over a group named before: they stand for it as "they" does.
_GROUP_QUANTIFIERS = {"all", "both"}
#: How many sentences back "it" looks for an organisation as subject ("Mozilla … It is also reissuing").
IT_REACH = 2


class PronounResolution:
    """The speaker a pronoun stands for (mixed into the article context)."""

    def _narration_back(self, token: Token) -> Iterator[int]:
        """Narration token positions before ``token``, nearest first, in its sentence and the IT_REACH before it
        (words inside quotation marks are skipped)."""
        here = self.chain.sent_of[token.i]
        for i in range(token.i - 1, -1, -1):
            if here - self.chain.sent_of[i] > IT_REACH:
                return
            if not self.inside[i]:
                yield i

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
            found = self._subject_body(pronoun)
            if found is not None:
                return found
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
        if lower == "it":  # "it" is never a person: the organisation the article is about, if it ever acts
            # (subject or possessor somewhere: not the outlet the article was told or written for), else no one
            main = self.entities.main_org()
            return self._speaker_of(main) if main is not None and main.acts else None
        return self.history[-1][1] if self.history else None

    def _subject_group(self, pronoun: Token) -> ResolvedSpeaker | None:
        """ "they said": the coordinated names that were subject just before ("Lam and Ruiz said …")."""
        for i in self._narration_back(pronoun):
            tok = self.doc[i]
            if tok.dep_ != "nsubj" or not any(t.dep_ == "conj" for t in tok.subtree):
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

    def _subject_body(self, pronoun: Token) -> ResolvedSpeaker | None:
        """ "The board's statement was brief. It said …": a body or a document named by a common noun as the
        subject of the nearest earlier narration sentence, when no organisation's name is subject nearer."""
        for i in self._narration_back(pronoun):
            tok = self.doc[i]
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if i in self.entities.org_at or tok.pos_ == "PROPN":
                return None  # a name: _subject_org reads it
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN" and not is_plural(tok) and (lemma in ORGANISATION_NOUNS or lemma in DOCUMENT_NOUNS):
                found = self.speaker_of_span(self.doc[tok.left_edge.i : tok.i + 1], tok)
                return found if found is not None and not found.is_person else None
        return None

    def _subject_org(self, pronoun: Token) -> Entity | None:
        """ "it said": the organisation that is the subject of the nearest earlier narration sentence
        (within IT_REACH sentences), where "Windows users" or "on Twitter" are not."""
        for i in self._narration_back(pronoun):
            org = self.entities.org_at.get(i)
            if org is not None and self.doc[i].dep_ in ("nsubj", "nsubjpass"):
                return org
        for _, speaker, _ in reversed(self.history):
            if speaker.kind == "organization":
                return speaker.entity
        return None
