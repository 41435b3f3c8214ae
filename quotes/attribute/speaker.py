"""The speaker a mention resolves to, and how a phrase of the article is written as a speaker's name.

Shared by the modules of the attributor's resolution (quotes.attribute.resolve and the pronoun, role-noun,
document and continuation resolution it is made of): the output record, stable ids for speakers outside the
registry, cleaned phrases, and the small tests of a mention's tokens (an age, a plural, an indefinite
determiner) that all of them ask.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Token

from quotes.attribute.entities import Entity
from quotes.attribute.registry import Speaker
from quotes.attribute.speaker_words import INDEFINITE_DETERMINERS
from quotes.extract.marks import DOUBLE_MARKS

#: Entity labels a speaker's name may carry (people, bodies, places, things made, works).
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART")
PLACE_LABELS = ("GPE", "NORP", "LOC")  # nationality and place modifiers describe, they relate to no one


@dataclass
class ResolvedSpeaker:
    """A speaker as the output names it."""

    name: str
    id: str
    is_person: bool
    gender: str = ""           # "m" / "f" where the article tells, else ""
    kind: str = ""             # person | organization | document | group | '' (see schema.QUOTE_COLUMNS)
    roles: tuple[str, ...] = ()  # titles and descriptions the article gives the speaker
    entity: Entity | None = field(default=None, repr=False)


def slugify(name: str) -> str:
    """A stable ASCII id for a speaker not in the registry: 'Dennis Brooks' → 'dennis-brooks'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[’'´`]s\b", "", text)
    return re.sub(r"[^a-z0-9@]+", "-", text).strip("-")


def clean_name(text: str) -> str:
    """A phrase as a speaker name: no leading article, no trailing possessive or punctuation, no double quotation
    marks inside (a scare-quoted word of a description: 'so-called “experts”')."""
    text = re.sub(r"\s+", " ", re.sub(f"[{re.escape(DOUBLE_MARKS)}]", "", text)).strip(" ,;:―—–-'‘’")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return re.sub(r"\s*[’'´`]s$", "", text)


def phrase_name(tokens: list[Token]) -> str:
    """Tokens as written (their own spacing), without ages, determiners and the adverbs before them ("even the
    outside expert", "only the mayor": a focus word, never part of a name)."""
    focus = next((k for k, t in enumerate(tokens) if not (t.pos_ == "ADV" and t.dep_ == "advmod")), 0)
    if focus and tokens[focus].dep_ in ("det", "predet"):  # not the "so" of "so-called experts"
        tokens = tokens[focus:]
    kept = [t for t in tokens if not (t.dep_ in ("det", "predet") or is_age_token(t))]
    return clean_name("".join(t.text_with_ws for t in kept))


def is_age_token(tok: Token) -> bool:
    """A word of an age ("55-year-old", or "55", "year", "old" of "55 - year - old"): never part of a speaker's name."""
    return bool(re.match(r"^\d{1,3}-year-old$", tok.text)) or (
        tok.like_num and tok.i + 2 < len(tok.doc) and tok.nbor(1).text == "-" and tok.nbor(2).lower_ == "year"
    ) or (tok.lower_ in ("year", "old") and tok.i > 0 and tok.nbor(-1).text == "-")


def is_plural(tok: Token) -> bool:
    """A plural noun ("officials", "the Democrats"): a group, never one person."""
    return tok.tag_ in ("NNS", "NNPS")


def is_definite(head: Token) -> bool:
    """Not introduced as a new referent ("a spokesman", "another official")."""
    return not any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in head.children)


def from_registry(speaker: Speaker) -> ResolvedSpeaker:
    """The output speaker of a registry entry: its id and name, a person or an organisation."""
    kind = "person" if speaker.is_person else "organization"
    return ResolvedSpeaker(speaker.name, speaker.id, speaker.is_person, kind=kind)
