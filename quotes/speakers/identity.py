"""Speaker stage: one identity per speaker across all articles of a run (between attribute and reconcile).

The attributor names speakers article by article, so one person comes out as "Dana Whitfield" in one
outlet, "Whitfield" in another and "the president" in a third. This stage builds the story's name graph
from the quotes table and the registry alone: full names are anchors; shorter forms (surname, first
name, initials), misspellings, roles and descriptions are keys pointing to anchors. A key is resolved
only when it points to exactly one anchor (first in the story, else among the speakers of its own
article); an ambiguous key never merges. Registry entries are anchors too and keep their id and name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pandas as pd
import snowballstemmer
from rapidfuzz import fuzz, process

from quotes.attribute.registry import SAME_NAME_RATIO, Registry, Speaker, normalize_mention
from quotes.attribute.speaker import slugify
from quotes.attribute.first_names import gender_of_first_name
from quotes.attribute.speaker_words import BUSINESS_NOUNS, GENDER_WORDS, MAIN_ORGANISATION_NOUNS, ORGANISATION_NOUNS
from quotes.lexicon import TITLE_WORDS
from quotes.schema import SPEAKER_COLUMNS
from quotes.speakers.names import (
    POSSESSIVE, PRONOUNS, NameForm, composite_pieces, is_capitalised, name_form, norm_part, parse_name,
    same_person, strip_known_suffix_names,
)

#: Kinship nouns name someone's relative ("his wife"), not the speaker the article calls so.
KINSHIP = frozenset("wife husband son daughter mother father brother sister parent child children widow widower "
                    "grandson granddaughter grandmother grandfather nephew niece uncle aunt cousin".split())
#: Nouns for a body of people or a place ("police said", "the city said"): never one person's role,
#: though a person's title may hold them ("police chief", "city attorney").
GROUP_NOUNS = frozenset("police staff public press media crowd audience military people personnel family jury "
                        "city state county town country nation village region".split())
#: Number words: a description holding a number ("74 percent", "the 55-year-old") is a quantity or an age, no role.
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                         "twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million percent".split())

#: An all-capital word of two to four letters is an acronym ("CTO", "EU"): a title or an organisation, no surname.
_ACRONYM = re.compile(r"^[A-Z]{2,4}$")
#: An organisation's short form by initials ("MOA", "URTW", "NAACP"): two to six capitals, the longest seen in the
#: development stories' and PolNeAR's speaker names being five.
_INITIALS = re.compile(r"^[A-Z]{2,6}$")

_STEMMER = snowballstemmer.stemmer("english")


@dataclass
class SpeakerRecord:
    """One speaker as one article names it: the unit of resolution."""

    article: str
    speaker_id: str
    speaker: str
    form: NameForm
    kind: str = ""
    n_quotes: int = 0
    mentions: Counter = field(default_factory=Counter)
    roles: set[str] = field(default_factory=set)


@dataclass
class SpeakerGroup:
    """One story-level speaker: the records resolved to it and, for a registry speaker, its entry."""

    records: list[SpeakerRecord] = field(default_factory=list)
    registry: Speaker | None = None
    forms: list[NameForm] = field(default_factory=list)  # anchor forms (registry name and aliases, full names)
    anchor: bool = True                                    # False: an ambiguous form, never a merge target
    id: str = ""
    name: str = ""

    @property
    def articles(self) -> set[str]:
        return {r.article for r in self.records}

    @property
    def n_quotes(self) -> int:
        return sum(r.n_quotes for r in self.records)


@dataclass
class UnifiedSpeakers:
    """The stage's output: the quotes table with story-level speaker ids and names, and speakers.csv."""

    quotes: pd.DataFrame
    speakers: pd.DataFrame


# ------------------------------------------------------------------ roles


