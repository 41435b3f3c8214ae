"""The people and organisations of one article, as the attributor needs them.

Each is known by its fullest name, its surname (people) and first name, the roles the article gives it
("her agent, Tom Reyes" → agent; "security company Lumen" → security company), ages ("Okafor, 55")
and the gender its honorifics or role nouns tell. Shorter forms, first names alone and misspellings of
a name used elsewhere in the article ("Hoffmann" for "Hofmann") are looked up here.

The tagger misreads names it does not know; the article corrects it where it shows otherwise: a name after an
honorific or given an age ("Dekker, 41,") is a person, a one-word name never given a first name that is also
read as an organisation or described by an organisation noun is an organisation, a name after "in" is a place,
and a saint's possessive ("St Brennan's Royal Infirmary") names an institution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from quotes.attribute.registry import SAME_NAME_RATIO
from quotes.attribute.speaker_words import BUSINESS_NOUNS, GENDER_WORDS, ORGANISATION_NOUNS
from quotes.extract.cues import is_speech_verb
from quotes.lexicon import HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES, TITLE_WORDS

#: A word of a name: letters, with inner apostrophes or hyphens ("O'Neill", "Holtz-Eakin"), an initial
#: ("R.") or the suffix "Jr."/"Sr.".
_NAME_WORD = re.compile(r"^(?:[^\W\d_]+(?:['’\-][^\W\d_]+)*|[^\W\d_]\.|[JS]r\.)$")
_AGE = re.compile(r"^(\d{1,3})-year-old$")
#: First names this close are one name spelt two ways ("Jon"/"John" 86, "Steven"/"Stephen" 77;
#: "Jack"/"Jane" 50).
FIRST_NAME_RATIO = 70
#: Shortest name compared by spelling: shorter ones ("Lee"/"Leo") differ by one letter and are other people.
MIN_FUZZY_LENGTH = 5
#: Longest role phrase kept (words): "security response communications lead".
MAX_ROLE_WORDS = 4
_ROLE_DEPS = ("compound", "amod", "nmod")
#: Labels the tagger gives names of people it does not know (fictional or foreign names): a place, a product, a work.
_MISREAD_LABELS = ("GPE", "LOC", "PRODUCT", "WORK_OF_ART", "NORP", "FAC")
#: Organisation nouns that are no business: a name holding one ("the High Court") is not "the company".
_BODY_NOUNS = ORGANISATION_NOUNS - BUSINESS_NOUNS
#: A saint's title: "St Brennan's" is a hospital, a school or a church, and at most three words name the saint.
_SAINT_WORDS = ("st", "st.", "saint")
MAX_SAINT_WORDS = 3
#: Where a name acts in its sentence ("Acme said", "Acme's board"); an outlet is named elsewhere: told, seen by, a byline.
_ACTOR_DEPS = ("nsubj", "nsubjpass", "poss")
#: Entity types that are never part of a title: people, places, dates ("Michigan", "Friday").
_NOT_TITLE_LABELS = ("PERSON", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


@dataclass
class Entity:
    """A person or an organisation of the article."""

    name: str                                   # fullest form seen
    kind: str                                   # person | organization
    key: str                                    # surname (people) or folded name (organisations)
    first: str = ""                             # first name, lower-case ('' when only a surname is seen)
    roles: set[str] = field(default_factory=set)       # "agent", "software giant", "interior secretary"
    ages: set[str] = field(default_factory=set)        # "55"
    gender: str = ""                            # "m" / "f" where the article tells
    first_seen: int = 0                         # token index of its first mention
    mentions: int = 0                           # how often the article names it
    acts: int = 0                               # how often it is named as subject or possessor (an actor)

    @property
    def role_heads(self) -> set[str]:
        """The head noun of each role: "software giant" → "giant"; "secretary-general" → "secretary-general", "general"."""
        heads = {role.split()[-1] for role in self.roles}
        return heads | {part for head in heads for part in head.split("-")[-1:]}

    @property
    def role_words(self) -> set[str]:
        """Every word of every role, hyphenated ones split ("secretary-general" → secretary, general)."""
        return {w for role in self.roles for word in role.split() for w in (word, *word.split("-"))}


def name_words(tokens: list[Token]) -> list[Token]:
    """The tokens of a name, without titles, honorifics, possessive 's and punctuation: the last run of
    capitalised words ("Hale campaign spokesman Jason Miller" → Jason Miller)."""
    words = [t for t in tokens if _NAME_WORD.match(t.text) and t.lower_ not in ("'s", "’s")]
    lower = [k for k, t in enumerate(words) if (t.text[:1].islower() and t.lower_ not in NAME_PARTICLES)
             or (t.is_upper and len(t.text) > 1 and t.is_alpha)]  # "Qualys CTO Wolfgang Kandek"
    if lower and lower[-1] < len(words) - 1:
        words = words[lower[-1] + 1 :]
    while len(words) > 1 and words[0].lower_.rstrip(".") in TITLE_WORDS:  # "Mr. King": a title only before a name
        words = words[1:]
    return words


def name_parts(name: str) -> list[str]:
    """The words of a name as written, hyphenated parts apart ("Karine Jean-Pierre" → Karine, Jean, Pierre)."""
    return [w for w in re.split(r"[\s\-–]+", name) if w]


def surname_of(words: list[str]) -> str:
    """The surname of a name's words: the last one that is not a suffix ("Nick J. Rahall II" → rahall)."""
    core = [w for w in words if w.lower().rstrip(".") not in NAME_SUFFIXES]
    return _fold(core[-1]) if core else ""


