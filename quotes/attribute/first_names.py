"""The gender a first name tells, from a name-frequency lexicon: news gives a name before any pronoun.

The article's pronouns and honorifics are the first evidence of a person's gender (``entities.py``); a first
name that the world's name records give almost always to one gender is the next, so that "she said" after
"Tomasz Bielak … Celine Rousse" goes to the woman. The table (``first_names.tsv``) is derived from the name
data of nomquamgender 0.1.4 (MIT licence, (c) 2022 Ian Van Buskirk; Van Buskirk, Clauset & Larremore 2023,
"An open-source cultural consensus approach to name-based gender classification") by ``python -m
quotes.attribute.first_names PATH/TO/name_data.json``.
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from importlib import resources

#: A name enters the table when at least this many of the lexicon's sources (countries, registers) record it and
#: they count at least this many bearers: rarer entries are mostly misparsed tokens ("said", markup) and surnames.
MIN_SOURCES, MIN_BEARERS = 5, 1000
#: ... and when the share of women among its bearers is at most LOW or at least 1 - LOW. The lexicon's own default
#: leaves (0.1, 0.9) unclassified; 0.05 keeps names common to both genders (Jordan 0.11, Dana 0.89, Jean 0.48) out,
#: since a wrong gender makes a pronoun skip the person it means.
LOW = 0.05
_NAME = re.compile(r"[a-z]+(?:-[a-z]+)?")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """first name (lower case, ASCII) -> 'f' or 'm'."""
    text = resources.files(__package__).joinpath("first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


def gender_of_first_name(first: str) -> str:
    """'f' or 'm' where almost all bearers of the first name are women or men, else ''."""
    return _table().get(first.casefold(), "")


def build(name_data: dict[str, list]) -> str:
    """The table's text from nomquamgender's name_data ({name: [sources, bearers, p(female), ...]})."""
    rows = sorted((name, "f" if value[2] >= 1 - LOW else "m") for name, value in name_data.items()
                  if _NAME.fullmatch(name) and value[0] >= MIN_SOURCES and value[1] >= MIN_BEARERS
                  and (value[2] <= LOW or value[2] >= 1 - LOW))
    header = ("# first name\tgender ('f': at least 95% of bearers women, 'm': at least 95% men); from nomquamgender "
              "0.1.4 name_data.json (MIT, (c) 2022 Ian Van Buskirk), see first_names.py\n")
    return header + "".join(f"{name}\t{gender}\n" for name, gender in rows)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as source:
        print(build(json.load(source)), end="")