def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def _role_keys(record: SpeakerRecord) -> set[str]:
    """Stems of the record's role words, and of adjacent-word compounds written open or closed
    ("show runner" / "showrunner"), so a description matches the role however it is spelled."""
    words = {w for role in record.roles for w in re.split(r"[\s;\-]+", role.lower()) if w.isalpha()}
    words |= {d for d in record.form.descriptors if d.isalpha()}
    words |= {w.lower() for w in _mention_descriptors(record) if w.isalpha()}
    keys = {_stem(w) for w in words if len(w) >= 3}
    keys.update(_stem(a + b) for a in words for b in words if a != b)  # the roles of one article's speaker are few
    return keys


def _mention_descriptors(record: SpeakerRecord) -> list[str]:
    """Words written before the speaker's name in its mentions ("Acme CTO" in "Acme CTO Ken Ruiz")."""
    name = record.speaker.strip()
    found = []
    for mention in record.mentions:
        text = re.sub(r"\s+", " ", mention).strip()
        if name and len(text) > len(name) and text.lower().endswith(" " + name.lower()):
            found += [POSSESSIVE.sub("", w) for w in text[: -len(name)].split()]
    return found


def is_quantity(words: list[str]) -> bool:
    """A description that counts or measures ("74 percent", "the 55-year-old"): never a role."""
    return any(any(ch.isdigit() for ch in w) or w.lower() in NUMBER_WORDS for w in words)


def _is_plural(word: str) -> bool:
    """A plural head ("experts", "officials") names a group, never one person or organisation."""
    w = word.lower()
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is"))


def _honorific_gender(record: SpeakerRecord) -> str:
    """'f' or 'm' where the record's mentions open on a gendered honorific ("Mr. Obama", "Mrs Page"), else ''."""
    found = {GENDER_WORDS.get(m.split()[0].lower().rstrip("."), "") for m in record.mentions if len(m.split()) > 1}
    found.discard("")
    return found.pop() if len(found) == 1 else ""


def common_words(records: list[SpeakerRecord]) -> set[str]:
    """Words the story writes in lower case in speaker names and mentions: common nouns, never name parts."""
    return {w for r in records for text in (r.speaker, *r.mentions) for w in text.split() if w.islower()}


def role_words(records: list[SpeakerRecord]) -> set[str]:
    """The words of the roles the story gives its speakers (roles are kept in lower case, names in them too)."""
    return {w for r in records for role in r.roles for w in role.lower().split()}


def without_descriptors(form: NameForm, common: set[str], roles: set[str]) -> NameForm:
    """A person-shaped form stripped of the words the story writes as common nouns elsewhere.

    "Producer Marsh" beside "executive producer Alan Marsh" is Marsh with a descriptor; one ending in an
    organisation noun is an organisation's name ("Regional Hospital"). A form that ends in
    such a noun or an acronym ("Acme CTO"), or in a title when all its words are roles of the story's speakers
    ("Foreign Minister" beside "foreign minister Ivan Petrov"), is a description, resolved through those roles.
    """
    if form.shape != "person":
        return form
    names = form.names
    if not names:
        return form
    last = names[-1]
    if last.lower() in ORGANISATION_NOUNS:  # "Regional Hospital", "Harbour Authority": an organisation's name
        return NameForm(form.text, form.parts, "organization", form.descriptors)
    shouting = all(p.isupper() for p in names)  # "JOHN SMITH" in a transcript is a name in capitals
    a_role = norm_part(last) in TITLE_WORDS and all(p.lower() in roles for p in names)
    if last.lower() in common or a_role or (_ACRONYM.match(last) and not shouting):
        return NameForm(form.text, form.parts, "description", form.descriptors)
    parts, descriptors = list(form.parts), list(form.descriptors)
    while len(parts) > 1 and parts[0].lower() in common:
        descriptors.append(parts.pop(0).lower())
    return form if len(parts) == len(form.parts) else name_form(parts, tuple(descriptors))


# ------------------------------------------------------------------ the story's name graph


