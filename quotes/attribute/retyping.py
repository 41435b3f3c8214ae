"""The article's people and organisations, the tagger's entity types corrected where the article shows otherwise.

The tagger misreads names it does not know (fictional, foreign or rare ones); the article corrects it where it
shows otherwise: a name after an honorific or given an age ("Dekker, 41,") is a person, a one-word name never
given a first name that is also read as an organisation or described by an organisation noun is an
organisation, a name after "in" is a place, a capitalised common noun of the article ("Showrunner, 51,") no
name, a person's name swallowed into an organisation before it is taken out of it, and a saint's possessive
("St Brennan's Royal Infirmary") names an institution. ``read_entities`` decides each entity's type so and
fills the index of ``entities.py``, which reads the names and looks them up.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from quotes.attribute.entities import (
    SAINT_WORDS, ArticleEntities, Entity, ages_of, fold, honorific_of, name_parts, name_words, org_key, roles_of,
    saint_possessive, surname_of,
)
from quotes.attribute.first_names import gender_of_first_name
from quotes.attribute.speaker_words import GENDER_WORDS, ORGANISATION_NOUNS, PERSON_PRONOUNS, singulars
from quotes.extract.cues import is_according_to, is_speech_verb
from quotes.lexicon import HONORIFICS

#: Labels the tagger gives names of people it does not know (fictional or foreign names): a place, a product, a work.
_MISREAD_LABELS = ("GPE", "LOC", "PRODUCT", "WORK_OF_ART", "NORP", "FAC")


def read_entities(doc: Doc) -> ArticleEntities:
    """The people and organisations named in a Doc, each entity typed by what the article shows of it."""
    entities = ArticleEntities(doc)
    common_words = {t.text for t in doc if t.is_lower and t.is_alpha}
    tagged_org = {org_key(e.text) for e in doc.ents if e.label_ == "ORG"}
    _drop_question_auxiliaries(doc, tagged_org)
    bodies = {e.start for e in doc.ents if e.label_ == "PERSON"
              and (_organisation_named(e) or _also_tagged_org(e, tagged_org))}  # "Alvora Airlines"
    surnames = {surname_of([t.text for t in name_words(list(e))]) for e in doc.ents
                if e.label_ == "PERSON" and e.start not in bodies}
    orgs = []
    aged = _aged_surnames(doc)
    cut = _cut_names(doc, common_words)
    dateline_places = {org_key(e.text) for e in doc.ents if _dateline(e)}
    for ent in doc.ents:  # in text order, so the first full name of a surname is its main bearer
        if org_key(ent.text) in dateline_places:
            continue  # the town of the dateline, whatever the tagger reads it as in the story
        if ent.start in cut:
            _add_person(entities, cut[ent.start], common_words)
        elif saint_possessive(ent) or (ent.label_ == "PERSON" and ent.start in bodies):
            orgs.append(ent)
        elif ent.label_ == "PERSON" or (ent.label_ in ("ORG", *_MISREAD_LABELS) and _person_like(ent, surnames)) \
                or _aged_name(ent, aged):
            _add_person(entities, ent, common_words)
        elif ent.label_ == "ORG":
            orgs.append(ent)
    orgs += _misread_org_names(doc, orgs)
    for span in _untagged_speakers(doc, common_words) + _untagged_full_names(doc, common_words):
        _add_person(entities, span, common_words)
    orgs = sorted(orgs + _demote_people(entities, orgs), key=lambda e: e.start)
    for ent in orgs:
        person = _trailing_person(ent, common_words, surnames)
        if person is not None:
            _add_person(entities, person, common_words)
    for ent in orgs:
        named_person = any(i in entities.person_at for i in range(ent.start, ent.end))
        if not named_person and not _people_joined(ent, entities.people) and not _surname_of_named(ent, entities):
            entities.add_org(ent)
    _join_saint_names(entities)
    return entities


def _surname_of_named(ent: Span, entities: ArticleEntities) -> bool:
    """A one-word "organisation" that is the surname of a person the article names in full ("Pellow" beside "Graham
    Pellow"): the resolver reads it as that person, and as a body it would pass for the company "the company" means."""
    words = name_words(list(ent))
    if len(words) != 1 or len(ent) != 1:
        return False
    person = entities.people.get(surname_of([words[0].text]))
    return person is not None and bool(person.first)


#: Auxiliaries that open a question and are also first names ("Will", "May"), or pass for them with the tagger.
_QUESTION_AUXILIARIES = frozenset("will would can could shall should may might must do does did is are was were has "
                                  "have had".split())


def _drop_question_auxiliaries(doc: Doc, tagged_org: set[str]) -> None:
    """Take out of a person's name the auxiliary that opens a question ("Will Hesselby's be punished?" is about the
    body Hesselby's, not a Will Hesselby): the rest keeps the type the article gives that name elsewhere."""
    fixed, changed = [], False
    for ent in doc.ents:
        first = ent[0]
        if ent.label_ == "PERSON" and len(ent) >= 2 and first.lower_ in _QUESTION_AUXILIARIES \
                and (first.i == first.sent.start or doc[first.i - 1].text == ":") \
                and first.sent.text.rstrip().endswith("?"):  # (after a label: "Q: Will …?")
            rest = doc[ent.start + 1 : ent.end]
            fixed.append(Span(doc, rest.start, rest.end, label="ORG" if org_key(rest.text) in tagged_org else "PERSON"))
            changed = True
        else:
            fixed.append(ent)
    if changed:
        doc.ents = fixed


def _add_person(entities: ArticleEntities, ent: Span, common_words: set[str]) -> None:
    """Index an entity as a person unless it is a place after "in" or a common noun of the article, capitalised
    (a capitalised common noun before the name is a role, not a first name)."""
    doc = ent.doc
    if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "in" and not (ent.end < len(doc)
                                                                      and is_speech_verb(doc[ent.end])):
        # "In Harlow Springs, crews …": a place the tagger took for a person (no one is "in" a person); a name before
        # a reporting verb is its subject misparsed ("at the court in Elm Falls Judge Jane Roe said")
        return
    words = name_words(list(ent))
    if len(words) == 1 and words[0].lower_ in common_words:
        return  # "Showrunner, 51, adds" beside "the showrunner": a common noun, capitalised
    if len(words) >= 2 and words[0].lower_ in common_words and not gender_of_first_name(words[0].text):
        # "Chef Ostrander's memoir" beside "the television chef Rafael Ostrander": a role, capitalised, no first name
        ent = ent.doc[words[0].i + 1 : ent.end]
    entities.add_person(ent)


#: A full name is a first name and a surname, or with a middle name or initial: longer untagged runs are titles of works or bodies.
_FULL_NAME_WORDS = (2, 3)


def _untagged_speakers(doc: Doc, common_words: set[str]) -> list[Span]:
    """Full names the tagger left untagged that the article shows are people: the subject of a reporting verb
    described by a singular role noun that is no body ("Ilya Borz, the city's mayor, said"; an organisation's
    apposition is an organisation noun, a person's is a role), or a subject its clause refers back to as he or she."""
    found = []
    for tok in doc:
        if tok.ent_type_ or tok.dep_ != "nsubj" or not _capitalised_proper_word(tok, common_words):
            continue
        start = tok.i
        # the words before are read by their tag, not their arc: the parser misreads unknown first names ("Ilya" as a verb)
        while start > 0 and _capitalised_proper_word(doc[start - 1], common_words) and not doc[start - 1].ent_type_ \
                and doc[start - 1].sent.start == tok.sent.start:
            start -= 1
        described = is_speech_verb(tok.head) and any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.tag_ == "NN"
                                                     and c.lemma_.lower() not in ORGANISATION_NOUNS for c in tok.children)
        if tok.i + 1 - start in _FULL_NAME_WORDS and (described or _referred_back_by_gender(doc[start : tok.i + 1])):
            found.append(doc[start : tok.i + 1])
    return found


