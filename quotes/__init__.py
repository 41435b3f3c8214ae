"""quotes: who said what, and how each outlet worded it.

    import quotes
    table = quotes.extract(["articles/"], speakers="speakers.toml")   # one row per quotation
    result = quotes.run(["articles/"], out="out/")                    # + statements, compare, articles

Heavy modules (spaCy, pandas) load on first use, so importing the package is cheap.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from quotes._version import __version__

__all__ = ["extract", "run", "RunResult", "load_registry", "sample_story", "__version__"]

if TYPE_CHECKING:
    from quotes.api import extract, run
    from quotes.attribute.registry import load_registry
    from quotes.nlp.pipeline import sample_story
    from quotes.results import RunResult


class _Package(ModuleType):
    """The package module. Importing a submodule sets it as an attribute of its parent; the subpackage
    ``quotes.extract`` must not hide the API function ``quotes.extract`` that way."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in __all__ and isinstance(value, ModuleType):
            return  # the subpackage stays reachable as sys.modules["quotes.extract"]
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name in ("extract", "run"):
        from quotes import api

        return getattr(api, name)
    if name == "RunResult":
        from quotes.results import RunResult

        return RunResult
    if name == "load_registry":
        from quotes.attribute.registry import load_registry

        return load_registry
    if name == "sample_story":
        from quotes.nlp.pipeline import sample_story

        return sample_story
    raise AttributeError(f"module 'quotes' has no attribute {name!r}")