class _NameGraph:
    """Anchors and the keys pointing to them; resolves each record to exactly one group or to its own."""

    def __init__(self, registry: Registry) -> None:
        self.groups: list[SpeakerGroup] = []
        self.by_registry_id: dict[str, SpeakerGroup] = {}
        self.by_key: dict[str, SpeakerGroup] = {}  # fallback groups of unresolved forms, by normalised text
        self.by_members: dict[frozenset[int], SpeakerGroup] = {}  # groups of speakers named together, by their members
        self.surnames: dict[str, list[SpeakerGroup]] = defaultdict(list)  # surname -> anchors with that surname
        self.first_names: dict[str, list[SpeakerGroup]] = defaultdict(list)
        self.by_initial: dict[str, list[str]] = defaultdict(list)  # first letter -> surnames (for misspellings)
        self._organisations: list[SpeakerGroup] | None = None
        self.common_nouns: set[str] = set()  # words the story writes in lower case in speaker names and mentions
        self.registry = registry
        for speaker in registry.speakers:
            group = self._new(SpeakerGroup(registry=speaker))
            self.by_registry_id[speaker.id] = group
            for text in (speaker.name, *speaker.aliases):
                self._add_form(group, parse_name(text))

    def _new(self, group: SpeakerGroup) -> SpeakerGroup:
        self.groups.append(group)
        return group

    def _add_form(self, group: SpeakerGroup, form: NameForm) -> None:
        group.forms.append(form)
        if form.shape == "person":
            if form.surname not in self.surnames:
                self.by_initial[form.surname[:1]].append(form.surname)
            for index, key in ((self.surnames, form.surname), (self.first_names, form.first)):
                if all(g is not group for g in index[key]):
                    index[key].append(group)

    def _surname_groups(self, surname: str) -> list[SpeakerGroup]:
        """Anchors whose surname is this one or a misspelling of it (same first letter: cheap to search)."""
        groups = list(self.surnames.get(surname, []))
        if len(surname) >= 4:
            for other, _, _ in process.extract(surname, self.by_initial.get(surname[:1], []), scorer=fuzz.ratio,
                                               score_cutoff=SAME_NAME_RATIO, limit=None):
                if other != surname and len(other) >= 4:
                    groups += [g for g in self.surnames[other] if all(g is not h for h in groups)]
        return groups

    def _narrow(self, candidates: list[SpeakerGroup], article: str) -> SpeakerGroup | None:
        """The one candidate, else the one candidate among the speakers of the record's own article."""
        unique = list({id(g): g for g in candidates}.values())
        if len(unique) == 1:
            return unique[0]
        local = [g for g in unique if article in g.articles]
        return local[0] if len(local) == 1 else None

    def _fallback(self, record: SpeakerRecord, anchor: bool = True) -> SpeakerGroup:
        """The record's own group (shared by every record written the same way)."""
        key = record.form.key or normalize_mention(record.speaker)
        group = self.by_key.get(key)
        if group is None:
            group = self.by_key[key] = self._new(SpeakerGroup(anchor=anchor))
            if anchor and record.form.shape == "person":
                self._add_form(group, record.form)
        return group

    def join(self, group: SpeakerGroup, record: SpeakerRecord) -> None:
        group.records.append(record)
        if group.anchor and record.form.shape == "person" and all(f.key != record.form.key for f in group.forms):
            self._add_form(group, record.form)

    # --- one resolver per shape

    def by_registry(self, record: SpeakerRecord) -> SpeakerGroup | None:
        """Registry entries win: the record's id is a registry id, or the registry names its (cleaned) name."""
        if record.speaker_id in self.by_registry_id:
            return self.by_registry_id[record.speaker_id]
        if not len(self.registry) or record.form.shape in ("composite", "relation", "empty"):
            return None
        speaker = self.registry.match(record.form.text)
        return self.by_registry_id.get(speaker.id) if speaker else None

    def person(self, record: SpeakerRecord) -> SpeakerGroup:
        """A full name joins the one anchor it can be a form of; none: a new anchor; several: stays apart."""
        candidates = self._person_candidates(record.form)
        if not candidates:
            return self._fallback(record)
        found = self._narrow(candidates, record.article)
        return found if found is not None else self._fallback(record, anchor=False)

    def _person_candidates(self, form: NameForm) -> list[SpeakerGroup]:
        """The anchors a person's name form can be a (shorter or misspelt) form of."""
        return [g for g in self._surname_groups(form.surname) if g.anchor and any(same_person(form, f) for f in g.forms)]

    def single(self, record: SpeakerRecord, role_index: dict[str, list[SpeakerGroup]]) -> SpeakerGroup:
        """One word: a surname, else a first name, else a misspelt surname, else a role ("Showrunner")."""
        key = norm_part(record.form.text)
        misspelt = self._surname_groups(key)
        # a first name alone is how an article refers back to someone it named in full, seldom how an outlet
        # first names a speaker: it resolves only to a speaker quoted in the same article
        first = [g for g in self.first_names.get(key, []) if record.article in g.articles] if len(key) > 1 else []
        gender = _honorific_gender(record)
        for candidates in (self.surnames.get(key, []), first, misspelt):
            # "Mr. Obama" is not the story's Michelle Obama: a first name whose gender the honorific contradicts
            candidates = [g for g in candidates if g.anchor and not (gender and any(
                gender_of_first_name(f.first) not in ("", gender) for f in g.forms if f.shape == "person"))]
            if candidates:
                found = self._narrow(candidates, record.article)
                return found if found is not None else self._fallback(record, anchor=False)
        spelt_out = self._spelt_out(record)
        if spelt_out is not None:
            return spelt_out
        # a capitalised word is a common noun ("Showrunner" opening a sentence) only if the story also writes it
        # in lower case; otherwise it is a name of its own ("Korea", "Contoso")
        if record.form.key in self.by_key or record.kind == "organization" or record.form.text.lower() not in self.common_nouns:
            return self._fallback(record)
        return self.description(record, role_index)

    def _spelt_out(self, record: SpeakerRecord) -> SpeakerGroup | None:
        """An acronym's one named organisation: "MOA" after "the Match Officials Association" in the story.

        The initials are those of the name's capitalised words ("of", "and", "the" are skipped, as acronyms do);
        two organisations with the same initials leave it unresolved.
        """
        text = record.form.text
        if not _INITIALS.match(text):
            return None
        found = [g for g in self.groups if g.anchor and g.records and _group_kind(g) == "organization"
                 and any(_initials(r.speaker) == text for r in g.records)]
        return self._narrow(found, record.article) if found else None

    def description(self, record: SpeakerRecord, role_index: dict[str, list[SpeakerGroup]]) -> SpeakerGroup:
        """A description: the one speaker whose roles say so, else (for an organisation noun) the
        organisation the story is about; otherwise it stays a speaker of its own."""
        words = record.form.text.split()
        owned = [k for k, w in enumerate(words) if POSSESSIVE.search(w)]
        if owned and not self._names_another([POSSESSIVE.sub("", w) for w in words[: owned[-1] + 1]]):
            # "Keltara's interior minister": a place's or a body's office, which the roles of its holder say;
            # a speaker's ("Page's agent") is a relation of that speaker, not a description of the one quoted
            words = words[owned[-1] + 1 :]
        head = words[-1] if words else ""
        if not head or _is_plural(head) or any(POSSESSIVE.search(w) for w in words):
            return self._fallback(record)
        if is_quantity(words) or head.lower() in KINSHIP | GROUP_NOUNS:
            return self._fallback(record)
        if self._names_another(words[:-1]) and head.lower() not in MAIN_ORGANISATION_NOUNS:
            return self._fallback(record)  # "the Whitfield campaign": a relation of the name, not its bearer
        names_organisation = head.lower() in MAIN_ORGANISATION_NOUNS  # "the company" is no person, "the showrunner" no company
        # a body ("the board", "the council") is no person either, though a person's title holds it ("board chair"):
        # it joins only an organisation given that role, else stays a speaker of its own
        a_body = names_organisation or head.lower() in ORGANISATION_NOUNS or record.kind == "organization"
        candidates = {id(g): g for g in role_index.get(_stem(head), [])
                      if (_group_kind(g) == "organization") == a_body}
        if a_body:  # an organisation the story ties the description to, else (a company) the one it is about
            if len(candidates) == 1:
                return next(iter(candidates.values()))
            found = None if candidates or self._names_another(words[:-1]) or not names_organisation \
                else self._dominant_organisation()
            if found is not None and _fits_organisation(words, found):
                return found
        else:  # roles are one article's reading of the text: a person described so and quoted in the same article,
            # or the story's only speaker every word of a qualified description is a role of ("Acme CTO")
            local = [g for g in candidates.values() if record.article in g.articles]
            if len(local) == 1:
                return local[0]
            stems = {_stem(w) for w in words}
            qualified = [g for g in candidates.values()
                         if len(stems) > 1 and all(any(g is h for h in role_index.get(k, [])) for k in stems)]
            if len(qualified) == 1:
                return qualified[0]
        return self._fallback(record)

    def find(self, form: NameForm, article: str) -> SpeakerGroup | None:
        """The one anchor a person's name or a surname is a form of, without making a new one."""
        if form.shape == "person":
            candidates = self._person_candidates(form)
        elif form.shape == "single":
            candidates = [g for g in self._surname_groups(norm_part(form.text)) if g.anchor]
        else:
            return None
        return self._narrow(candidates, article) if candidates else None

    def composite(self, record: SpeakerRecord) -> SpeakerGroup:
        """Several speakers named together ("Ken Ruiz and Dana Voss", "Voss and Ruiz") are one group whatever
        the order or form of the names; a name among commas ("Writing in a blog, Ken Ruiz, director of X") is that
        person when it is the only name there."""
        texts, several = composite_pieces(record.form.text)
        found = [self.find(f, record.article) for f in map(parse_name, texts) if f.shape in ("person", "single")]
        if not several:
            people = [g for g in found if g is not None]
            return people[0] if len(found) == 1 and people else self._fallback(record)
        if len(found) < 2 or any(g is None for g in found) or len({id(g) for g in found}) < len(found):
            return self._fallback(record)
        key = frozenset(id(g) for g in found)
        group = self.by_members.get(key)
        if group is None:
            group = self.by_members[key] = self._new(SpeakerGroup(anchor=False))
        return group

    def _names_another(self, modifiers: list[str]) -> bool:
        """A description qualified by a speaker's name ("Whitfield administration") is about that speaker, not an organisation."""
        keys = {normalize_mention(m) for m in modifiers if is_capitalised(m)}
        return any(k in self.surnames or k in self.by_key for k in keys)

    def _dominant_organisation(self) -> SpeakerGroup | None:
        """The story's only named organisation speaker, or the one quoted more than all the others together
        (a strict majority: the organisation the story is about). Not the article's only one: an article
        quoting one company may still speak of another ("the US software giant" beside a rival's analyst)."""
        if self._organisations is None:  # named speakers are all resolved before descriptions are
            self._organisations = [g for g in self.groups if g.anchor and g.records and _group_kind(g) == "organization"]
        counts = sorted(((g.n_quotes, i) for i, g in enumerate(self._organisations)), reverse=True)
        if counts and counts[0][0] > sum(n for n, _ in counts[1:]):
            return self._organisations[counts[0][1]]
        return None