#: What follows a dateline's place: the date after a comma, the dash or the agency in brackets.
_DATELINE_FOLLOWERS = frozenset({",", "—", "–", "-", "(", ":"})


def _dateline(ent: Span) -> bool:
    """A name in capitals opening a paragraph before a comma or a dash ("BRENNOCK, July 16 (Wire) -"): the
    dateline's place, which the tagger may read as an organisation."""
    doc = ent.doc
    if not (ent.text.isupper() and ent.end < len(doc) and doc[ent.end].text in _DATELINE_FOLLOWERS):
        return False
    before = doc[ent.start - 1] if ent.start else None
    return before is None or "\n" in before.text or "\n" in before.whitespace_


def _misread_org_names(doc: Doc, orgs: list[Span]) -> list[Span]:
    """Mentions of an organisation the tagger read as a place or a product elsewhere ("Acme" beside "Acme
    Inc."): the same name, so the same body (they count towards which organisation the article is about)."""
    keys = {org_key(ent.text) for ent in orgs}
    return [ent for ent in doc.ents if ent.label_ in _MISREAD_LABELS and org_key(ent.text) in keys]


def _written_as_first_name(word: Token) -> bool:
    """Whether the article writes this word before another capitalised word elsewhere ("Jane Roe")."""
    doc = word.doc
    return any(t.text == word.text and t.i + 1 < len(doc) and doc[t.i + 1].is_title and doc[t.i + 1].pos_ == "PROPN"
               for t in doc if t.i != word.i)


