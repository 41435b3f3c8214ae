"""Chooses how articles become quotes.csv rows: in this process, in ``jobs`` local worker processes, or
on a Dask cluster; optionally through the incremental store. Every choice yields the same rows in the
same order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import partial

from quotes.engines.parallel import PipelineSpec, Rows, extract_rows
from quotes.ingest.articles import Article

ENGINES = ("local", "dask")


def rows_for_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    speakers: str | os.PathLike | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    store: str | os.PathLike | None = None,
) -> Iterator[tuple[Article, Rows]]:
    """(article, rows) for each article in input order, by the chosen engine and store."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    spec = PipelineSpec.from_options(model, speakers)
    if engine == "dask":
        from quotes.engines.distributed import extract_rows_dask

        extract = partial(extract_rows_dask, spec=spec, scheduler=scheduler)
    else:
        extract = partial(extract_rows, spec=spec, jobs=jobs)
    if store is None:
        yield from extract(articles)
        return
    from quotes.engines.store import QuoteStore, cached_extract, pipeline_fingerprint

    with QuoteStore(store) as db:
        yield from cached_extract(articles, db, pipeline_fingerprint(spec), extract)
