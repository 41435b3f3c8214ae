"""Average-linkage clustering of units over a sparse, signed graph of pair scores.

Two clusters merge while the mean score over all their unit pairs (a pair missing from the graph scores 0)
is at least the threshold, best pair first. A unit that joins two remarks scores high with both, but the
copies of one remark score nothing with those of the other, so the mean keeps the two statements apart;
the same-article penalty acts as a soft cannot-link between units of one article.
"""

from __future__ import annotations

import heapq

import numpy as np

from quotes.reconcile.similarity import Graph


def average_linkage(n: int, graph: Graph, threshold: float) -> np.ndarray:
    """Cluster label (the smallest member position) per unit, after average-linkage merging down to ``threshold``."""
    sums: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(graph.left.tolist(), graph.right.tolist(), graph.score.tolist()):
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[j].get(i, 0.0) + s
    size = [1] * n
    alive = [True] * n
    members: list[list[int]] = [[i] for i in range(n)]
    heap = [(-s, i, j) for i, j, s in zip(graph.left.tolist(), graph.right.tolist(), graph.score.tolist())
            if s >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = sums[a].get(b, 0.0) / (size[a] * size[b])
        if abs(current + negative) > 1e-12:
            continue  # stale entry: a newer one holds the current mean
        keep, gone = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
        for other, s in sums[gone].items():
            if other == keep:
                continue
            merged = sums[keep].get(other, 0.0) + s
            sums[keep][other] = merged
            sums[other][keep] = merged
            del sums[other][gone]
        sums[keep].pop(gone, None)
        sums[gone] = {}
        alive[gone] = False
        size[keep] += size[gone]
        members[keep] += members[gone]
        members[gone] = []
        for other, s in sums[keep].items():
            mean = s / (size[keep] * size[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    label = np.empty(n, dtype=np.int64)
    for root in range(n):
        if alive[root]:
            label[members[root]] = min(members[root])
    return label
