"""Attribute stage: resolve each quotation's speaker mention to a named, canonical speaker.

A mention is read from its parse: a name (fullest form in the article; a first name alone, a surname
or a misspelling of a name used elsewhere stand for that person; titles, jobs and ages are not part of
the name), a pronoun (the person the narration's pronoun chain leads to, see quotes.attribute.coref), a role
noun ("the company", "the showrunner", "her agent": the organisation or person of the article whose
role or kind fits), a relation ("Barrow aides", "Whitfield's campaign": the phrase's head with its
relation, never the related person), a document ("a statement from the agency": its issuer; "the
complaint": the document itself) or a group ("Ruiz and Lam"). A quote with no cue continues the
speaker its context gives: a signature after it, the subject of its sentence, or the previous speaker. A
mention that is the rest of a title gives way to the name set off after it ("Acme's co-founder and chief
financial officer, Ana Cruz, said"); a cue the parser left without a subject takes the age description or the name
just before it. A quote still without a speaker takes the speaker of the one quote of the article that repeats its
words (a headline quoting the body).

This module holds the article context (what the attributor knows of one article), the dispatch of a mention to
its kind, names, registry look-ups and groups; pronouns (quotes.attribute.pronouns), common nouns
(quotes.attribute.role_nouns), documents (quotes.attribute.documents) and cue-less quotes
(quotes.attribute.continuation) are read by the classes mixed into the context, one module each, and the
output record with its phrase helpers is quotes.attribute.speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from quotes.attribute.continuation import ContinuationResolution
from quotes.attribute.coref import PronounChain
from quotes.attribute.documents import DocumentResolution
from quotes.attribute.entities import Entity, age_of_mention, name_words
from quotes.attribute.first_names import gender_of_first_name
from quotes.attribute.pronouns import PronounResolution
from quotes.attribute.registry import Registry
from quotes.attribute.retyping import read_entities
from quotes.attribute.role_nouns import RoleNounResolution
from quotes.attribute.speaker import (
    NAME_LABELS,
    PLACE_LABELS,
    ResolvedSpeaker,
    clean_name,
    from_registry,
    is_age_token,
    phrase_name,
    slugify,
)
from quotes.attribute.speaker_words import GENDER_WORDS, ORGANISATION_NOUNS
from quotes.extract.units import Quote
from quotes.lexicon import OFFICE_SHORT_FORMS, TITLE_WORDS

_RELATIVE = {"who", "which", "that"}
#: Farthest a subject after its verb begins, in tokens: "said the governor", "declared the new governor".
INVERTED_SUBJECT_TOKENS = 3
#: Longest rest of a title between a mention and the name set off after it, in tokens ("- founder and chief
#: financial officer": six; the tokenizer splits hyphens).
APPOSITION_TOKENS = 8
#: Longest age description before a cue, in tokens: "the 61 - year - old fire chief" (the tokenizer splits the hyphens).
AGE_MENTION_TOKENS = 8
_QUOTED_KINDS = ("direct", "partial", "block")
#: Fewest words a speakerless quote must have to take the speaker of a quote repeating it: shorter ones ("Yes",
#: "No comment") recur by chance.
MIN_ECHO_WORDS = 3
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


#: Passive verbs of reporting whose subject said what follows "as saying" ("was quoted / reported / cited as saying").
_REPORTED_AS_VERBS = frozenset({"quote", "report", "cite", "record"})


def _narration_mask(doc: Doc, quotes: list[Quote]) -> list[bool]:
    """Per token: inside the content of a quotation (its words are someone's speech, not narration). A partial
    quote's unit runs over the clause around its marks, the journalist's words: only the marked words are speech."""
    ranges = sorted(part for q in quotes if q.kind in _QUOTED_KINDS for part in _quoted_parts(q))
    starts = [a for a, _ in ranges]
    inside = [False] * len(doc)
    for tok in doc:
        k = bisect_right(starts, tok.idx) - 1
        inside[tok.i] = k >= 0 and tok.idx < ranges[k][1]
    return inside


def _quoted_parts(quote: Quote) -> list[tuple[int, int]]:
    """The character ranges of a quote's words in quotation marks: a partial's marked fragment, else its parts."""
    marks = quote.extras.get("marks") if quote.kind == "partial" else None
    if not marks:
        return list(quote.parts)
    return [(marks[0], marks[1] if len(marks) > 1 else quote.end)]


class _ArticleContext(PronounResolution, RoleNounResolution, DocumentResolution, ContinuationResolution):
    """What the attributor knows of one article: its entities, pronoun chain and who spoke last. Reads a
    mention by its kind: names, registry look-ups and groups here; pronouns, common nouns, documents and
    cue-less quotes in the mixed-in resolution classes (one module each)."""

    def __init__(self, doc: Doc, quotes: list[Quote], registry: Registry) -> None:
        self.doc = doc
        self.registry = registry
        self.entities = read_entities(doc)
        self.inside = _narration_mask(doc, quotes)
        self.chain = PronounChain(doc, self.entities, self.inside)
        self.history: list[tuple[int, ResolvedSpeaker, str]] = []  # (offset, speaker, mention text)

    # ---------------------------------------------------------------- resolution

    def resolve(self, quote: Quote) -> ResolvedSpeaker | None:
        """The speaker of one quote, from its mention, or from its context when it has no cue."""
        if quote.mention is not None and quote.cue_i is not None and all(self.inside[quote.mention[0]:quote.mention[1]]):
            subject = self._narration_subject(quote.cue_i)  # "« We will … », declared the governor": not "We"
            if subject is not None:
                return subject
        if quote.mention is None:
            if quote.cue_i is None or quote.kind == "block":
                return self._continuation(quote)
            return self._aged_before_cue(quote.cue_i) or self._quoted_as_saying(quote.cue_i) \
                or self._name_before_cue(quote.cue_i)
        lo, hi = quote.mention
        span = self.doc[lo:hi]
        head = span.root
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
            antecedent = head.head.head
            span = self.doc[antecedent.left_edge.i : antecedent.i + 1]
            head = antecedent
        quoted = self._quoted_subject(head)
        if quoted is not None:  # "X was quoted by the agency as saying": X speaks, the agency reports
            span, head = self.doc[quoted.left_edge.i : quoted.i + 1], quoted
        found = self._by_registry_mention(span, quote) if len(self.registry) else None
        found = found or self.speaker_of_span(span, head)
        if found is None or not found.is_person:
            named = self._name_set_off_after(span)
            if named is not None:  # "Brightwell's co-founder and chief financial officer, Ana Cruz, wrote"
                return named
        return found

    def _named_apposition(self, head: Token) -> ResolvedSpeaker | None:
        """A common-noun mention the parser gave a named apposition ("The director of the relief group, Jane Doe,
        said", "the building's owner, Acme Properties, said"): the named person or organisation is the speaker,
        as the comma-set name is how English news identifies the holder of a title."""
        if head.pos_ != "NOUN" and head.lower_.rstrip(".") not in TITLE_WORDS:
            return None  # (a title in capitals, "The Public Relations Officer, Jane Doe", "Dr (Mrs) Jane Doe", is one too)
        # the parser may hang the name on the organisation of the title ("director of the Alliance, Jane Doe"):
        # there only a person's name is the title holder's (an organisation's apposition describes that organisation)
        objects = [o for p in head.children if p.dep_ == "prep" and p.i > head.i for o in p.children if o.dep_ == "pobj"]
        for owner in (head, *objects):
            for child in owner.children:
                if child.dep_ != "appos" or self.inside[child.i]:
                    continue
                entity = self.entities.person_at.get(child.i)
                if entity is None and owner is head:
                    entity = self.entities.org_at.get(child.i)
                if entity is not None:
                    return self._speaker_of(entity)
        return None

    def _name_set_off_after(self, span: Span) -> ResolvedSpeaker | None:
        """The person named between commas right after a mention that is the rest of their title ("Acme's
        co-founder and chief technology officer, Jane Doe, said"): no verb before the comma, the name closed by one."""
        doc, i = self.doc, span.end
        while i < min(len(doc), span.end + APPOSITION_TOKENS) and doc[i].text != ",":
            if doc[i].pos_ in ("VERB", "AUX") or self.inside[i]:
                return None
            i += 1
        person = self.entities.person_at.get(i + 1) if i + 1 < len(doc) and doc[i].text == "," else None
        if person is None:
            return None
        end = i + 1
        while end < len(doc) and self.entities.person_at.get(end) is person:
            end += 1
        return self._speaker_of(person) if end < len(doc) and doc[end].text == "," else None

    def _narration_subject(self, cue_i: int) -> ResolvedSpeaker | None:
        """The cue's subject outside the quoted words: the speaker when the mention found lies inside them. After a
        quote the subject may follow its verb ("declared the governor"), which the parser reads as an object."""
        cue = self.doc[cue_i]
        subject = next((c for c in cue.children if c.dep_ == "nsubj" and not self.inside[c.i]), None) or next(
            (c for c in cue.children if c.dep_ == "dobj" and 0 < c.i - cue_i <= INVERTED_SUBJECT_TOKENS), None)
        if subject is None:
            return None
        return self.speaker_of_span(self.doc[subject.left_edge.i : subject.i + 1], subject)

    def _quoted_as_saying(self, cue_i: int) -> ResolvedSpeaker | None:
        """ "Lind was quoted by the newsletter as saying that …", "Hefner was reported as saying": the subject of
        the passive verb of reporting."""
        prep = self.doc[cue_i].head
        verb = prep.head
        if self.doc[cue_i].lemma_.lower() == "quote":  # "“…,” she is quoted as saying": the parser made "quoted" the cue
            verb = self.doc[cue_i]
        elif prep.lower_ != "as" or verb.lemma_.lower() not in _REPORTED_AS_VERBS:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and not self.inside[c.i]), None)
        if subject is None:
            return None
        return self.speaker_of_span(self.doc[subject.left_edge.i : subject.i + 1], subject)

    def _quoted_subject(self, mention_head: Token) -> Token | None:
        """The subject of a passive "quoted" (or "cited", "reported") whose agent is the mention ("Doe was quoted by
        the agency as saying"): the agent only reports the words, the subject said them."""
        agent = mention_head.head
        verb = agent.head
        if mention_head.dep_ != "pobj" or agent.dep_ != "agent" or verb.lemma_.lower() not in _REPORTED_AS_VERBS:
            return None
        return next((c for c in verb.children if c.dep_ == "nsubjpass" and not self.inside[c.i]), None)

    def _name_before_cue(self, cue_i: int) -> ResolvedSpeaker | None:
        """ "…, Chief Officer Jo Doe of the rescue service said", "…, Jo Doe, head of X, said": a person named just
        before a cue the parser left without a subject (it hung the name on a phrase before it), with only the rest
        of the name's phrase or an apposition set off by commas between: no verb and no other mark."""
        commas = 0
        reach = 2 * APPOSITION_TOKENS + 2  # the rest of the name's phrase, an apposition and the two commas around it
        for i in range(cue_i - 1, max(self.doc[cue_i].sent.start, cue_i - reach) - 1, -1):
            tok = self.doc[i]
            person = self.entities.person_at.get(i)
            if person is None and tok.is_title and tok.is_alpha and not tok.is_sent_end:
                # "Vestergaard, for her part, says": a surname the parser read as an adverb
                person = self.entities.find_person([tok.text]) if tok.pos_ in ("PROPN", "ADV", "NOUN") else None
            if person is not None:
                self.chain.add(i, person)  # a mention the pronoun chain did not read as one
                return self._speaker_of(person)
            commas += tok.text == ","
            if self.inside[i] or (tok.is_punct and tok.text != ",") or commas > 2 or tok.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _aged_before_cue(self, cue_i: int) -> ResolvedSpeaker | None:
        """ "…,” the 58-year-old said": an age description the parser hung on the cue as a modifier, not its subject."""
        cue = self.doc[cue_i]
        start = next((i for i in range(cue_i - 1, max(cue.sent.start, cue_i - AGE_MENTION_TOKENS) - 1, -1)
                      if self.doc[i].lower_ == "the"), None)
        if start is None:
            return None
        span = self.doc[start:cue_i]
        if not age_of_mention(span) or not all(t.lower_ == "the" or is_age_token(t) or t.pos_ in ("NOUN", "ADJ")
                                               or t.text == "-" for t in span):
            return None
        return self._aged(span, span[-1])

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
        if head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or (head.ent_type_ in NAME_LABELS and head.pos_ != "NOUN"):
            titled = self._named_apposition(head) if head.lower_.rstrip(".") in TITLE_WORDS else None
            return titled or self._name(span, head)
        if head.pos_ == "NOUN" or _determined_subject(head):
            return self._named_apposition(head) or self._noun(span, head)
        name = clean_name(span.text)
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
        resolved = from_registry(speaker)
        entity = self.entities.find_person(speaker.name.split()) if resolved.is_person else None
        if entity is not None:
            resolved.roles, resolved.entity = tuple(sorted(entity.roles)), entity
        return resolved

    # names --------------------------------------------------------------

    def _name_tokens(self, span: Span, head: Token) -> list[Token]:
        """The tokens of the name the mention's head belongs to (its entity, else its proper-noun run)."""
        ent = next((e for e in self.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent.label_ in NAME_LABELS:
            return [t for t in ent if span.start <= t.i < span.end] or [head]
        run = [head]
        for child in sorted(head.children, key=lambda c: -c.i):
            if child.i < head.i and child.dep_ in ("compound", "flat") and child.pos_ == "PROPN" and child.i == run[0].i - 1:
                run.insert(0, child)
        return run

    def _name(self, span: Span, head: Token) -> ResolvedSpeaker | None:
        """A proper name: the article's person or organisation it stands for, else the name as written."""
        if _capitalised_description(head) and self.entities.find_person([head.text]) is None:
            if head.ent_type_ != "NORP":  # "the Dutchman", "the Chairman": a noun in capitals, which a role may fit
                return self._noun(span, head)
            person = self.chain.salient_person(head, "")  # "the Spaniard said": a person described by nationality
            if person is not None:
                return self._speaker_of(person)
        if head.lower_ in OFFICE_SHORT_FORMS:  # "Acme CEO", "the Premier": an office in its short form, not a name
            person = self._person_with_role(head.lower_, head.i)
            if person is not None:
                return self._speaker_of(person)
        tokens = self._name_tokens(span, head)
        words = name_words(tokens)
        label = head.ent_type_
        # a surname alone stands for the article's person whatever the tagger took it for ("said Lam" as a work of art)
        if words and label not in PLACE_LABELS:
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
        name = clean_name("".join(t.text_with_ws for t in tokens))
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

    def _owner_name(self, owner: Token) -> tuple[str, Entity | None]:
        """The name of a possessor or name modifier: a pronoun's referent, or the entity it names."""
        if owner.pos_ == "PRON":
            referent = self._pronoun(owner)
            return (referent.name, referent.entity) if referent is not None else (owner.text, None)
        speaker = self._name(self.doc[owner.left_edge.i : owner.i + 1], owner)
        return (speaker.name, speaker.entity) if speaker is not None else (owner.text, None)

    # groups and memory ---------------------------------------------------

    def _group(self, span: Span, head: Token, conjuncts: list[Token]) -> ResolvedSpeaker:
        """ "Ruiz and Lam", "the nominee and his aides": a group named by each of its members."""
        names = []
        for member in (head, *conjuncts):
            named = next((c for c in member.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if named is not None:  # "the interior secretary, Ken Ruiz"
                member = named
            member_span = self.doc[member.left_edge.i : member.i + 1] if member is not head else self.doc[span.start : head.i + 1]
            found = self.speaker_of_span(member_span, member, whole=False) if member.pos_ != "PRON" else None
            names.append(found.name if found is not None and member.pos_ == "PROPN" else phrase_name(list(member_span)))
        names = [n for n in names if n]
        name = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else (names[0] if names else clean_name(span.text))
        return ResolvedSpeaker(name, slugify(name), False, kind="group")

    def remember(self, quote: Quote, speaker: ResolvedSpeaker) -> None:
        """Note who spoke (for continuations) and add the speaker to the pronoun chain."""
        mention_text = self.doc[quote.mention[0] : quote.mention[1]].text if quote.mention else ""
        self.history.append((quote.end, speaker, mention_text))
        if quote.mention is None:
            return
        head = self.doc[quote.mention[0] : quote.mention[1]].root
        if speaker.entity is None and head.pos_ == "NOUN" and GENDER_WORDS.get(head.lemma_.lower()) and speaker.name:
            # "A spokeswoman for the mayor said …. “…,” she said": an unnamed speaker of known gender is the
            # nearest antecedent of the pronoun that goes on quoting her, not a woman named further back
            speaker.entity = Entity(speaker.name, "person", f"description {speaker.id}", roles={head.lemma_.lower()},
                                    gender=GENDER_WORDS[head.lemma_.lower()], first_seen=head.i)
        if speaker.entity is None and _named_as_a_person(head, speaker):
            # "Blessing from Ikotun told the host …. “…,” she said": a name the tagger did not read as a person's,
            # yet it speaks, so the pronoun that goes on quoting it may stand for it
            first = speaker.name.split()[0]
            speaker.entity = Entity(speaker.name, "person", f"speaker {speaker.id}", gender=gender_of_first_name(first),
                                    first_seen=head.i)
        if speaker.entity is not None and head.pos_ != "PRON":
            self.chain.add(head.i, speaker.entity)


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
        _set_speaker(quote, speaker)
        context.remember(quote, speaker)
    speakerless = [q for q in quotes if not q.speaker_id]
    if speakerless:  # a headline's quote is the article's own, quoted again below with its speaker
        attributed = [(q, _word_run(q.text)) for q in quotes if q.speaker_id]
        for quote in speakerless:
            echo = _echoed(_word_run(quote.text), attributed)
            if echo is not None:
                quote.speaker, quote.speaker_id, quote.speaker_kind, quote.roles = \
                    echo.speaker, echo.speaker_id, echo.speaker_kind, echo.roles
    return quotes


def _set_speaker(quote: Quote, speaker: ResolvedSpeaker) -> None:
    """Write a resolved speaker into the quote's output fields."""
    quote.speaker, quote.speaker_id = speaker.name, speaker.id
    quote.speaker_kind = speaker.kind or ("person" if speaker.is_person else "")
    quote.roles = tuple(r for r in speaker.roles if r)


def _word_run(text: str) -> str:
    """A text's words, case-folded and space-joined with a space at each end (so that runs match whole words)."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def _echoed(needle: str, attributed: list[tuple[Quote, str]]) -> Quote | None:
    """The attributed quote of the article whose words hold a speakerless quote's words (``_word_run``) in a row,
    when all that hold them have one speaker."""
    if len(needle.split()) < MIN_ECHO_WORDS:
        return None
    found = [q for q, words in attributed if needle in words]
    return found[0] if len({q.speaker_id for q in found}) == 1 else None


def _determined_subject(head: Token) -> bool:
    """A subject the tagger read as another part of speech though a determiner makes it a noun ("the forward
    admitted": forward as an adverb): a common noun all the same."""
    return head.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("ADV", "ADJ", "VERB") and head.text.islower() \
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


#: Nouns in -man/-woman ("Dutchman", "Irishwoman", "Chairman") that the tagger reads as the name of a body or a
#: person; six letters or more leaves out "Man", "Woman" and names such as "Oman".
_DESCRIPTION_SUFFIXES, MIN_DESCRIPTION_LENGTH = ("man", "woman"), 6


def _capitalised_description(head: Token) -> bool:
    """ "the Spaniard", "the Dutchman", "the Chairman": a capitalised nationality or role after "the" describes a
    person, it names no one."""
    if head.tag_ != "NNP" or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return False
    return head.ent_type_ == "NORP" or (head.is_title and len(head.text) >= MIN_DESCRIPTION_LENGTH
                                         and head.lower_.endswith(_DESCRIPTION_SUFFIXES))


def _named_as_a_person(head: Token, speaker: ResolvedSpeaker) -> bool:
    """A speaker named by a proper noun that is a first name, or that the tagger read as no body or place: a person
    (see ``remember``; "Aisha from Kurmin said" with Aisha tagged as a place is still a woman who spoke)."""
    if head.pos_ != "PROPN" or not speaker.name[:1].isupper():
        return False
    if gender_of_first_name(speaker.name.split()[0]):
        return True
    return speaker.kind in ("person", "") and head.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC")
