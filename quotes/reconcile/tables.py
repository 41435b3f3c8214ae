"""The reconciler's tables: statement ids derived from content, statements.csv rows and the outlet comparison."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from quotes import schema
from quotes.reconcile.features import Features
from quotes.reconcile.flags import FLAG_SPEAKER, best_speaker, text_flags

UNKNOWN = "unknown"
#: Hex digits of the content hash in a statement id: 8 (32 bits) make a collision within one speaker's
#: statements practically impossible, and a collision is resolved by a suffix anyway.
HASH_DIGITS = 8


@dataclass
class Reconciled:
    """The reconciler's tables: units with ``statement`` filled, statements, and the outlet comparison.

    ``compare`` (statements x outlets) is built on first access from the long ``wordings`` table
    (statement, column, wording), since it is huge for corpora of thousands of articles.
    """

    units: pd.DataFrame
    statements: pd.DataFrame
    wordings: pd.DataFrame

    @cached_property
    def compare(self) -> pd.DataFrame:
        """One row per statement, one column per outlet with its wording."""
        columns = list(dict.fromkeys(self.wordings["column"]))
        wide = self.wordings.pivot(index="statement", columns="column", values="wording").reindex(columns=columns)
        head = self.statements.set_index("statement")[["speaker", "text"]]
        table = head.join(wide.fillna("")).reset_index()
        return table[["statement", "speaker", "text", *columns]]


def canonical_member(members: list[int], feats: Features, articles: list[str]) -> int:
    """The fullest direct wording, else the fullest partial, else the fullest indirect one (ties: article, text)."""
    rank = {"direct": 0, "block": 0, "partial": 1, "indirect": 2}
    return min(members, key=lambda m: (rank.get(feats.kind[m], 3), -len(feats.tokens[m]), articles[m], feats.norm[m], m))


def statement_id(speaker_id: str, article: str, norm: str) -> str:
    """Speaker slug plus a short hash of the canonical wording and its article: the same group, the same id,
    whatever else the run holds."""
    digest = hashlib.blake2b(f"{article}\n{norm}".encode("utf-8"), digest_size=8).hexdigest()[:HASH_DIGITS]
    return f"{speaker_id or UNKNOWN}-{digest}"


def _outlet_label(frame: pd.DataFrame) -> pd.Series:
    """Per unit, the compare column: the outlet when it names exactly one article, else the article id."""
    outlet = frame["outlet"].where(frame["outlet"] != "", frame["article"])
    articles_per_outlet = frame.groupby(outlet)["article"].nunique()
    unique = outlet.map(articles_per_outlet) == 1
    return outlet.where(unique, frame["article"])


def name_statements(frame: pd.DataFrame, feats: Features, label: np.ndarray) -> tuple[list[str], dict[str, dict]]:
    """Per unit, its statement id; per statement, its members, speaker and whether the speakers conflict."""
    groups: dict[int, list[int]] = defaultdict(list)
    for position, cluster in enumerate(label.tolist()):
        groups[cluster].append(position)
    articles, speaker_ids = frame["article"].tolist(), frame["speaker_id"].tolist()
    ids = [""] * len(frame)
    info: dict[str, dict] = {}
    for cluster in sorted(groups, key=lambda c: (articles[c], c)):
        members = groups[cluster]
        speaker, conflict = best_speaker(members, speaker_ids)
        canonical = canonical_member(members, feats, articles)
        base = statement_id(speaker, articles[canonical], feats.norm[canonical])
        sid, k = base, 1
        while sid in info:  # the same canonical wording in two statements (an article repeating a quote)
            k += 1
            sid = f"{base}-{k}"
        info[sid] = {"members": members, "speaker_id": speaker, "conflict": conflict, "canonical": canonical}
        for m in members:
            ids[m] = sid
    return ids, info


def build_tables(frame: pd.DataFrame, feats: Features, info: dict[str, dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """statements.csv and the long wordings table, built with plain lists (per-group pandas is too slow at 100k)."""
    label = _outlet_label(frame).tolist()
    outlet = frame["outlet"].where(frame["outlet"] != "", frame["article"]).tolist()
    kind, published = frame["kind"].tolist(), frame["published"].tolist()
    quote, speaker, speaker_id = frame["quote"].tolist(), frame["speaker"].tolist(), frame["speaker_id"].tolist()
    column_order = list(dict.fromkeys(label))
    rows, long_rows = [], []
    ordered = sorted(info.items(), key=lambda item: min(item[1]["members"]))  # first appearance in stable order
    for statement, entry in ordered:
        members, canonical = entry["members"], entry["canonical"]
        flags = text_flags(members, feats)
        if entry["conflict"]:
            flags.append(FLAG_SPEAKER)
        first_seen: dict[str, str] = {}
        for m in members:
            date = published[m] or "9999"
            first_seen[outlet[m]] = min(first_seen.get(outlet[m], date), date)
        outlets = sorted(first_seen, key=lambda o: first_seen[o])  # stable: ties keep article order
        dates = [published[m] for m in members if published[m]]
        names = [speaker[m] for m in members if speaker[m] and speaker_id[m] == entry["speaker_id"]]
        names = names or [speaker[m] for m in members if speaker[m]]
        display = max(set(names), key=lambda n: (names.count(n), -names.index(n))) if names else ""
        rows.append({
            "statement": statement, "speaker_id": entry["speaker_id"], "speaker": display,
            "text": quote[canonical], "kinds": ";".join(sorted({kind[m] for m in members})),
            "n_outlets": len(outlets), "outlets": ";".join(outlets),
            "first_published": min(dates) if dates else "",
            "n_variants": len({feats.norm[m] for m in members}), "flags": ";".join(sorted(flags)),
        })
        wordings: dict[str, list[str]] = defaultdict(list)
        for m in members:
            wordings[label[m]].append(quote[m])
        long_rows += [(statement, col, " … ".join(texts)) for col, texts in wordings.items()]
    statements = pd.DataFrame(rows, columns=schema.STATEMENT_COLUMNS)
    long = pd.DataFrame(long_rows, columns=["statement", "column", "wording"])
    long["column"] = pd.Categorical(long["column"], categories=column_order)
    return statements, long.sort_values("column", kind="stable").astype({"column": str}).reset_index(drop=True)
