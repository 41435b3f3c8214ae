"""The library API: ``extract`` (quotation table) and ``run`` (the whole job, optionally written to disk).

Both read files, folders, corpora or raw strings; the CLI and notebooks are thin shells over these.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from quotes.ingest import read_inputs
from quotes.ingest.articles import InputRecord, article_from_text
from quotes.results import RunResult
from quotes.schema import ARTICLE_COLUMNS, QUOTE_COLUMNS, STATUS_OK

PathOrText = str | os.PathLike


def _records(inputs: Iterable[PathOrText], manifest: PathOrText | None) -> Iterator[InputRecord]:
    """Input records for paths, and for strings that are not paths (raw article texts)."""
    paths: list[PathOrText] = []
    for number, item in enumerate(inputs):
        if isinstance(item, str) and _is_article_text(item):
            article = article_from_text(item, id=f"text-{number + 1}")
            yield InputRecord(article.source, article.id, STATUS_OK, "", article.encoding, article)
        else:
            paths.append(item)
    if paths:
        yield from read_inputs(paths, manifest=manifest)


def _is_article_text(item: str) -> bool:
    """A string is article text, not a path, when it has a line break, is long, or is a sentence
    that names no existing file (a mistyped path still reports "file not found")."""
    return "\n" in item or len(item) > 255 or (" " in item.strip() and not Path(item).exists())


def _as_list(inputs: PathOrText | Iterable[PathOrText]) -> list[PathOrText]:
    return [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)


def process(
    inputs: PathOrText | Iterable[PathOrText],
    *,
    speakers: PathOrText | None = None,
    model: str | None = None,
    manifest: PathOrText | None = None,
    on_article: Callable[[], None] | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    store: PathOrText | None = None,
    keep_texts: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Ingest, extract and attribute: (quotes table, articles table, article texts if ``keep_texts``).

    ``jobs``/``engine``/``scheduler``/``store``: see ``quotes.engines.rows_for_articles`` (scale options).
    """
    from quotes.engines import rows_for_articles

    records: list[InputRecord] = []
    texts: dict[str, str] = {}
    n_quotes: dict[str, int] = {}
    rows: list[dict] = []

    def articles() -> Iterator:
        for record in _records(_as_list(inputs), manifest):
            records.append(record)
            if record.item is not None and record.status == STATUS_OK:
                yield record.item
            elif on_article:
                on_article()

    # scale options (issue "Scale"): engine, worker processes, incremental store
    found_rows = rows_for_articles(
        articles(), model=model, speakers=speakers, jobs=jobs, engine=engine, scheduler=scheduler, store=store
    )
    for article, found in found_rows:
        rows.extend(found)
        n_quotes[article.id] = len(found)
        if keep_texts:
            texts[article.id] = article.text
        if on_article:
            on_article()
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    article_rows = [
        {
            "article": r.article,
            "source": r.source,
            "status": r.status,
            "reason": r.reason,
            "encoding": r.encoding,
            "n_quotes": n_quotes.get(r.article, 0),
        }
        for r in records
    ]
    return quotes, pd.DataFrame(article_rows, columns=ARTICLE_COLUMNS), texts


def story_speakers(quotes: pd.DataFrame, speakers: PathOrText | None = None):
    """The speaker stage over the whole batch: one id and name per speaker across articles (see quotes.speakers)."""
    from quotes.attribute.registry import load_registry
    from quotes.speakers import unify_speakers

    return unify_speakers(quotes, load_registry(speakers))


def extract(
    paths_or_texts: PathOrText | Iterable[PathOrText],
    speakers: PathOrText | None = None,
    model: str | None = None,
    manifest: PathOrText | None = None,
) -> pd.DataFrame:
    """One row per quotation unit (columns ``schema.QUOTE_COLUMNS``; ``statement`` left empty).

    Speakers are unified across all the articles given (story-level ids), as in ``run``.
    """
    quotes, _, _ = process(paths_or_texts, speakers=speakers, model=model, manifest=manifest, keep_texts=False)
    return story_speakers(quotes, speakers).quotes


