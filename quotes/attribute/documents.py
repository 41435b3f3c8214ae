"""Document mentions: a document speaks for its issuer.

"a statement from the agency", "a Fabrikam report", "the company's statement", "Fabrikam issued a report",
"the memorandum issued by the governor", "the presidential memorandum": the issuer is the speaker. Without one
the same document named earlier ("her official biography" … "the bio said") or the issuers of the documents of
that noun ("the two letters") are looked for; a person's own document ("her official website") stays the
speaker, with its owner. Part of the article context of quotes.attribute.resolve (a mixin: it reads the
context's doc and entities and calls its name, pronoun and noun-phrase resolution).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from quotes.attribute.speaker import ResolvedSpeaker, clean_name, is_definite, is_plural, phrase_name, slugify
from quotes.attribute.speaker_words import ISSUING_VERBS, ORGANISATION_NOUNS
from quotes.extract.cues import is_speech_verb
from quotes.lexicon import DOCUMENT_NOUNS

#: Verbs by which a court, an inquiry or a panel reports what it concluded ("the court found that", "ruled that",
#: "held that"): beside a reporting verb's, their subject is who speaks through the document named with them.
FINDING_VERBS = frozenset({"find", "rule", "hold", "conclude", "determine", "decide"})
_ISSUER_PREPS = ("from", "by")  # "a survey of voters" is about the voters, not by them
#: A clipping is a document noun's short form ("bio" for "biography", "memo" for "memorandum").
MIN_CLIPPING = 3
#: Shortest role noun an adjective may be made from ("mayor" → "mayoral"): shorter ones ("aide", "head")
#: begin too many unrelated adjectives ("heady").
MIN_ROLE_STEM = 5


class DocumentResolution:
    """The speaker a document mention stands for (mixed into the article context)."""

    def _document(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A document speaks for its issuer; without one it is kept, as a document."""
        issuer = self._issuer(head)
        if isinstance(issuer, ResolvedSpeaker):
            return issuer
        earlier = self._earlier_documents(head) if is_plural(head) and is_definite(head) else None
        earlier = earlier or self._earlier_document(head)
        if earlier is not None:
            return earlier
        if issuer is not None:  # a person's own document: "her official website"
            return self._issuer_document(head, issuer)
        reporter = self._reporter_beside(head)
        if reporter is not None:
            return reporter
        name = phrase_name([t for t in span if t.i <= head.i])
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
            if entity is None and owner.pos_ == "NOUN" and owner.lemma_.lower() in ORGANISATION_NOUNS:
                found = self.speaker_of_span(self.doc[owner.left_edge.i : owner.i + 1], owner)
                if found is not None and found.kind == "organization":
                    return found  # "the company's release": the company the article speaks of
            return owner
        # the document's own phrases ("a post that X sent", "a letter drafted by X") name its author before the
        # verb it is the object of does ("240 academics signed a letter drafted by X": X wrote it)
        sender = self._issuer_in_relative(head) or self._issued_by(head)
        if sender is not None:
            return sender
        verb = head.head
        channel = head.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ == "VERB"  # "In a letter, X urged"
        if (head.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS) or channel:
            verb = verb.head if channel else verb
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                found = self.speaker_of_span(self.doc[subject.left_edge.i : subject.i + 1], subject)
                if found is not None and found.kind != "document":
                    return found
        return self._issuing_role(head)

    def _reporter_beside(self, head: Token) -> ResolvedSpeaker | None:
        """ "Varga told staff that …, according to a copy seen by X", "According to the judgment, the court found
        that …": a document with no issuer, named in "according to", is the channel of the sentence's own
        reporter — the subject of its main verb, a reporting or finding verb."""
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ != "to" or prep.head.lower_ != "according":
            return None
        root = head.sent.root
        if not (is_speech_verb(root) or root.lemma_.lower() in FINDING_VERBS):
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        if subject is None or subject.i == head.i:
            return None
        found = self.speaker_of_span(self.doc[subject.left_edge.i : subject.i + 1], subject)
        return found if found is not None and found.kind != "document" else None

    def _issuer_in_relative(self, head: Token) -> ResolvedSpeaker | None:
        """ "a post … that its chief executive, Jo Doe, sent to staff": the subject of an issuing verb in the
        document's relative clause (before the sentence's own subject: "The news came in a post that X sent")."""
        for relcl in head.children:
            if relcl.dep_ == "relcl" and relcl.lemma_.lower() in ISSUING_VERBS:
                subject = next((c for c in relcl.children if c.dep_ == "nsubj" and c.tag_ not in ("WDT", "WP")), None)
                if subject is not None:
                    found = self.speaker_of_span(self.doc[subject.left_edge.i : subject.i + 1], subject)
                    if found is not None and found.kind != "document":
                        return found
        return None

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
            if tok.pos_ == "NOUN" and not is_plural(tok) and _same_document(lemma, tok.lemma_.lower()):
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
                owned = self._issuer_document(tok, issuer)
        return owned

    def _issuer_document(self, head: Token, owner: Token) -> ResolvedSpeaker:
        """A person's document kept as the speaker, with its owner: "Dana Page's official website"."""
        owner_name, _ = self._owner_name(owner)
        words = [t for t in self.doc[owner.i + 1 : head.i + 1] if t.dep_ != "case"]
        name = f"{owner_name}'s {clean_name(''.join(t.text_with_ws for t in words))}"
        return ResolvedSpeaker(name, slugify(name), False, kind="document")


def _same_document(lemma: str, other: str) -> bool:
    """One document noun, or a clipping of it ("bio"/"biography", "memo"/"memorandum")."""
    short, long = sorted((lemma, other), key=len)
    return short == long or (len(short) >= MIN_CLIPPING and long.startswith(short))