def _other_first_name(a: str, b: str) -> bool:
    """Two first names of different people ("Jack"/"Jane"), not spellings of one ("Jon"/"John",
    "Steven"/"Stephen": a rapidfuzz ratio of 70 or more) nor an initial of it ("J."/"Jack")."""
    if a.rstrip(".") == b[:1] or b.rstrip(".") == a[:1]:
        return False
    return fuzz.ratio(a, b) < FIRST_NAME_RATIO


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


class ArticleEntities:
    """Index of the people and organisations named in one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: dict[str, Entity] = {}
        self.orgs: dict[str, Entity] = {}
        self.person_at: dict[int, Entity] = {}     # token index → person it names
        self.org_at: dict[int, Entity] = {}
        self._common_words = {t.text for t in doc if t.is_lower and t.is_alpha}
        self._surnames = {surname_of([t.text for t in name_words(list(e))]) for e in doc.ents if e.label_ == "PERSON"}
        orgs = []
        aged = self._aged_surnames()
        for ent in doc.ents:  # in text order, so the first full name of a surname is its main bearer
            if self._saint_possessive(ent):
                orgs.append(ent)
            elif ent.label_ == "PERSON" or (ent.label_ == "ORG" and self._person_like(ent)) or self._aged_name(ent, aged):
                self._add_person(ent)
            elif ent.label_ == "ORG":
                orgs.append(ent)
        orgs = sorted(orgs + self._demoted_people(orgs), key=lambda e: e.start)
        for ent in orgs:
            person = self._trailing_person(ent)
            if person is not None:
                self._add_person(person)
        for ent in orgs:
            if not any(i in self.person_at for i in range(ent.start, ent.end)) and not self._people_joined(ent):
                self._add_org(ent)
        self._join_saint_names()

    # ------------------------------------------------------------------ building

    def _add_person(self, ent: Span) -> None:
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "in":
            return  # "In Harlow Springs, crews …": a place the tagger took for a person (no one is "in" a person)
        words = name_words(list(ent))
        if not words or (len(words) == 1 and words[0].lower_ in self._common_words):
            return  # "Showrunner, 51, adds" beside "the showrunner": a common noun, capitalised
        texts = [t.text for t in words]
        written = " ".join(self.doc[words[0].i : words[-1].i + 1].text.split())  # "Karine Jean-Pierre" as written
        key = surname_of(texts)
        person = self.find_person(texts) if key not in self.people else self.people[key]
        first = _fold(texts[0]) if len(texts) > 1 else ""
        if person is not None and first and person.first and _other_first_name(first, person.first):
            # a relative with the same surname ("her brother Jack Page"): another person, found by full name
            key = _fold(" ".join(texts))
            person = self.people.get(key)
        if person is None:
            person = self.people[key] = Entity(written, "person", key, first_seen=ent.start)
        elif len(texts) > len(name_parts(person.name)) and surname_of(texts) == surname_of(name_parts(person.name)):
            person.name = written
        if len(texts) > 1 and not person.first and _fold(texts[0]) != surname_of(name_parts(person.name)):
            person.first = _fold(texts[0])
        person.roles |= roles_of(ent)
        person.ages |= ages_of(ent)
        honorific = self._honorific(ent)
        title = _title_before(ent).split()
        gender = GENDER_WORDS.get(honorific, "") or (GENDER_WORDS.get(title[-1], "") if title else "")
        person.gender = person.gender or gender
        for t in ent:
            self.person_at[t.i] = person

    def _aged_surnames(self) -> set[str]:
        """Surnames of names the tagger took for a place or a thing that the article gives an age, set off by
        commas ("Dekker, 41, had been removed"): only people are given ages so."""
        found = set()
        for ent in self.doc.ents:
            end = ent.end
            if ent.label_ in _MISREAD_LABELS and end + 2 < len(self.doc) and self.doc[end + 2].text == "," and ages_of(ent):
                words = name_words(list(ent))
                if words and all(w.is_title for w in words):
                    found.add(surname_of([w.text for w in words]))
        return found

    def _aged_name(self, ent: Span, aged: set[str]) -> bool:
        """A name the tagger took for a place or a thing whose surname is one an age was given to ("Pieter Dekker")."""
        if ent.label_ not in _MISREAD_LABELS or not aged:
            return False
        words = name_words(list(ent))
        return bool(words) and len(words) == len(ent) and all(w.is_title for w in words) \
            and surname_of([w.text for w in words]) in aged

    def _demoted_people(self, orgs: list[Span]) -> list[Span]:
        """The entities of "people" the article shows are organisations, taken out of the people: a one-word name
        never given a first name (news names a person in full at first mention) that the tagger also reads as an
        organisation, or whose role is an organisation noun ("Brightwell, the solar start-up")."""
        org_words = {_org_key(e.text) for e in orgs if len(name_words(list(e))) == 1}
        demoted = {key for key, p in self.people.items()
                   if not p.first and len(name_parts(p.name)) == 1 and not p.gender
                   and (key in org_words or p.role_heads & ORGANISATION_NOUNS)}
        spans = []
        for ent in self.doc.ents:
            person = self.person_at.get(ent.start)
            if person is not None and person.key in demoted:
                spans.append(ent)
                for t in ent:
                    del self.person_at[t.i]
        for key in demoted:
            del self.people[key]
        return [e for e in spans if e.label_ != "ORG" or all(e.start != o.start for o in orgs)]

    def _trailing_person(self, ent: Span) -> Span | None:
        """A person's name the tagger swallowed into the organisation before it ("Secretary of the Treasury
        Omar Castellanos" read as the organisation "the Treasury Omar Castellanos"): the entity's last two capitalised
        words, when the last one stands alone elsewhere in the article, untagged, as the subject of a reporting verb
        ("Castellanos said"): a speaker, so a person's surname."""
        if len(ent) < 3:
            return None
        first, last = ent[-2], ent[-1]
        if not all(t.tag_ == "NNP" and t.is_title and t.is_alpha and t.lower_ not in self._common_words for t in (first, last)):
            return None  # a plural ("the Springfield City Hawks") is a team or a body, not a surname
        alone = any(t.text == last.text and not t.ent_type_ and t.dep_ == "nsubj" and is_speech_verb(t.head) for t in self.doc)
        return self.doc[first.i : last.i + 1] if alone else None

    def _people_joined(self, ent: Span) -> bool:
        """An 'organisation' that is people of the article joined by 'and' ("Lam and Ruiz said")."""
        names = [t for t in ent if not (t.is_punct or t.lower_ in ("and", "&"))]
        return len(names) < len(ent) and all(_fold(t.text) in self.people for t in names)

    def _person_like(self, ent: Span) -> bool:
        """An entity tagged as an organisation that the article shows is a person: a name after an honorific, a
        capitalised name whose surname a person of the article bears ("Dana Page" beside "Page"), or whose role is a
        gendered noun ("Dana Page, a woman who…")."""
        words = name_words(list(ent))
        if words and all(w.is_title for w in words) and self._honorific(ent) and len(words) == len(ent) - (
                ent[0].lower_.rstrip(".") in HONORIFICS):
            return True  # "Dr Alice Fenwick", "Ms Fenwick": an honorific is given to people only
        if len(words) < 2 or not all(w.is_title for w in words) or len(words) != len(ent):
            return False
        if surname_of([w.text for w in words]) in self._surnames:
            return True
        return any(w in GENDER_WORDS for role in roles_of(ent) for w in role.split())

    def _saint_possessive(self, ent: Span) -> bool:
        """ "St Brennan's", "St Mary's": a saint's name in the possessive names an institution, never a person."""
        doc = self.doc
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        return len(ent) >= 2 and ent[0].lower_ in _SAINT_WORDS and ent[1].is_title and (
            after in ("'s", "’s") or ent[-1].lower_ in ("'s", "’s"))

    def _saint_before(self, start: int) -> int | None:
        """Where "St Brennan's" starts when it comes just before ``start`` ("St Brennan's Royal Infirmary")."""
        doc = self.doc
        if start < 3 or doc[start - 1].lower_ not in ("'s", "’s"):
            return None
        for j in range(start - 2, max(start - 2 - MAX_SAINT_WORDS, 0) - 1, -1):
            if doc[j].lower_ in _SAINT_WORDS:
                return j if j < start - 2 else None
            if not doc[j].is_title:
                return None
        return None

    def _join_saint_names(self) -> None:
        """ "St Brennan's said" after "St Brennan's Royal Infirmary": the short form is the institution in full."""
        for key, org in list(self.orgs.items()):
            if key.split()[0] not in _SAINT_WORDS:
                continue
            longer = [o for k, o in self.orgs.items() if k.startswith(key + " ")]
            if len(longer) == 1:  # find_org finds the short form inside the long one
                del self.orgs[key]
                longer[0].mentions += org.mentions
                for i, named in list(self.org_at.items()):
                    if named is org:
                        self.org_at[i] = longer[0]

    def _add_org(self, ent: Span) -> None:
        tokens = [t for t in ent if not (t.i == ent.start and t.pos_ == "DET") and t.lower_ not in ("'s", "’s")]
        if not tokens:
            return
        start = tokens[0].i
        doc = self.doc
        saint = self._saint_before(start)
        if saint is not None:
            start = saint  # "St Brennan's Royal Infirmary": one name, the saint's possessive in it
        elif start >= 2 and doc[start - 1].lower_ in ("'s", "’s") and doc[start - 2].ent_type_ in ("GPE", "NORP"):
            start -= 2  # "Russia’s Foreign Ministry": the place is part of the body's name
        elif self._saint_possessive(ent) and ent.end + 1 < len(doc) and doc[ent.end + 1].ent_iob_ == "B" \
                and doc[ent.end + 1].ent_type_ == "ORG":
            return  # "St Brennan" of "St Brennan's Royal Infirmary": named with the organisation after it
        name = doc[start : tokens[-1].i + 1].text
        key = _org_key(name)
        if not key:
            return
        org = self.orgs.get(key)
        if org is None:
            org = self.orgs[key] = Entity(name, "organization", key, first_seen=ent.start)
        org.roles |= roles_of(ent)
        org.mentions += 1
        org.acts += ent.root.dep_ in _ACTOR_DEPS
        for i in range(min(start, ent.start), ent.end):
            self.org_at[i] = org

    def _honorific(self, ent: Span) -> str:
        doc = self.doc
        for tok in (doc[ent.start - 1] if ent.start else None, doc[ent.start]):
            if tok is not None and tok.lower_.rstrip(".") in HONORIFICS:
                return tok.lower_.rstrip(".")
        return ""

    # ------------------------------------------------------------------ look-up

    def find_person(self, words: list[str]) -> Entity | None:
        """The person a name (its words) stands for: same surname, a first name alone, or a close spelling."""
        if not words:
            return None
        key = surname_of(words)
        full = _fold(" ".join(words))
        if full in self.people:
            return self.people[full]
        if key in self.people:
            person = self.people[key]
            first = _fold(words[0]) if len(words) > 1 else ""
            if first and person.first and _other_first_name(first, person.first):
                return None
            return person
        if len(words) == 1:
            firsts = [p for p in self.people.values() if p.first == key]
            if len(firsts) == 1:
                return firsts[0]
        if len(key) >= MIN_FUZZY_LENGTH:
            close = [p for k, p in self.people.items()
                     if len(k) >= MIN_FUZZY_LENGTH and k[0] == key[0] and fuzz.ratio(k, key) >= SAME_NAME_RATIO]  # "Hoffmann"/"Hofmann" in one article
            first = _fold(words[0]) if len(words) > 1 else ""
            close = [p for p in close if not (first and p.first and p.first != first)]
            if len(close) == 1:
                return close[0]
        return None

    def main_org(self, business: bool = False) -> Entity | None:
        """The organisation the article is about: the most named one (the first on a tie). With ``business``, one
        whose name holds no noun of another kind of body ("High Court", "Union of Dock Workers" are no
        company), when the article names any."""
        orgs = list(self.orgs.values())
        if business:
            orgs = [o for o in orgs if not set(o.key.split()) & _BODY_NOUNS] or orgs
        return max(orgs, key=lambda o: (o.mentions, -o.first_seen)) if orgs else None

    def find_org(self, text: str) -> Entity | None:
        """The organisation a name stands for: same folded name, or one whose name contains it."""
        key = _org_key(text)
        if not key:
            return None
        if key in self.orgs:
            return self.orgs[key]
        padded = f" {key} "
        inside = [o for k, o in self.orgs.items() if f" {k} " in padded or f" {key} " in f" {k} "]
        return inside[0] if len(inside) == 1 else None


