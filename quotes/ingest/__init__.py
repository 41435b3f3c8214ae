"""Ingest: files, HTML pages and JSONL/CSV corpora become ``Article``s (see quotes.ingest.inputs)."""

from quotes.ingest.inputs import read_inputs

__all__ = ["read_inputs"]
