"""Average-linkage clustering of units over a sparse, signed graph of pair scores.

Two clusters merge while the mean score over all their unit pairs (a pair missing from the graph scores 0)
is at least the threshold, best pair first. A unit that joins two remarks scores high with both, but the
copies of one remark score nothing with those of the other, so the mean keeps the two statements apart;
the same-article penalty acts as a soft cannot-link between units of one article. Average linkage is
reducible (a merged cluster's mean with any other lies between its parts' means), so merge values never
rise: the clustering at a threshold is the prefix of the merge sequence at any lower one.
"""

from __future__ import annotations

import heapq

import numpy as np

from quotes.reconcile.similarity import Graph


def merge_sequence(n: int, graph: Graph, floor: float) -> list[tuple[float, int, int]]:
    """(mean score, kept cluster, absorbed cluster) of every average-linkage merge down to ``floor``, in order.

    The mean of two clusters is (sum of their edges - penalty x their pairs of one article) / (product of sizes);
    per cluster, the sums of its edges to each neighbour and how many units it has from each article are kept.
    """
    sums: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(graph.left.tolist(), graph.right.tolist(), graph.score.tolist()):
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[j].get(i, 0.0) + s
    article = graph.article.tolist() if graph.article is not None else [0] * n
    penalty = graph.penalty if graph.article is not None else 0.0
    per_article: list[dict[int, int]] = [{code: 1} for code in article]
    size = [1] * n
    alive = [True] * n

    def mean(a: int, b: int) -> float:
        small, large = sorted((per_article[a], per_article[b]), key=len)
        shared = sum(count * large.get(code, 0) for code, count in small.items()) if penalty else 0
        return (sums[a].get(b, 0.0) - penalty * shared) / (size[a] * size[b])

    # the first means come sorted from numpy; a heap holds only the means recomputed after merges
    initial = np.asarray(graph.score, dtype=np.float64).copy()
    if penalty:
        initial -= penalty * (graph.article[graph.left] == graph.article[graph.right])
    order = np.lexsort((graph.right, graph.left, -initial))
    order = order[initial[order] >= floor]
    first = list(zip((-initial[order]).tolist(), graph.left[order].tolist(), graph.right[order].tolist()))
    next_first = 0
    heap: list[tuple[float, int, int]] = []
    merges = []
    while heap or next_first < len(first):
        if next_first < len(first) and (not heap or first[next_first] <= heap[0]):
            negative, a, b = first[next_first]
            next_first += 1
        else:
            negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        current = mean(a, b)
        if current < -negative - 1e-12:
            # an entry is an upper bound: a cluster that grew without new links to the other has a lower mean now
            if current >= floor:
                heapq.heappush(heap, (-current, a, b))
            continue
        keep, gone = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
        changed = []
        for other, s in sums[gone].items():
            if other == keep:
                continue
            merged = sums[keep].get(other, 0.0) + s
            sums[keep][other] = merged
            sums[other][keep] = merged
            del sums[other][gone]
            changed.append(other)
        sums[keep].pop(gone, None)
        sums[gone] = {}
        if len(per_article[gone]) > len(per_article[keep]):
            per_article[keep], per_article[gone] = per_article[gone], per_article[keep]
        for code, count in per_article[gone].items():
            per_article[keep][code] = per_article[keep].get(code, 0) + count
        per_article[gone] = {}
        alive[gone] = False
        size[keep] += size[gone]
        merges.append((current, keep, gone))
        for other in changed:  # only these means can have risen; the others fall and are fixed when popped
            value = mean(keep, other)
            if value >= floor:
                heapq.heappush(heap, (-value, min(keep, other), max(keep, other)))
    return merges


def labels_at(n: int, merges: list[tuple[float, int, int]], threshold: float) -> np.ndarray:
    """Cluster label (the smallest member position) per unit after the merges scoring at least ``threshold``."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for value, keep, gone in merges:
        if value < threshold:
            break
        parent[find(gone)] = find(keep)
    roots = np.fromiter((find(x) for x in range(n)), dtype=np.int64, count=n)
    smallest = np.full(n, n, dtype=np.int64)
    np.minimum.at(smallest, roots, np.arange(n))
    return smallest[roots]


def average_linkage(n: int, graph: Graph, threshold: float) -> np.ndarray:
    """Cluster label (the smallest member position) per unit, after average-linkage merging down to ``threshold``."""
    return labels_at(n, merge_sequence(n, graph, threshold), threshold)