def _cut_names(doc: Doc, common_words: set[str]) -> dict[int, Span]:
    """Names the tagger cut after or before their first word, by the tagged word's position: a one-word entity that
    is a common first name followed, in its sentence, by an untagged capitalised proper noun is that first name and
    a surname ("Jane" tagged, "Roe" left out); a one-word person after an untagged capitalised common first name is
    that name's surname ("Mayor Jane [Roe]": else the first name is read as part of the title)."""
    found = {}
    for ent in doc.ents:
        if len(ent) != 1 or not ent[0].is_title:
            continue
        if ent.end < len(doc) and gender_of_first_name(ent.text):
            after = doc[ent.end]
            if not after.ent_type_ and after.sent.start == ent.sent.start \
                    and _capitalised_proper_word(after, common_words) and not _organisation_noun(after.lower_):
                found[ent.start] = doc[ent.start : ent.end + 1]
        elif ent.label_ == "PERSON" and ent.start > ent.sent.start:
            before = doc[ent.start - 1]
            if not before.ent_type_ and gender_of_first_name(before.text) and _capitalised_proper_word(before, common_words):
                found[ent.start] = doc[ent.start - 1 : ent.end]
    return found


def _untagged_full_names(doc: Doc, common_words: set[str]) -> list[Span]:
    """Full names the tagger left untagged whose surname the article also writes alone ("Jo Doe still has the
    charger" … "said Doe"): two capitalised proper nouns, the first a common first name, none tagged."""
    alone: set[str] = set()
    pairs = []
    for tok in doc[1:]:
        before = doc[tok.i - 1]
        if not _capitalised_proper_word(tok, common_words):
            continue
        if _capitalised_proper_word(before, common_words) and not before.ent_type_ and not tok.ent_type_ \
                and gender_of_first_name(before.text) and before.sent.start == tok.sent.start \
                and not (tok.i + 1 < len(doc) and _capitalised_proper_word(doc[tok.i + 1], common_words)) \
                and not (before.i > 0 and _capitalised_proper_word(doc[before.i - 1], common_words)):
            pairs.append(doc[before.i : tok.i + 1])
        elif not _capitalised_proper_word(before, common_words):
            alone.add(tok.text)
    return [span for span in pairs if span[-1].text in alone and not _organisation_noun(span[-1].lower_)]


#: Oldest age a name is given ("Doe, 44"): bounds a number after a name's comma to a person's age, not a year.
MAX_AGE = 120


def _aged_surnames(doc: Doc) -> set[str]:
    """Surnames of names the tagger took for a place, a thing or a body that the article gives an age, set off by
    commas ("Dekker, 41, had been removed", "said Doe, 44."): only people are given ages so."""
    found = set()
    for ent in doc.ents:
        end = ent.end
        if ent.label_ in (*_MISREAD_LABELS, "ORG") and end + 2 < len(doc) and doc[end + 2].text in (",", ".", ";") \
                and any(int(age) <= MAX_AGE for age in ages_of(ent)):
            words = name_words(list(ent))
            if words and all(w.is_title for w in words):
                found.add(surname_of([w.text for w in words]))
    return found