def _fits_organisation(words: list[str], group: SpeakerGroup) -> bool:
    """A description can stand for this organisation: a business noun fits any company ("the software giant"),
    another body's noun ("the ministry", "the interior ministry") only one whose names and roles hold the noun and
    every word qualifying it (a ministry is not the charity the story is about)."""
    known = {_stem(w) for text in [group.name, *(r.speaker for r in group.records), *(role for r in group.records
                                                                                      for role in r.roles)]
             for w in re.findall(r"[^\W\d_]+", text)}
    head, qualifiers = words[-1].lower(), [w for w in words[:-1] if w.lower() not in ("the", "a", "an", "its", "their")]
    if head in BUSINESS_NOUNS:
        return True
    return _stem(head) in known and all(_stem(w) in known for w in qualifiers)


def _initials(name: str) -> str:
    """The capitals an acronym of this name would have ("Union of Rail and Transit Workers" -> "URTW"); "" for one word."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’]*", name) if is_capitalised(w)]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""


def _group_kind(group: SpeakerGroup) -> str:
    """The kind most of a group's named records give it (person / organization / '')."""
    kinds = Counter(r.kind for r in group.records if r.form.shape in ("single", "organization", "person") and r.kind)
    return kinds.most_common(1)[0][0] if kinds else ""