def _org_key(name: str) -> str:
    text = re.sub(r"['’]s\b", "", name.lower())
    text = re.sub(r"[^\w&]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def _role_phrase(head: Token, stop: set[int]) -> str:
    """A lower-case role phrase: a noun with the nouns and adjectives before it ("software giant")."""
    nominal = head.pos_ in ("NOUN", "PROPN") or (head.pos_ == "ADJ" and head.dep_ == "attr")  # "has been chief"
    if not nominal or head.ent_type_ == "PERSON" or head.like_num:
        return ""
    first = _hyphen_start(head)
    words = [head]
    for child in sorted((c for c in head.children if c.i < first), key=lambda c: -c.i):
        if child.i in stop or child.dep_ not in _ROLE_DEPS or child.pos_ not in ("NOUN", "PROPN", "ADJ"):
            break
        if _is_age(child) or child.text.endswith(".") or child.ent_type_ == "PERSON":
            break
        words.insert(0, child)
    texts = [w.lower_ for w in words[:-1]] + [head.doc[first : head.i + 1].text.lower()]
    phrase = [w for w in texts if w not in HONORIFICS][-MAX_ROLE_WORDS:]
    return " ".join(phrase) if phrase and all(re.match(r"^[^\W\d_][\w\-]*$", w) for w in phrase) else ""


def _hyphen_start(tok: Token) -> int:
    """The first token of the hyphenated word a token ends ("start-up", split by the tokenizer as start - up)."""
    doc, i = tok.doc, tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and doc[i - 2].is_alpha:
        i -= 2
    return i


def roles_of(ent: Span) -> set[str]:
    """Role phrases the parse ties to a name: the title before it, or an apposition set off by a comma
    right after it ("Tom Reyes, her agent,") or right before it ("her agent, Tom Reyes")."""
    doc, root, roles = ent.doc, ent.root, set()
    inside = set(range(ent.start, ent.end))
    for child in root.children:
        if child.dep_ == "appos" and ent.end < len(doc) and doc[ent.end].text == "," and child.left_edge.i == ent.end + 1:
            roles.add(_role_phrase(child, inside))
    before = doc[ent.start - 1] if ent.start else None
    if root.dep_ == "appos" and before is not None and before.text == "," and root.head.i < ent.start - 1:
        roles.add(_role_phrase(root.head, inside))
    roles.add(_title_before(ent))
    roles |= {_role_phrase(attr, inside) for attr in _predicate_nominals(root)}
    return {r for r in roles if r and r.split()[-1] not in HONORIFICS}


def _predicate_nominals(root: Token) -> list[Token]:
    """What a name is said to be: "Kemp has been chief of the fire service", "Cole, who is the chair of the board"
    (the attribute of "be" whose subject is the name, or its relative pronoun); not "is not the chief"."""
    verbs = [root.head] if root.dep_ == "nsubj" and root.head.i != root.i else []
    verbs += [c for c in root.children if c.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ == "who" for s in c.children)]
    return [c for v in verbs if v.lemma_ == "be" and not any(n.dep_ == "neg" for n in v.children)
            for c in v.children if c.dep_ == "attr"]