def _aged_name(ent: Span, aged: set[str]) -> bool:
    """A name the tagger took for a place, a thing or a body whose surname is one an age was given to ("Pieter
    Dekker", "said Doe, 44"). A first name alone ("said Jane, 52" beside "Jane Roe") is left to the
    look-up, which finds the person of that first name."""
    if ent.label_ not in (*_MISREAD_LABELS, "ORG") or not aged:
        return False
    words = name_words(list(ent))
    if len(words) == 1 and (gender_of_first_name(words[0].text) or _written_as_first_name(words[0])):
        return False
    return bool(words) and len(words) == len(ent) and all(w.is_title for w in words) \
        and surname_of([w.text for w in words]) in aged


def _demote_people(entities: ArticleEntities, orgs: list[Span]) -> list[Span]:
    """The entities of "people" the article shows are organisations, taken out of the people: a one-word name
    never given a first name (news names a person in full at first mention) that the tagger also reads as an
    organisation, or whose role is an organisation noun ("Brightwell, the solar start-up")."""
    org_words = {org_key(e.text) for e in orgs if len(name_words(list(e))) == 1}
    # a body's name without its last word ("Alvora" for Alvora Airlines) is its short form
    org_words |= {org_key(" ".join(t.text for t in words[:-1])) for e in orgs
                  if len(words := name_words(list(e))) == 2 and _organisation_named(e)}
    demoted = {key for key, p in entities.people.items()
               if not p.first and len(name_parts(p.name)) == 1 and not p.gender
               and (key in org_words or p.role_heads & ORGANISATION_NOUNS)}
    spans = []
    for ent in entities.doc.ents:
        person = entities.person_at.get(ent.start)
        if person is not None and person.key in demoted:
            spans.append(ent)
            for t in ent:
                del entities.person_at[t.i]
    for key in demoted:
        del entities.people[key]
    return [e for e in spans if e.label_ != "ORG" or all(e.start != o.start for o in orgs)]


def _trailing_person(ent: Span, common_words: set[str], surnames: set[str]) -> Span | None:
    """A person's name the tagger swallowed into the organisation before it ("Secretary of the Treasury
    Omar Castellanos" read as the organisation "the Treasury Omar Castellanos"): the entity's last two capitalised
    words, when the last one stands alone elsewhere in the article, untagged, as the subject of a reporting verb
    ("Castellanos said"): a speaker, so a person's surname. Else its last word alone when that is the surname of a
    person the article names ("with the BBC Capaldi" beside "Peter Capaldi")."""
    doc = ent.doc
    if len(ent) >= 3:
        first, last = ent[-2], ent[-1]
        # a plural ("the Springfield City Hawks") is a team or a body, not a surname
        if all(_capitalised_proper_word(t, common_words) for t in (first, last)) and any(
                t.text == last.text and not t.ent_type_ and t.dep_ == "nsubj" and is_speech_verb(t.head) for t in doc):
            return doc[first.i : last.i + 1]
    if len(ent) >= 2 and ent[-1].is_title and fold(ent[-1].text) in surnames and not ent[-2].is_lower \
            and not saint_possessive(ent) and fold(ent[-2].text).rstrip(".") not in SAINT_WORDS:
        return ent[-1:]  # not a saint's name ("St Brennan"), which is an institution's
    return None


def _capitalised_proper_word(tok: Token, common_words: set[str]) -> bool:
    """A singular proper noun, capitalised, that the article never writes in lower case."""
    return tok.tag_ == "NNP" and tok.is_title and tok.is_alpha and tok.lower_ not in common_words


def _people_joined(ent: Span, people: dict[str, Entity]) -> bool:
    """An 'organisation' that is people of the article joined by 'and' ("Lam and Ruiz said")."""
    names = [t for t in ent if not (t.is_punct or t.lower_ in ("and", "&"))]
    return len(names) < len(ent) and all(fold(t.text) in people for t in names)


