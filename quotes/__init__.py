"""quotes: who said what, and how each outlet worded it.

    import quotes
    table = quotes.extract(["articles/"], speakers="speakers.toml")   # one row per quotation
    result = quotes.run(["articles/"], out="out/")                    # + statements, compare, articles

Heavy modules (spaCy, pandas) load on first use, so importing the package is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "run", "RunResult", "load_registry", "sample_story", "__version__"]

if TYPE_CHECKING:
    from quotes.api import RunResult, extract, run
    from quotes.pipeline import sample_story
    from quotes.registry import load_registry


def __getattr__(name: str) -> Any:
    if name in ("extract", "run", "RunResult"):
        from quotes import api

        return getattr(api, name)
    if name == "load_registry":
        from quotes.registry import load_registry

        return load_registry
    if name == "sample_story":
        from quotes.pipeline import sample_story

        return sample_story
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