def _title_before(ent: Span) -> str:
    """The title written just before a name, even where the parse missed it: "Interior Secretary Ken
    Ruiz", "The General-Secretary of the alliance, Jane Doe" (the "of" phrase is dropped: the role
    is its head noun and the words before it)."""
    doc, i, words = ent.doc, ent.start - 1, []
    comma = i > ent.sent.start and doc[i].text == ","
    if comma:
        i -= 1
    elif i < 0 or not (doc[i].head.i in range(ent.start, ent.end) and doc[i].dep_ in _ROLE_DEPS
                       or ent.root.head.i == i or _bare_title(doc[i], ent)):
        return ""  # a title modifies the name or governs it; "in Florida Friday Hale said" has none
    while i >= max(ent.sent.start, ent.start - 3 * MAX_ROLE_WORDS):
        tok = doc[i]
        if tok.text in ("-", "–") and words and i > 0 and doc[i - 1].is_alpha:
            words.insert(0, "-")
        elif tok.lower_ == "of" and words:
            words = []  # "secretary of NATO": keep what comes before "of"
        elif (tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.is_alpha and tok.ent_type_ not in _NOT_TITLE_LABELS
              and not _is_age(tok)):
            words.insert(0, tok.lower_)
        else:
            break
        i -= 1
    if not words or doc[i + len(words)].pos_ not in ("NOUN", "PROPN") and len(words) == 1:
        return ""
    while i >= ent.sent.start and doc[i].pos_ == "DET":
        i -= 1
    adverbial = ("ADP", "SCONJ", "VERB", "AUX", "ADV", "ADJ", "NOUN", "NUM")
    if comma and i >= ent.sent.start and doc[i].dep_ not in ("case", "poss") and doc[i].pos_ in adverbial:
        return ""  # "In contrast, Hale said", "After the debate, Whitfield…": an adverbial, not a title
    phrase = " ".join(w for w in words if w not in HONORIFICS).replace(" - ", "-").replace("- ", "-")
    return " ".join(phrase.split()[-MAX_ROLE_WORDS:])


