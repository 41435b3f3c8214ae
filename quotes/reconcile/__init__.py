"""Reconcile quotation units into statements: one row per remark, with how each outlet worded it.

Outlets quote one remark in other words, cut fragments and single sentences out of it, join it to the next
remark, or give it to another speaker. Units get text features (``features``), candidate pairs a score from
their wording and speakers (``similarity``), and average-linkage clustering over that sparse graph groups them
(``clustering``); ``flags`` and ``tables`` write what a journalist reads. The few parameters (``Params``) are
fitted on the development stories by leave-one-story-out (``benchmarks/grouping.py``).
"""

from __future__ import annotations

import pandas as pd

from quotes.reconcile.affiliation import affiliated_speakers
from quotes.reconcile.clustering import average_linkage
from quotes.reconcile.features import build, prepare, tokenize
from quotes.reconcile.flags import FLAG_FRAGMENT, FLAG_INDIRECT, FLAG_SPEAKER, FLAG_WORDING, wording_differs
from quotes.reconcile.similarity import Params, pair_scores
from quotes.reconcile.tables import Reconciled, build_tables, name_statements

__all__ = [
    "FLAG_FRAGMENT", "FLAG_INDIRECT", "FLAG_SPEAKER", "FLAG_WORDING", "DEFAULT_PARAMS", "Params", "Reconciled",
    "reconcile", "tokenize", "wording_differs",
]

DEFAULT_PARAMS = Params()


def reconcile(units: pd.DataFrame, *, semantic: bool = False, threshold: float | None = None,
              params: Params | None = None) -> Reconciled:
    """Group quotation units into statements across outlets and flag what a journalist must check.

    ``threshold`` overrides the merge threshold of ``params`` (default: the fitted ``DEFAULT_PARAMS``).
    """
    params = params or DEFAULT_PARAMS
    if threshold is not None:
        params = Params(**{**params.__dict__, "threshold": threshold})
    frame = prepare(units)
    feats = build(frame, semantic)
    graph = pair_scores(feats, frame["speaker_id"].tolist(), frame["article"].to_numpy(), params,
                        affiliated=affiliated_speakers(frame))
    label = average_linkage(len(frame), graph, params.threshold)
    ids, info = name_statements(frame, feats, label)
    frame["statement"] = ids
    statements, wordings = build_tables(frame, feats, info)
    out = units.copy()
    out["statement"] = frame.sort_values("_row")["statement"].to_numpy()
    return Reconciled(units=out, statements=statements, wordings=wordings)