def _records(quotes: pd.DataFrame) -> list[SpeakerRecord]:
    """One record per (article, speaker id, speaker name) of the quotes table, with its mentions and roles."""
    records: dict[tuple[str, str, str], SpeakerRecord] = {}
    columns = [quotes[c].fillna("").astype(str) if c in quotes else pd.Series("", index=quotes.index)
               for c in ("article", "speaker_id", "speaker", "speaker_kind", "mention", "roles")]
    for article, speaker_id, speaker, kind, mention, roles in zip(*columns):
        if not speaker_id and not speaker:
            continue
        key = (article, speaker_id, speaker)
        record = records.get(key)
        if record is None:
            record = records[key] = SpeakerRecord(article, speaker_id, speaker, NameForm("", (), "empty"), kind)
        record.n_quotes += 1
        if mention:
            record.mentions[mention] += 1
        record.roles.update(r for r in roles.split(";") if r)
        if kind and not record.kind:
            record.kind = kind
    out = list(records.values())
    parsed: dict[tuple[str, frozenset], NameForm] = {}  # many articles write a name the same way
    forms = {}
    for r in out:
        text, roles = r.speaker or r.speaker_id, frozenset(r.roles)
        if (text, roles) not in parsed:
            parsed[(text, roles)] = parse_name(text, roles)
        forms[(r.article, r.speaker_id, r.speaker)] = parsed[(text, roles)]
    forms = strip_known_suffix_names(forms)
    for record in out:
        record.form = forms[(record.article, record.speaker_id, record.speaker)]
    return out


