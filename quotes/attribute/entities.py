"""The people and organisations of one article, as the attributor needs them.

Each is known by its fullest name, its surname (people) and first name, the roles the article gives it
("her agent, Tom Reyes" → agent; "security company Lumen" → security company), ages ("Okafor, 55")
and the gender its honorifics or role nouns tell, else its first name (``first_names.py``). Shorter forms, first names alone and misspellings of
a name used elsewhere in the article ("Hoffmann" for "Hofmann") are looked up here.

This module reads names and what is written around them (titles, appositions, ages, honorifics, a saint's
possessive) and indexes them; which entities of the tagger are people and which organisations, where the
article shows the tagger wrong, is decided in ``retyping.py``, which builds the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from quotes.attribute.first_names import gender_of_first_name
from quotes.attribute.registry import SAME_NAME_RATIO
from quotes.attribute.speaker_words import BUSINESS_NOUNS, GENDER_WORDS, ORGANISATION_NOUNS
from quotes.lexicon import HONORIFICS, NAME_PARTICLES, NAME_SUFFIXES, OFFICE_SHORT_FORMS, TITLE_WORDS

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
#: Organisation nouns that are no business: a name holding one ("the High Court") is not "the company".
_BODY_NOUNS = ORGANISATION_NOUNS - BUSINESS_NOUNS
#: A saint's title: "St Brennan's" is a hospital, a school or a church, and at most three words name the saint.
SAINT_WORDS = ("st", "st.", "saint")
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
        """The head noun of each role: "software giant" → "giant"; "secretary-general" → "secretary-general",
        "general"; an office and its short form stand for each other ("chief executive" → "ceo"; "ceo" → "executive")."""
        heads = {role.split()[-1] for role in self.roles}
        heads |= {part for head in heads for part in head.split("-")[-1:]}
        for short, words in OFFICE_SHORT_FORMS.items():
            if short in heads:
                heads.add(words[-1])
            elif any(set(words) <= set(role.split()) for role in self.roles):
                heads.add(short)
        return heads

    @property
    def role_words(self) -> set[str]:
        """Every word of every role, hyphenated ones split ("secretary-general" → secretary, general), an office's
        short form spelt out."""
        words = {w for role in self.roles for word in role.split() for w in (word, *word.split("-"))}
        return words.union(*(OFFICE_SHORT_FORMS[w] for w in words & OFFICE_SHORT_FORMS.keys()))


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
    return fold(core[-1]) if core else ""


def _other_first_name(a: str, b: str) -> bool:
    """Two first names of different people ("Jack"/"Jane"), not spellings of one ("Jon"/"John",
    "Steven"/"Stephen": a rapidfuzz ratio of 70 or more) nor an initial of it ("J."/"Jack")."""
    if a.rstrip(".") == b[:1] or b.rstrip(".") == a[:1]:
        return False
    return fuzz.ratio(a, b) < FIRST_NAME_RATIO


def fold(word: str) -> str:
    """A name's word folded for look-up: lower case, curly apostrophes straight."""
    return word.lower().replace("’", "'")


def honorific_of(ent: Span) -> str:
    """The honorific written just before a name or as its first word ("Dr Alice Fenwick" → dr), '' when none."""
    doc = ent.doc
    for tok in (doc[ent.start - 1] if ent.start else None, doc[ent.start]):
        if tok is not None and tok.lower_.rstrip(".") in HONORIFICS:
            return tok.lower_.rstrip(".")
    return ""


def saint_possessive(ent: Span) -> bool:
    """ "St Brennan's", "St Mary's": a saint's name in the possessive, which names an institution, never a person."""
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    return len(ent) >= 2 and ent[0].lower_ in SAINT_WORDS and ent[1].is_title and (
        after in ("'s", "’s") or ent[-1].lower_ in ("'s", "’s"))


def _saint_before(doc: Doc, start: int) -> int | None:
    """Where "St Brennan's" starts when it comes just before ``start`` ("St Brennan's Royal Infirmary")."""
    if start < 3 or doc[start - 1].lower_ not in ("'s", "’s"):
        return None
    for j in range(start - 2, max(start - 2 - MAX_SAINT_WORDS, 0) - 1, -1):
        if doc[j].lower_ in SAINT_WORDS:
            return j if j < start - 2 else None
        if not doc[j].is_title:
            return None
    return None


