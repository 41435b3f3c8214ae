"""Shared test fixtures: one loaded spaCy pipeline per session, and where the shared data lives."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "quotes" / "samples" / "nato-2021"
#: Hand-annotated gold of the bundled sample story (a copy of shared/gold/seeds.jsonl, shipped with the tests).
SEED_GOLD = Path(__file__).parent / "data" / "seeds_gold.jsonl"


def shared_dir() -> Path | None:
    """The read-only shared data folder (../shared beside the repo, else /work/shared), or None."""
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if candidate.is_dir():
            return candidate
    return None


#: shared/ (PolNeAR evaluation data, never copied into the repo), or None where it is absent.
SHARED = shared_dir()
needs_shared = pytest.mark.skipif(SHARED is None, reason="shared/ data is absent")


@pytest.fixture(scope="session")
def reuse_nlp():
    """Make ``quotes.nlp.pipeline.load_nlp`` reuse loaded pipelines, so in-process CLI runs skip reloading spaCy."""
    import quotes.nlp.pipeline as pipeline

    original = pipeline.load_nlp
    loaded: dict[tuple, object] = {}

    def cached(model=None, speakers=None):
        key = (model, str(speakers) if speakers else None)
        if key not in loaded:
            loaded[key] = original(model, speakers)
        return loaded[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "load_nlp", cached)
        yield cached


@pytest.fixture(scope="session")
def nlp(reuse_nlp):
    """The project's default spaCy pipeline (quotes component included), loaded once per session."""
    return reuse_nlp()