def draft_registry(
    inputs: PathOrText | Iterable[PathOrText],
    out: PathOrText,
    *,
    speakers: PathOrText | None = None,
    model: str | None = None,
    manifest: PathOrText | None = None,
    on_article: Callable[[], None] | None = None,
) -> tuple[Path | None, pd.DataFrame]:
    """Draft a speaker registry TOML (bundled format) from the articles' speakers, for a journalist to edit
    and pass back with ``speakers=``; an existing registry ``speakers`` is kept and extended. Written atomically,
    and not at all when no article could be read: returns (path or None, articles table)."""
    from quotes.attribute.registry import load_registry
    from quotes.outputs.tables import atomic_path
    from quotes.speakers.registry_draft import registry_toml

    quotes, articles, _ = process(inputs, speakers=speakers, model=model, manifest=manifest,
                                  on_article=on_article, keep_texts=False)
    unified = story_speakers(quotes, speakers)
    n_ok = int((articles["status"] == STATUS_OK).sum()) if len(articles) else 0
    if n_ok == 0:  # nothing read: leave any existing file as it is
        return None, articles
    text = registry_toml(unified.speakers, load_registry(speakers), n_articles=n_ok)
    path = Path(out)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path, articles


def run(
    inputs: PathOrText | Iterable[PathOrText] | None = None,
    out: PathOrText | None = None,
    *,
    speakers: PathOrText | None = None,
    model: str | None = None,
    manifest: PathOrText | None = None,
    semantic: bool = False,
    fmt: str = "csv",
    excel: bool = False,
    report: bool = False,
    on_article: Callable[[], None] | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    store: PathOrText | None = None,
) -> RunResult:
    """The whole job: quotes, story-level speakers, statements, side-by-side comparison and input accounting;
    written to ``out`` if given.

    With no inputs, runs on the bundled sample story with its speaker registry.
    """
    from quotes.reconcile import reconcile

    if inputs is None:
        from quotes.nlp.pipeline import sample_story

        folder, registry = sample_story()
        inputs, speakers = [folder], speakers or registry
    quotes, articles, texts = process(
        inputs, speakers=speakers, model=model, manifest=manifest, on_article=on_article,
        jobs=jobs, engine=engine, scheduler=scheduler, store=store,
        keep_texts=out is None or report,  # texts serve the report and interactive views only
    )
    unified = story_speakers(quotes, speakers)  # the speaker stage: one id per speaker across the batch
    reconciled = reconcile(unified.quotes, semantic=semantic)
    result = RunResult(reconciled.units, reconciled.statements, reconciled.compare, articles,
                       speakers=unified.speakers, texts=texts)
    if out is not None:
        from quotes.outputs import write_outputs

        tables = {"quotes": result.quotes, "statements": result.statements, "compare": result.compare,
                  "speakers": result.speakers, "articles": articles}
        result.files = write_outputs(out, tables, fmt=fmt, excel=excel)
        if report:
            from quotes.outputs.report import write_report

            result.files.append(write_report(out, result.quotes, result.statements, result.compare, texts))
    return result


def report_from_folder(out_dir: str | os.PathLike) -> Path:
    """Rebuild ``report.html`` from a run's CSV tables, re-reading the article texts from their sources."""
    from quotes.outputs.report import write_report

    folder = Path(out_dir)

    def table(name: str) -> pd.DataFrame:
        path = folder / f"{name}.csv"
        if not path.is_file():
            return pd.DataFrame()
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")

    quotes, statements, compare, articles = (table(n) for n in ("quotes", "statements", "compare", "articles"))
    for column in ("start", "end"):
        if column in quotes:
            quotes[column] = pd.to_numeric(quotes[column], errors="coerce").fillna(-1).astype(int)
    sources = sorted({s.split("#", 1)[0] for s in articles.get("source", []) if s and Path(s.split("#", 1)[0]).exists()})
    texts = {r.article: r.item.text for r in read_inputs(sources) if r.item is not None} if sources else {}
    return write_report(folder, quotes, statements, compare, texts)


def model_not_found(error: BaseException) -> bool:
    """True when ``error`` says the spaCy model is not installed (the CLI reports it in one line)."""
    from quotes.nlp.pipeline import ModelNotFound

    return isinstance(error, ModelNotFound)
