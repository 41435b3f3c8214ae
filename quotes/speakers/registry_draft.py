"""Draft a speaker registry (the bundled TOML format) from a run's speakers, for a journalist to edit.

`quotes speakers` writes it; `quotes run --speakers` reads it back (quotes.attribute.registry.load_registry).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

import pandas as pd

from quotes.attribute.registry import Registry, normalize_mention
from quotes.speakers.identity import is_quantity
from quotes.lexicon import HONORIFICS_WITH_PEERAGE
from quotes.speakers.names import parse_name


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _one_line(text: str) -> str:
    """Text safe inside a TOML comment: one line, no control characters."""
    return re.sub(r"[\x00-\x1f\x7f\s]+", " ", text).strip()


def _toml_array(items: Iterable[str]) -> str:
    return "[" + ", ".join(_toml_string(i) for i in items) + "]"


def registry_toml(speakers: pd.DataFrame, registry: Registry | None = None, *, n_articles: int = 0) -> str:
    """A registry draft in the bundled format: the given registry's entries (with the forms seen added)
    and one entry per named speaker; descriptions no speaker was found for are listed as comments."""
    registry = registry or Registry()
    lines = [
        f"# Speaker registry drafted by `quotes speakers` from {n_articles} article(s).",
        "# Check each entry: fix the name, move a wrong alias or role to the right speaker, merge or delete",
        "# entries; then pass the file back with `--speakers`. Registry ids are kept as they are.",
        "",
    ]
    rows = {row.speaker_id: row for row in speakers.itertuples(index=False)}
    seen: set[str] = set()
    unresolved: list[str] = []

    def entry(speaker_id: str, name: str, aliases: list[str], roles: list[str], note: str) -> None:
        aliases = [a for a in dict.fromkeys(aliases) if a and normalize_mention(a) != normalize_mention(name)]
        roles = list(dict.fromkeys(r for r in roles if r))
        lines.extend(["[[speaker]]", f"# {_one_line(note)}", f"id = {_toml_string(speaker_id)}", f"name = {_toml_string(name)}",
                      f"aliases = {_toml_array(aliases)}", f"roles = {_toml_array(roles)}", ""])

    def seen_forms(row) -> tuple[list[str], list[str]]:
        """Aliases (names without their descriptors) and roles (descriptions, and descriptors written before a name)."""
        names, descriptions = [], []
        roles = str(row.roles).split(";")
        for variant in (v for v in str(row.variants).split(";") if v):
            form = parse_name(variant, roles)
            if form.text.endswith(f" {row.speaker}"):  # "Finance Minister Maria Okafor": a title before the name
                form, prefix = parse_name(str(row.speaker)), variant[: -len(str(row.speaker))].strip().lower()
                if set(prefix.replace(".", "").split()) - HONORIFICS_WITH_PEERAGE:
                    descriptions.append(prefix)
            if form.shape == "single" and form.text.lower() in roles:  # "Showrunner" opening a sentence
                descriptions.append(form.text.lower())
            elif form.shape in ("person", "single", "organization"):
                names.append(form.text)
                if set(form.descriptors) - HONORIFICS_WITH_PEERAGE:
                    descriptions.append(" ".join(form.descriptors))
            elif form.shape == "description" and not is_quantity(form.parts):
                descriptions.append(form.text)
        return names, descriptions

    for speaker in registry.speakers:
        row = rows.get(speaker.id)
        names, descriptions = seen_forms(row) if row is not None else ([], [])
        note = f"{row.n_quotes} quotation(s) in {row.n_articles} article(s)" if row is not None else "not quoted in these articles"
        entry(speaker.id, speaker.name, [*speaker.aliases, *names], [*speaker.roles, *descriptions], note)
        seen.add(speaker.id)
    for row in speakers.itertuples(index=False):
        if row.speaker_id in seen:
            continue
        form = parse_name(str(row.speaker))
        if form.shape not in ("person", "single", "organization"):
            unresolved.append(f"#   {_one_line(str(row.speaker))} ({row.n_quotes} quotation(s))")
            continue
        names, descriptions = seen_forms(row)
        entry(row.speaker_id, str(row.speaker), names, descriptions,
              f"{row.n_quotes} quotation(s) in {row.n_articles} article(s); roles seen: {row.roles or '-'}")
    if unresolved:
        lines += ["# Descriptions no named speaker was found for (add one to a speaker's roles if it names them):",
                  *unresolved, ""]
    return "\n".join(lines)