def _resolve(records: list[SpeakerRecord], registry: Registry) -> list[SpeakerGroup]:
    """Resolve every record to a group: registry, then full names (fullest first), one-word names, the rest."""
    graph = _NameGraph(registry)
    graph.common_nouns = common_words(records)
    roles = role_words(records)
    for record in records:
        record.form = without_descriptors(record.form, graph.common_nouns, roles)
    pending: list[SpeakerRecord] = []
    for record in records:
        group = graph.by_registry(record)
        if group is not None:
            graph.join(group, record)
        else:
            pending.append(record)
    people = sorted((r for r in pending if r.form.shape == "person"),
                    key=lambda r: (-len(r.form.parts), -r.n_quotes, r.form.text, r.article))
    for record in people:
        graph.join(graph.person(record), record)
    for record in (r for r in pending if r.form.shape == "organization"):
        graph.join(graph._fallback(record), record)
    role_index = _role_index(graph)
    singles = sorted((r for r in pending if r.form.shape == "single"), key=lambda r: (-r.n_quotes, r.form.text, r.article))
    for record in singles:
        graph.join(graph.single(record, role_index), record)
    for record in (r for r in pending if r.form.shape not in ("person", "organization", "single")):
        if record.form.shape == "description":
            group = graph.description(record, role_index)
        elif record.form.shape == "composite":
            group = graph.composite(record)
        else:
            group = graph._fallback(record)
        graph.join(group, record)
    return [g for g in graph.groups if g.records]


