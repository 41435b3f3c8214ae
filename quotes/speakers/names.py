"""Speaker names as news write them: the name proper, the descriptors before it, and when two forms name one person.

"Interior Secretary Ken Ruiz" is Ken Ruiz with two descriptors; "J. Ruiz", "Ruiz" and
"Ken Ruis" can be forms of his name; "George W. Bush" and "George H. W. Bush" cannot be one man.
Used by the speaker stage (quotes.speakers.identity); English conventions only, no story's names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from quotes.attribute.registry import SAME_NAME_RATIO, Speaker, normalize_mention
from quotes.lexicon import NAME_PARTICLES, NAME_SUFFIXES, ORG_NAME_WORDS, TITLE_WORDS

#: A possessive ending, in any apostrophe news prints ("Page's", "Page’s").
POSSESSIVE = re.compile(r"[’'´`]s$")
#: A first name written as a prefix of the full one is a short form from this many letters (Ken/Kenneth,
#: Chris/Christopher), if it drops two letters or more: one more letter makes another name (Paul/Paula, Daniel/Daniela).
MIN_SHORT_FORM = 3
#: Transliterations of one first name differ in one letter (Sergei/Sergey, Dmitri/Dmitry, Julian/Julien): from
#: this length on, one letter changed in place is the same name (Mario/Maria or Ivan/Iwan, shorter, stay apart).
MIN_TRANSLITERATED = 6
#: Words that stand for a speaker without naming one: never a variant of a name.
PRONOUNS = frozenset("i me we us you he him she her it they them who whom which that this these those "
                     "one everyone someone all".split())

#: Prepositions that join a description to the name it relates to ("spokeswoman for X", "officials at X") or
#: the words of one organisation's name ("Bureau of Prisons", "Commission on Presidential Debates").
CONNECTORS = frozenset("of for on at from with to by".split())

_COMPOSITE = re.compile(r"\s(?:and|&|or)\s|,|/", re.I)
#: Words that join the names of several speakers ("Ruiz and Voss"), as opposed to commas around one name.
_JOINED = re.compile(r"\s(?:and|&|or)\s|/", re.I)
_INITIAL = re.compile(r"^[A-Z]\.?$|^(?:[A-Z]\.){2,}$")


@dataclass(frozen=True)
class NameForm:
    """A speaker's name as written, split into the name proper and the descriptors before it."""

    text: str                       # the cleaned name ("Ken Ruiz") or description ("software giant")
    parts: tuple[str, ...]          # its words
    shape: str                      # person | single | organization | description | relation | composite | empty
    descriptors: tuple[str, ...] = ()  # words stripped from before the name ("interior", "secretary")

    @cached_property
    def key(self) -> str:
        return normalize_mention(self.text)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Its words without generational suffixes ("Jr.", "II")."""
        return tuple(p for p in self.parts if norm_part(p) not in NAME_SUFFIXES)

    @cached_property
    def surname(self) -> str:
        return norm_part(self.names[-1]) if self.names else ""

    @cached_property
    def first(self) -> str:
        return norm_part(self.parts[0]) if self.parts else ""

    @cached_property
    def middles(self) -> tuple[str, ...]:
        return tuple(norm_part(p) for p in self.names[1:-1])

    @cached_property
    def suffix(self) -> str:
        return next((norm_part(p) for p in self.parts if norm_part(p) in NAME_SUFFIXES), "")


def norm_part(word: str) -> str:
    """A name part folded for comparison ("J." -> "j", "O'Neil" -> "o neil")."""
    return normalize_mention(word).replace(" ", "")


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"^[A-Z]?[a-z]{1,3}[A-Z]", word))  # McAfee, iDefense, DeShawn


def _is_name_part(word: str) -> bool:
    return (is_capitalised(word) and not any(ch.isdigit() for ch in word)) or word in NAME_PARTICLES


def parse_name(text: str, roles: Iterable[str] = ()) -> NameForm:
    """Split a speaker name into the name proper and the descriptors written before it.

    "Interior Secretary Ken Ruiz" -> Ken Ruiz (descriptors interior, secretary): titles (a closed
    class) and words the article gives as the speaker's roles are stripped from the front; lower-case
    words before the last capitalised run ("comedian", "the 55-year-old") are descriptors too.
    """
    text = re.sub(r"\s+", " ", text).strip(" ,;:—–-\"'“”")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    text = POSSESSIVE.sub("", text)
    if not text or text.lower() in PRONOUNS:
        return NameForm("", (), "empty")
    if _COMPOSITE.search(f" {text} "):
        return NameForm(text, tuple(text.split()), "composite")
    words = text.split()
    start = len(words)
    while start > 0 and _is_name_part(words[start - 1]):
        start -= 1
    while start < len(words) and words[start] in NAME_PARTICLES:  # a name does not start with "van"
        start += 1
    if start == len(words) or not is_capitalised(words[-1]):
        return NameForm(text, tuple(words), "description")
    joint = _connector_before(words, start)
    if joint is not None:
        # "Union of Concerned Scientists", "Commission on Presidential Debates": a capitalised run before the
        # connector makes one organisation's name; "a spokeswoman for Dana Whitfield", "officials at X": a
        # description before it is a relation of the name, not a title, and is the speaker
        head = joint
        while head > 0 and _is_name_part(words[head - 1]):
            head -= 1
            joined = _connector_before(words, head) if head > 0 else None
            if joined is not None and _is_name_part(words[joined - 1]):
                head = joined  # "Chamber of Commerce of Lisère": runs joined by connectors
        if head < joint:
            return name_form(words[head:], tuple(w.lower() for w in words[:head]), organisation=True)
        return NameForm(text, tuple(words), "relation")
    descriptors, name = words[:start], words[start:]
    role_words = {w.lower() for role in roles for w in role.split()}
    while len(name) > 1 and (norm_part(name[0]) in TITLE_WORDS or (len(name) > 2 and name[0].lower() in role_words)):
        descriptors.append(name.pop(0))
    descriptors = [d.lower().strip(".,") for d in descriptors if d.lower() not in ("the", "a", "an")]
    return name_form(name, tuple(d for d in descriptors if d))


def _connector_before(words: list[str], start: int) -> int | None:
    """The index of the connector just before ``words[start]``, with an article after it ("Office of the Health
    Data Commissioner"), None when there is none."""
    i = start - 1
    if i > 0 and words[i].lower() == "the":
        i -= 1
    return i if i >= 0 and words[i].lower() in CONNECTORS else None


def composite_pieces(text: str) -> tuple[list[str], bool]:
    """The pieces of a composite speaker name and whether they are several speakers ("Ruiz and Voss") rather
    than one name among commas ("Writing in a blog, Ken Ruiz, director of X")."""
    return [p.strip() for p in _COMPOSITE.split(f" {text} ") if p.strip()], bool(_JOINED.search(f" {text} "))


def name_form(name: list[str], descriptors: tuple[str, ...], organisation: bool = False) -> NameForm:
    """Classify a run of capitalised words: a person's name, one word, or an organisation's name."""
    text = " ".join(name)
    if organisation:
        return NameForm(text, tuple(name), "organization", descriptors)
    if len(name) == 1:
        return NameForm(text, (text,), "single", descriptors)
    real = [w for w in name if norm_part(w) not in NAME_SUFFIXES and not _INITIAL.match(w)]
    looks_personal = Speaker("", text).is_person or (len(name) <= 5 and len(real) >= 2)
    if looks_personal and not any(norm_part(w) in ORG_NAME_WORDS for w in name) and all(_is_name_part(w) for w in name):
        return NameForm(text, tuple(name), "person", descriptors)
    return NameForm(text, tuple(name), "organization", descriptors)


def same_part(a: str, b: str) -> bool:
    """Two spellings of one name part: equal, or close enough to be a misspelling."""
    return a == b or (min(len(a), len(b)) >= 4 and fuzz.ratio(a, b) >= SAME_NAME_RATIO)


def _first_names_agree(a: str, b: str) -> bool:
    """First names agree: same, transliterated, an initial, or a short form (Ken/Kenneth). Not any close
    spelling, as surnames: a letter added to a first name often makes another one (Daniel/Daniela)."""
    short, long = sorted((a, b), key=len)
    transliterated = len(a) == len(b) >= MIN_TRANSLITERATED and sum(x != y for x, y in zip(a, b)) == 1
    return (a == b or transliterated or (len(short) == 1 and long.startswith(short))
            or (len(short) >= MIN_SHORT_FORM and len(long) - len(short) > 1 and long.startswith(short)))


def same_person(form: NameForm, anchor: NameForm) -> bool:
    """Whether a person's name form can be a (shorter or misspelt) form of an anchor's full name."""
    if form.shape != "person" or anchor.shape != "person" or form.suffix != anchor.suffix:
        return False
    if not same_part(form.surname, anchor.surname) or not _first_names_agree(form.first, anchor.first):
        return False
    if not form.middles or not anchor.middles:  # middle names may be left out, all of them
        return True
    # or written out or as initials (John F. / John Fitzgerald), never some of them (George W. / George H. W.)
    return len(form.middles) == len(anchor.middles) and all(
        a == b or (min(len(a), len(b)) == 1 and a[0] == b[0]) for a, b in zip(form.middles, anchor.middles))


def strip_known_suffix_names(forms: dict[tuple, NameForm]) -> dict[tuple, NameForm]:
    """A long name ending with another full name of the story has a descriptor in front:
    "Network Boss Alan Marsh" beside "Alan Marsh" -> Alan Marsh (titles precede names)."""
    full = {f.key for f in forms.values() if f.shape == "person"}
    out = {}
    for key, form in forms.items():
        out[key] = form
        if form.shape in ("person", "organization") and len(form.parts) >= 3:
            for cut in range(1, len(form.parts) - 1):
                tail = name_form(list(form.parts[cut:]), ())
                if tail.shape == "person" and tail.key in full:
                    descriptors = form.descriptors + tuple(p.lower() for p in form.parts[:cut])
                    out[key] = NameForm(tail.text, tail.parts, "person", descriptors)
                    break
    return out
