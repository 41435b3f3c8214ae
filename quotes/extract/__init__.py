"""Extraction: quotation units (direct, partial, block, indirect) and their cues in a parsed Doc."""

from quotes.extract.find import find_quotes

__all__ = ["find_quotes"]