class ArticleEntities:
    """Index of the people and organisations named in one Doc (built by ``retyping.read_entities``)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.people: dict[str, Entity] = {}
        self.orgs: dict[str, Entity] = {}
        self.person_at: dict[int, Entity] = {}     # token index → person it names
        self.org_at: dict[int, Entity] = {}

    # ------------------------------------------------------------------ building

    def add_person(self, ent: Span) -> None:
        """Index a name as a person's: a new person, or a fuller form, first name, role, age or gender of a known one."""
        words = name_words(list(ent))
        if not words:
            return
        texts = [t.text for t in words]
        written = " ".join(self.doc[words[0].i : words[-1].i + 1].text.split())  # "Karine Jean-Pierre" as written
        key = surname_of(texts)
        person = self.find_person(texts) if key not in self.people else self.people[key]
        first = fold(texts[0]) if len(texts) > 1 else ""
        if person is not None and first and (
                (person.first and _other_first_name(first, person.first))
                or (not person.first and person.gender and gender_of_first_name(first) not in ("", person.gender))):
            # a relative with the same surname ("her brother Jack Page"; "Michelle Obama" after "Mr. Obama"):
            # another person, found by full name
            key = fold(" ".join(texts))
            person = self.people.get(key)
        if person is None:
            person = self.people[key] = Entity(written, "person", key, first_seen=ent.start)
        elif len(texts) > len(name_parts(person.name)) and surname_of(texts) == surname_of(name_parts(person.name)):
            person.name = written
        if len(texts) > 1 and not person.first and fold(texts[0]) != surname_of(name_parts(person.name)):
            person.first = fold(texts[0])
        person.roles |= roles_of(ent)
        person.ages |= ages_of(ent)
        honorific = honorific_of(ent)
        title = _title_before(ent).split()
        gender = GENDER_WORDS.get(honorific, "") or (GENDER_WORDS.get(title[-1], "") if title else "")
        person.gender = person.gender or gender or gender_of_first_name(person.first)
        for t in ent:
            self.person_at[t.i] = person

    def add_org(self, ent: Span) -> None:
        """Index a name as an organisation's, with the place or the saint's possessive its name starts with."""
        tokens = [t for t in ent if not (t.i == ent.start and t.pos_ == "DET") and t.lower_ not in ("'s", "’s")]
        if not tokens:
            return
        start = tokens[0].i
        doc = self.doc
        saint = _saint_before(doc, start)
        if saint is not None:
            start = saint  # "St Brennan's Royal Infirmary": one name, the saint's possessive in it
        elif start >= 2 and doc[start - 1].lower_ in ("'s", "’s") and doc[start - 2].ent_type_ in ("GPE", "NORP"):
            start -= 2  # "Russia’s Foreign Ministry": the place is part of the body's name
        elif saint_possessive(ent) and ent.end + 1 < len(doc) and doc[ent.end + 1].ent_iob_ == "B" \
                and doc[ent.end + 1].ent_type_ == "ORG":
            return  # "St Brennan" of "St Brennan's Royal Infirmary": named with the organisation after it
        name = doc[start : tokens[-1].i + 1].text
        key = org_key(name)
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

    # ------------------------------------------------------------------ look-up

    def find_person(self, words: list[str]) -> Entity | None:
        """The person a name (its words) stands for: same surname, a first name alone, or a close spelling."""
        if not words:
            return None
        key = surname_of(words)
        full = fold(" ".join(words))
        if full in self.people:
            return self.people[full]
        if key in self.people:
            person = self.people[key]
            first = fold(words[0]) if len(words) > 1 else ""
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
            first = fold(words[0]) if len(words) > 1 else ""
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
        key = org_key(text)
        if not key:
            return None
        if key in self.orgs:
            return self.orgs[key]
        padded = f" {key} "
        inside = [o for k, o in self.orgs.items()
                  if (f" {k} " in padded and not _names_another_body(key, k)) or padded in f" {k} "]
        return inside[0] if len(inside) == 1 else None


def _names_another_body(name: str, known: str) -> bool:
    """A name that holds a known organisation's and goes on to a body noun of its own is another body named after
    it ("Alvora Pilots Association" beside Alvora, "Lumora Workers Union" beside Lumora)."""
    padded = f" {name} "
    after = padded.split(f" {known} ", 1)[1] if f" {known} " in padded else ""  # whole words, as find_org matched
    return bool(set(after.split()) & ORGANISATION_NOUNS)


#: A company's legal form after its name: "Acme Inc." and "Acme" are one company.
_LEGAL_FORM = re.compile(r"(?<=\w) (?:inc|incorporated|corp|ltd|limited|llc|plc|co|gmbh|ag|nv|bv)$")


def org_key(name: str) -> str:
    """An organisation's name folded for look-up: lower case, no possessive, punctuation, leading "the" or legal form."""
    text = re.sub(r"['’]s\b", "", name.lower())
    text = re.sub(r"[^\w&]+", " ", text).strip()
    return _LEGAL_FORM.sub("", re.sub(r"^the ", "", text))


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
    roles |= {_role_phrase(name, inside) for name in _nicknames(root)}
    return {r for r in roles if r and r.split()[-1] not in HONORIFICS}


#: Participles that give a person a by-name ("Jane Roe, nicknamed the Professor", "dubbed 'the Butcher'", "known as
#: the Iron Lady"): the article may then call the person by it alone ("the Professor fumed").
_NICKNAME_VERBS = frozenset({"nickname", "dub", "know"})


def _nicknames(root: Token) -> list[Token]:
    """Heads of the by-names a participle set after a name gives it ("known as" takes its 'as' phrase)."""
    found = []
    for verb in (c for c in root.children if c.dep_ == "acl" and c.lemma_.lower() in _NICKNAME_VERBS):
        if verb.lemma_.lower() == "know":
            found += [n for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for n in p.children
                      if n.dep_ == "pobj"]
        else:
            found += [n for n in verb.children if n.dep_ in ("dobj", "oprd", "attr")]
    return found


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


#: Modifiers that make a role another, lower office: "the governor" is not the deputy governor, nor "the
#: president" the vice-president, unless the mention says so.
SUBORDINATE_MODIFIERS = frozenset({"deputy", "vice", "assistant", "associate", "under", "sub"})


def holds_lower_office(person: Entity, lemma: str, mention_words: set[str] = frozenset()) -> bool:
    """Every role of the person with this head is a lower office the mention does not name ("deputy governor"
    for "the governor"): such a person does not hold the office the mention names."""
    held = [role.replace("-", " ").split() for role in person.roles if lemma in role.replace("-", " ").split()]
    return bool(held) and all(set(words) & SUBORDINATE_MODIFIERS - mention_words for words in held)