def _role_index(graph: _NameGraph) -> dict[str, list[SpeakerGroup]]:
    """Role stem -> the named speakers the story gives that role (ambiguity is kept: a list)."""
    index: dict[str, list[SpeakerGroup]] = defaultdict(list)
    for group in graph.groups:
        if not group.anchor or not group.records:
            continue
        for key in set().union(*(_role_keys(r) for r in group.records)):
            index[key].append(group)
    return index


def _name_groups(groups: list[SpeakerGroup]) -> None:
    """Canonical name (registry name, else the fullest form seen) and id (registry id, else its slug; unique)."""
    taken: set[str] = set()
    for group in sorted(groups, key=lambda g: g.registry is None):
        if group.registry is not None:
            group.name, group.id = group.registry.name, group.registry.id
        else:
            forms = Counter()
            for record in group.records:
                forms[record.form.text or record.speaker] += record.n_quotes
            named = [r.form for r in group.records if r.form.shape in ("person", "single", "organization")]
            pool = {f.text for f in named} or set(forms)
            group.name = max(pool, key=lambda t: (len(t.split()), forms[t], t))
            group.id = slugify(group.name) or next(r.speaker_id for r in group.records)
            initials = _initials(group.name)
            if initials and initials in forms:  # the story also calls it by its initials: both, as the press writes
                group.name = f"{group.name} ({initials})"
        base, n = group.id, 2
        while group.id in taken:
            group.id, n = f"{base}-{n}", n + 1
        taken.add(group.id)


def _speaker_rows(groups: list[SpeakerGroup]) -> pd.DataFrame:
    """speakers.csv: one row per speaker, its written forms, roles, and how much it is quoted."""
    rows = []
    for group in groups:
        variants: Counter = Counter()
        roles: set[str] = set()
        for record in group.records:
            variants[record.speaker] += record.n_quotes
            for mention, n in record.mentions.items():
                if mention.strip().lower() not in PRONOUNS:
                    variants[re.sub(r"\s+", " ", mention).strip()] += n
            roles.update(r.lower() for r in record.roles)
            if record.form.descriptors:
                roles.add(" ".join(record.form.descriptors))
            if record.form.shape == "description" or (record.form.shape == "single" and record.form.text.lower() not in
                                                       {norm_part(p) for f in group.forms for p in f.parts}):
                if normalize_mention(record.form.text) != normalize_mention(group.name) \
                        and f"({record.form.text})" not in group.name:  # "MOA" is a name of the body, no role
                    roles.add(record.form.text.lower())
        variants.pop("", None)
        rows.append({
            "speaker_id": group.id,
            "speaker": group.name,
            "variants": ";".join(v for v, _ in sorted(variants.items(), key=lambda kv: (-kv[1], kv[0]))),
            "roles": ";".join(sorted(r for r in roles if r)),
            "n_quotes": group.n_quotes,
            "n_articles": len(group.articles),
        })
    table = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    return table.sort_values(["n_quotes", "speaker_id"], ascending=[False, True], kind="stable").reset_index(drop=True)


def unify_speakers(quotes: pd.DataFrame, registry: Registry | None = None) -> UnifiedSpeakers:
    """Give every speaker one id and name across all articles of the run; build speakers.csv."""
    registry = registry or Registry()
    if quotes.empty:
        return UnifiedSpeakers(quotes.copy(), pd.DataFrame(columns=SPEAKER_COLUMNS))
    groups = _resolve(_records(quotes), registry)
    _name_groups(groups)
    target = {(r.article, r.speaker_id, r.speaker): (g.id, g.name) for g in groups for r in g.records}
    out = quotes.copy()
    keys = zip(*(out[c].fillna("").astype(str) for c in ("article", "speaker_id", "speaker")))
    resolved = [target.get(key, (key[1], key[2])) for key in keys]
    out["speaker_id"] = [sid for sid, _ in resolved]
    out["speaker"] = [name for _, name in resolved]
    return UnifiedSpeakers(out, _speaker_rows(groups))


# ------------------------------------------------------------------ registry draft