def _person_like(ent: Span, surnames: set[str]) -> bool:
    """An entity tagged as an organisation that the article shows is a person: a name after an honorific, a
    capitalised name whose surname a person of the article bears ("Dana Page" beside "Page"), whose role is a
    gendered noun ("Dana Page, a woman who…"), or that opens with a common first name and is given a role that is
    no organisation noun ("the restaurant's manager, Celine Rousse") or is a subject its clause refers back to by a
    pronoun of that name's gender."""
    words = name_words(list(ent))
    if words and all(w.is_title for w in words) and honorific_of(ent) and len(words) == len(ent) - (
            ent[0].lower_.rstrip(".") in HONORIFICS):
        return True  # "Dr Alice Fenwick", "Ms Fenwick": an honorific is given to people only
    if len(words) < 2 or not all(w.is_title for w in words) or len(words) != len(ent):
        return False
    if surname_of([w.text for w in words]) in surnames:
        return True
    roles = roles_of(ent)
    if any(w in GENDER_WORDS for role in roles for w in role.split()):
        return True
    # "the restaurant's manager, Celine Rousse": a common first name given a role that is no body's
    gender = gender_of_first_name(words[0].text)
    if gender and any(r.split()[-1] not in ORGANISATION_NOUNS for r in roles):
        return True
    body_words = any(w.lower_ in ORGANISATION_NOUNS or _organisation_noun(w.lower_) for w in words)
    if gender and _source_of_speech(ent) and not body_words:
        return True  # "according to Ramona Kettering": a first name given the words of a report
    return _referred_back_by_gender(ent)


def _source_of_speech(ent: Span) -> bool:
    """A name in a speaker's place: the subject of a reporting verb or the source of "according to"."""
    root = ent.root
    return (root.dep_ == "nsubj" and is_speech_verb(root.head)) or (
        root.dep_ == "pobj" and root.head.lower_ == "to" and is_according_to(root.head.head))


def _organisation_named(ent: Span) -> bool:
    """ "Alvora Airlines" tagged as a person: a name ending in the plural of an organisation noun, with no common
    first name before it (Tony Banks is a person), names a body."""
    words = name_words(list(ent))
    if not words:
        return False
    return _organisation_noun(words[-1].lower_) and not gender_of_first_name(words[0].text)


def _organisation_noun(word: str) -> bool:
    """Whether a lower-case word is the regular plural of an organisation noun ("airlines", "associations")."""
    return bool(singulars(word) & ORGANISATION_NOUNS)


def _also_tagged_org(ent: Span, tagged_org: set[str]) -> bool:
    """ "Severnmoor Water" tagged as a person here and as an organisation elsewhere in the article: a name of two or
    more words with no common first name, read as a body somewhere, is a body (a person's name opens with one)."""
    words = name_words(list(ent))
    return len(words) >= 2 and org_key(ent.text) in tagged_org and not gender_of_first_name(words[0].text)


def _referred_back_by_gender(name: Span) -> bool:
    """ "Hanne Vestergaard had just sat down with her coffee": a name opening with a common first name, the subject
    of its clause, that the clause refers back to by a pronoun of that first name's gender, is a person's."""
    gender = gender_of_first_name(name[0].text)
    root = name.root
    return bool(gender) and root.dep_ == "nsubj" and any(
        PERSON_PRONOUNS.get(t.lower_) == gender for t in root.head.subtree if t.i >= name.end)


def _join_saint_names(entities: ArticleEntities) -> None:
    """ "St Brennan's said" after "St Brennan's Royal Infirmary": the short form is the institution in full."""
    orgs = entities.orgs
    for key, org in list(orgs.items()):
        if key.split()[0] not in SAINT_WORDS:
            continue
        longer = [o for k, o in orgs.items() if k.startswith(key + " ")]
        if len(longer) == 1:  # find_org finds the short form inside the long one
            del orgs[key]
            longer[0].mentions += org.mentions
            for i, named in list(entities.org_at.items()):
                if named is org:
                    entities.org_at[i] = longer[0]
