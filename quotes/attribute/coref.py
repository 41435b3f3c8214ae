"""Person pronouns of the narration resolved to the people of the article, in reading order.

A pronoun goes to the nearest person mentioned before it whose gender agrees; nearer sentences,
known agreeing gender and the subject position each make a candidate likelier (a small salience
score, in the spirit of Lappin & Leass 1994). Words inside quotation marks are neither antecedents
nor resolved: a name quoted by someone else is not who speaks next. Each resolved pronoun is itself
a mention, so a chain "Page … she … she said in 1998" stays with its person across an agent's quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.attribute.entities import ArticleEntities, Entity, holds_lower_office
from quotes.attribute.speaker import is_definite
from quotes.attribute.speaker_words import PERSON_PRONOUNS

#: Salience costs, in sentences of distance: a candidate whose gender is not known to agree counts
#: as this many sentences further away (agreement is strong evidence, but unknown gender is common);
#: the subject of a main clause counts as this many sentences nearer, the object of a preposition
#: ("Tom Fletcher from McFly") this many further. Chosen on a grid over the ECB+ dev stories and
#: PolNeAR dev: gender {0.5, 1, 1.5, 2} × subject {0.5, 1, 1.5} first ((1, 1): 101 errors against
#: 103–107), then oblique {0, 0.5, 1} (0.5 and 1 both one error fewer than 0; the smaller kept);
#: leaving any one story out picks the same values or ties with them.
UNKNOWN_GENDER_COST = 1.0
SUBJECT_BONUS = 1.0
OBLIQUE_COST = 0.5
#: Farthest antecedent, in sentences.
MAX_SENTENCES_BACK = 12
SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass
class Mention:
    """One mention of a person in the narration."""

    token: int
    sentence: int
    entity: Entity
    subject: bool
    oblique: bool = False   # object of a preposition ("Tom Fletcher from McFly", "an interview with Smith")


#: Longest line read as a byline ("By Jo Doe, Chief Sports Writer"), in tokens.
MAX_BYLINE_TOKENS = 12


def _byline_tokens(doc: Doc) -> set[int]:
    """Tokens of byline lines ("By Jo Doe", "By our correspondent Jo Doe, Oslo"): a short line opening with "By"
    and holding no verb names the writer, whom no pronoun or description of the narration refers back to."""
    found: set[int] = set()
    text = doc.text
    for sent in doc.sents:
        first = sent[0]
        if first.lower_ != "by" or (first.idx and text[first.idx - 1] != "\n"):
            continue
        end = text.find("\n", first.idx)
        line = doc.char_span(first.idx, len(text) if end < 0 else end, alignment_mode="contract")
        if line is not None and len(line) <= MAX_BYLINE_TOKENS and not any(t.pos_ in ("VERB", "AUX") for t in line):
            found.update(range(line.start, line.end))
    return found


def is_subject(tok: Token) -> bool:
    """The token heads the subject of its sentence's main clause (or is the possessor, apposition or
    name part of it); subjects of embedded clauses ("Marsh said Okafor had been…") do not count."""
    node = tok
    for _ in range(3):
        if node.dep_ in SUBJECT_DEPS:
            return node.head.dep_ == "ROOT" or node.head.head.i == node.head.i
        if node.dep_ not in ("compound", "poss", "appos", "flat") or node.head.i == node.i:
            return False
        node = node.head
    return False


class PronounChain:
    """Walks the narration once, in order, collecting person mentions and resolving he/she/his/her."""

    def __init__(self, doc: Doc, entities: ArticleEntities, inside: list[bool]) -> None:
        self.doc, self.entities, self.inside = doc, entities, inside
        self.sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = n
        roots = {ent.root.i for ent in doc.ents if ent.label_ == "PERSON"}
        self.person_roots = {i for i in roots if i in entities.person_at}
        self.mentions: list[Mention] = []
        self.links: dict[int, Entity] = {}
        self.cursor = 0
        self.byline = _byline_tokens(doc)

    def add(self, token: int, entity: Entity) -> None:
        """Record a mention found elsewhere (a speaker resolved from a role noun), weighed as the narration's own
        mentions are: "Asked by presenter Jo Doe whether …, she said" keeps the asker an object of a preposition."""
        if entity.kind == "person" and not any(m.token == token for m in self.mentions[-3:]):
            tok = self.doc[token]
            self.mentions.append(Mention(token, self.sent_of[token], entity, is_subject(tok), tok.dep_ == "pobj"))
            self.mentions.sort(key=lambda m: m.token)

    def advance(self, upto: int) -> None:
        """Process narration tokens before ``upto``."""
        doc = self.doc
        while self.cursor < min(upto, len(doc)):
            i, self.cursor = self.cursor, self.cursor + 1
            if self.inside[i] or i in self.byline:
                continue
            entity = self._person_named(i) or self._role_holder(i)
            relative = doc[i].lower_ == "who" and doc[i].dep_ == "nsubj" and doc[i].head.dep_ == "relcl"
            if entity is None and relative:
                entity = self._person_named(doc[i].head.head.i)  # "an interview with Smith, who endorsed…"
            if entity is not None:
                self.mentions.append(Mention(i, self.sent_of[i], entity, is_subject(doc[i]) or relative,
                                             doc[i].dep_ == "pobj" and not relative))
            elif doc[i].lower_ in PERSON_PRONOUNS and doc[i].pos_ == "PRON":
                entity = self.antecedent(doc[i])
                if entity is not None:
                    self.links[i] = entity
                    self.mentions.append(Mention(i, self.sent_of[i], entity, is_subject(doc[i])))

    def _person_named(self, i: int) -> Entity | None:
        """The person a token names: the root of a person entity, or a known surname the tagger missed
        ("A big reason was Quinn")."""
        if i in self.person_roots:
            return self.entities.person_at[i]
        tok = self.doc[i]
        if tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON" or (tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN"):
            return None
        return self.entities.find_person([tok.text])

    def _role_holder(self, i: int) -> Entity | None:
        """The one person of the article holding the role a definite singular role noun names as a subject or
        possessor ("The mayor ended the meeting …", "the governor's remarks"): a mention of that person."""
        tok = self.doc[i]
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return None
        if not any(c.dep_ in ("det", "poss") for c in tok.children) or not is_definite(tok):
            return None  # "a spokesman", "officials": no one named before
        lemma = tok.lemma_.lower()
        words = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
        holders = [p for p in self.entities.people.values()
                   if lemma in p.role_heads and not holds_lower_office(p, lemma, words)]  # not the deputy governor
        return holders[0] if len(holders) == 1 else None

    def resolve(self, pronoun: Token) -> Entity | None:
        """The person a narration pronoun stands for (resolving the narration up to it first)."""
        self.advance(pronoun.i + 1)
        return self.links.get(pronoun.i) or self.antecedent(pronoun)

    def antecedent(self, pronoun: Token) -> Entity | None:
        """The likeliest earlier person mention for a pronoun (see the salience costs above)."""
        return self.salient_person(pronoun, PERSON_PRONOUNS.get(pronoun.lower_, ""))

    def salient_person(self, pronoun: Token, gender: str) -> Entity | None:
        """The likeliest person an expression at ``pronoun`` refers back to, a pronoun or a definite
        description that only a person fits ("the 55-year-old")."""
        self.advance(pronoun.i)
        here = self.sent_of[pronoun.i]
        best: tuple[float, int] | None = None
        chosen: Entity | None = None
        for mention in reversed(self.mentions):
            if mention.token >= pronoun.i:
                continue
            distance = here - mention.sentence
            if distance > MAX_SENTENCES_BACK:
                break
            known = mention.entity.gender
            if gender and known and known != gender:
                continue
            cost = distance + (0 if (known and known == gender) else UNKNOWN_GENDER_COST)
            cost -= SUBJECT_BONUS if mention.subject else 0
            cost += OBLIQUE_COST if mention.oblique else 0
            key = (cost, -mention.token)  # ties: the nearer
            if best is None or key < best:
                best, chosen = key, mention.entity
        if chosen is not None and gender and not chosen.gender and self._unambiguous(pronoun, chosen):
            chosen.gender = gender
        return chosen

    def _unambiguous(self, pronoun: Token, chosen: Entity) -> bool:
        """Only one person mentioned in the pronoun's sentence and the one before: safe to learn a gender."""
        here = self.sent_of[pronoun.i]
        near = {id(m.entity) for m in self.mentions if m.token < pronoun.i and here - m.sentence <= 1}
        return near == {id(chosen)}
