"""The Dask engine: extraction and attribution over a Dask cluster (``quotes[dask]``).

Articles go out as a ``dask.bag`` whose partitions are lists of article records; each worker process
loads the pipeline once (``quotes.engines.parallel.pipeline_for`` caches it at module level) and returns plain
quotes.csv rows. Reconciliation then runs here, on the gathered rows.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from quotes.engines.parallel import PipelineSpec, Rows, extract_batch
from quotes.ingest.articles import Article

#: Articles per bag partition (one task).
PARTITION_ARTICLES = 16
#: Articles submitted to the cluster per round, so the client never holds the whole corpus.
WINDOW_ARTICLES = 1024


class DaskNotInstalled(RuntimeError):
    """``--engine dask`` needs the optional dependency ``dask[distributed]``."""


def _partition(articles: Iterable[Article], spec: PipelineSpec) -> list[tuple[str, Rows]]:
    batch = list(articles)
    return [(article.id, rows) for article, rows in zip(batch, extract_batch(batch, spec))]


def extract_rows_dask(
    articles: Iterable[Article],
    spec: PipelineSpec,
    *,
    scheduler: str | None = None,
    partition_size: int = PARTITION_ARTICLES,
    window: int = WINDOW_ARTICLES,
) -> Iterator[tuple[Article, Rows]]:
    """(article, rows) in input order, computed on the cluster at ``scheduler`` (default: a local one)."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise DaskNotInstalled("--engine dask needs dask: pip install 'quotes[dask]'") from error

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(threads_per_worker=1, processes=True, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        iterator = iter(articles)
        while window_articles := list(islice(iterator, window)):
            bag = db.from_sequence(window_articles, partition_size=partition_size)
            results = bag.map_partitions(_partition, spec).compute(scheduler=client)
            for article, (article_id, rows) in zip(window_articles, results, strict=True):
                assert article.id == article_id
                yield article, rows
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
