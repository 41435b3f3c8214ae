"""Engines: the same quotes.csv rows from one process, worker processes, the incremental store or Dask."""

from quotes.engines.dispatch import rows_for_articles

__all__ = ["rows_for_articles"]
