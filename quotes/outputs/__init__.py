"""Outputs: the tables on disk, the HTML report and the notebook views, all over plain tables."""

from quotes.outputs.tables import write_outputs

__all__ = ["write_outputs"]
