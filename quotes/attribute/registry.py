"""Speaker registry: a story's known speakers (id, display name, aliases, roles) loaded from TOML.

The attributor asks it to canonicalise a mention ("Jon Smyth", "Ireland's Finance Minister",
"the ministry") into a stable speaker id. Story facts live in the data file, never in code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from quotes.lexicon import ORG_NAME_WORDS

#: Two spellings of one name are the same name from this rapidfuzz ratio up: one letter added, dropped or changed
#: in a name of six letters or more (Hofmann/Hoffmann 93; "Sergei X"/"Sergey X" 92 as full names), no more
#: (Smith/Smyth 80). The one spelling tolerance of the registry, the article's entities and the story's speakers.
SAME_NAME_RATIO = 85

_LEADING_DETERMINERS = re.compile(r"^(?:the|a|an)\s+")
_NON_WORD = re.compile(r"[^\w@]+")


def normalize_mention(text: str) -> str:
    """Fold case, accents, apostrophes, possessive 's and hyphens so spellings of a name compare equal."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[’'´`]s\b", "", text.casefold())
    text = _NON_WORD.sub(" ", text).strip()
    return _LEADING_DETERMINERS.sub("", text)


@dataclass(frozen=True)
class Speaker:
    """One registry entry."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    @property
    def is_person(self) -> bool:
        """A person has a multi-word name with capitalised parts (not an organisation or a country)."""
        parts = self.name.split()
        return 1 < len(parts) <= 4 and all(p[:1].isupper() for p in parts) and not any(
            p.casefold() in ORG_NAME_WORDS for p in parts
        )


@dataclass
class Registry:
    """The speakers of one story, indexed by their normalised names, aliases and roles."""

    speakers: list[Speaker] = field(default_factory=list)
    _names: dict[str, Speaker] = field(default_factory=dict, repr=False)
    _roles: dict[str, Speaker] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for speaker in self.speakers:
            for name in (speaker.name, *speaker.aliases):
                self._names.setdefault(normalize_mention(name), speaker)
            for role in speaker.roles:
                self._roles.setdefault(normalize_mention(role), speaker)

    def __len__(self) -> int:
        return len(self.speakers)

    def get(self, speaker_id: str) -> Speaker | None:
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def match(self, mention: str) -> Speaker | None:
        """The speaker a mention names: exact name/alias/role, then a contained one, then a close spelling."""
        key = normalize_mention(mention)
        if not key:
            return None
        exact = self._names.get(key) or self._roles.get(key)
        if exact:
            return exact
        padded = f" {key} "
        for table in (self._names, self._roles):
            contained = [(len(k), s) for k, s in table.items() if f" {k} " in padded]
            if contained:
                return max(contained, key=lambda pair: pair[0])[1]
        return self._close_spelling(key)

    def _close_spelling(self, key: str) -> Speaker | None:
        """Transliteration variants (Sergei/Sergey): same surname and a near-identical full name."""
        words = key.split()
        if len(words) < 2:
            return None
        for name, speaker in self._names.items():
            name_words = name.split()
            if len(name_words) >= 2 and name_words[-1] == words[-1] and fuzz.ratio(name, " ".join(words[-len(name_words):])) >= SAME_NAME_RATIO:
                return speaker
        return None


def load_registry(path: str | Path | None) -> Registry:
    """Read a TOML registry (``[[speaker]]`` tables with id, name, aliases, roles); None gives an empty one."""
    if path is None:
        return Registry()
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    speakers = [
        Speaker(
            id=str(entry["id"]),
            name=str(entry.get("name", entry["id"])),
            aliases=tuple(entry.get("aliases", ())),
            roles=tuple(entry.get("roles", ())),
        )
        for entry in data.get("speaker", [])
    ]
    return Registry(speakers)
