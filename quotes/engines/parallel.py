"""Extraction over many cores: worker processes that each load the pipeline once and turn batches of
articles into plain quotes.csv rows (no Docs cross a process boundary), yielded in input order.

The same per-batch function (``extract_batch``) serves the local process pool and the Dask engine.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from quotes.ingest.articles import Article

#: Articles sent to a worker at once: large enough to amortise pickling, small enough to stream.
BATCH_ARTICLES = 8
#: Rows of one article, in quotes.csv column order.
Rows = list[dict]


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to rebuild the pipeline: model name and the registry's TOML text (not a path,
    so workers on other machines need no shared file system)."""

    model: str | None = None
    registry_toml: str | None = None

    @classmethod
    def from_options(cls, model: str | None, speakers: str | os.PathLike | None) -> PipelineSpec:
        text = Path(speakers).read_text(encoding="utf-8") if speakers else None
        return cls(model, text)


#: Pipelines loaded in this process, one per spec (module level, so each worker loads once).
_PIPELINES: dict[PipelineSpec, object] = {}


def pipeline_for(spec: PipelineSpec):
    """The spaCy pipeline for ``spec``, loaded on first use in this process and then reused."""
    nlp = _PIPELINES.get(spec)
    if nlp is None:
        from quotes.nlp.pipeline import load_nlp

        registry_path = None
        if spec.registry_toml is not None:
            digest = hashlib.sha256(spec.registry_toml.encode()).hexdigest()[:16]
            registry_path = Path(tempfile.gettempdir()) / f"quotes-registry-{digest}.toml"
            if not registry_path.exists():
                registry_path.write_text(spec.registry_toml, encoding="utf-8")
        nlp = _PIPELINES[spec] = load_nlp(spec.model, registry_path)
    return nlp


def extract_batch(articles: list[Article], spec: PipelineSpec) -> list[Rows]:
    """quotes.csv rows of each article of ``articles`` (same order), using this process's pipeline."""
    from quotes.nlp.pipeline import extract_articles, quote_rows

    return [quote_rows(result) for result in extract_articles(articles, pipeline_for(spec))]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def worker_context() -> BaseContext:
    """Fork where the platform has it (as spaCy's own ``n_process`` does: workers start at once and share
    the loaded model); spawn elsewhere."""
    return get_context("fork" if "fork" in get_all_start_methods() else "spawn")


def _init_worker(spec: PipelineSpec) -> None:
    pipeline_for(spec)


def extract_rows(
    articles: Iterable[Article], spec: PipelineSpec, *, jobs: int = 1, batch_size: int = BATCH_ARTICLES
) -> Iterator[tuple[Article, Rows]]:
    """(article, rows) for each article, in input order; ``jobs`` > 1 parses in that many worker processes.

    At most ``4 * jobs`` batches are in flight, so memory stays flat however long the input is.
    """
    iterator = iter(articles)
    first = next(iterator, None)
    if first is None:  # nothing to parse (e.g. all cached): don't load the pipeline
        return
    articles = chain([first], iterator)
    if jobs <= 1:
        from quotes.nlp.pipeline import extract_articles, quote_rows

        for result in extract_articles(articles, pipeline_for(spec)):
            yield result.article, quote_rows(result)
        return
    context = worker_context()
    if context.get_start_method() == "fork":
        pipeline_for(spec)  # load once here; the forked workers share it instead of each loading it
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(spec,)) as pool:
        pending: deque[tuple[list[Article], Future]] = deque()
        for batch in _batches(articles, batch_size):
            pending.append((batch, pool.submit(extract_batch, batch, spec)))
            if len(pending) >= 4 * jobs:
                yield from _finish(pending.popleft())
        while pending:
            yield from _finish(pending.popleft())


def _finish(item: tuple[list[Article], Future]) -> Iterator[tuple[Article, Rows]]:
    batch, future = item
    yield from zip(batch, future.result())