def _bare_title(tok: Token, ent: Span) -> bool:
    """A singular common noun just before a name, as in "security company Lumen's blog" — unless the
    name starts a clause about the noun ("the tweet Hale sent", "derogatory comments Hale made")."""
    root = ent.root
    in_clause = root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ in ("relcl", "acl", "ccomp")
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and not in_clause


def _is_age(tok: Token) -> bool:
    return bool(_AGE.match(tok.text)) or tok.like_num or tok.lower_ in ("year", "old", "-year", "-old")


def ages_of(ent: Span) -> set[str]:
    """Ages written with a name: "Peter Okafor, 55," or "the 55-year-old Peter Okafor"."""
    doc, ages = ent.doc, set()
    after = doc[ent.end : ent.end + 3]
    if len(after) >= 2 and after[0].text == "," and after[1].like_num and after[1].text.isdigit():
        ages.add(after[1].text)
    before = doc[max(ent.sent.start, ent.start - 8) : ent.start].text
    match = re.search(r"(\d{1,3})\s*-\s*year\s*-\s*old\b", before)
    if match:
        ages.add(match.group(1))
    return ages


def age_of_mention(span: Span) -> str:
    """The age a mention gives ("the 55-year-old", "the 51-year-old showrunner"), '' when none."""
    match = re.search(r"(\d{1,3})\s*-\s*year\s*-\s*old\b", span.text)
    return match.group(1) if match else ""
