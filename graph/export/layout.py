"""Where the explorer page draws each node: a deterministic force layout in numpy.

Each connected component is laid out on its own (components of one size together, in one
batched run), then the components are packed in rows, biggest first. The same graph always
gets the same positions, so the page is byte-identical from run to run.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

# Components up to this size get an exact O(n^2) force layout; bigger ones use
# a grid (FFT) approximation of the repulsion, which is O(n + G^2 log G).
_EXACT_MAX = 1000
_SPACING = 130.0  # pixels per ideal edge length
_SEED = 20240601


def layout(n: int, edges: list[tuple[int, int]]) -> np.ndarray:
    """Deterministic positions (pixels) for ``n`` nodes: a force layout per
    connected component, components packed in rows, biggest first."""
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    und = nx.Graph()
    und.add_nodes_from(range(n))
    und.add_edges_from((a, b) for a, b in edges if a != b)
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    rng = np.random.default_rng(_SEED)

    # Components of equal size are laid out together in one batched numpy run:
    # news graphs have hundreds of tiny components, a Python loop each is slow.
    by_size: dict[int, list[list[int]]] = {}
    for c in comps:
        by_size.setdefault(len(c), []).append(c)
    local: dict[int, np.ndarray] = {}  # first node of a component -> (size, 2)
    for size in sorted(by_size):
        group = by_size[size]
        chunk = max(1, 2_000_000 // (size * size))  # bound memory of the pairwise arrays
        for start in range(0, len(group), chunk):
            batch = group[start : start + chunk]
            coords = _force_batch(batch, und, rng)
            for c, xy in zip(batch, coords):
                local[c[0]] = xy

    # Shelf packing: rows of component bounding boxes, roughly square overall.
    margin = 70.0
    boxes = []
    for c in comps:
        xy = local[c[0]] * _SPACING
        xy = xy - xy.min(axis=0) + margin / 2
        boxes.append((c, xy, xy.max(axis=0) + margin / 2))
    row_width = max(max(b[2][0] for b in boxes), math.sqrt(sum(b[2][0] * b[2][1] for b in boxes)) * 1.2)
    x = y = row_h = 0.0
    for c, xy, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        pos[c] = xy + (x, y)
        x, row_h = x + w, max(row_h, h)
    return pos - (pos.min(axis=0) + pos.max(axis=0)) / 2


def _force_batch(comps: list[list[int]], und: nx.Graph, rng: np.random.Generator, iterations: int = 80) -> np.ndarray:
    """Fruchterman-Reingold (ideal edge length 1) on same-size components at once.

    Returns an array (len(comps), size, 2).
    """
    k, size = len(comps), len(comps[0])
    if size == 1:
        return np.zeros((k, 1, 2))
    ec, ei, ej = [], [], []
    for b, c in enumerate(comps):
        where = {node: i for i, node in enumerate(c)}
        for u in c:
            for v in und[u]:
                if u < v:
                    ec.append(b)
                    ei.append(where[u])
                    ej.append(where[v])
    ec_a, ei_a, ej_a = np.array(ec), np.array(ei), np.array(ej)
    side = math.sqrt(size)
    pos = rng.random((k, size, 2)) * side
    repel = _exact_repulsion if size <= _EXACT_MAX else _MeshRepulsion(size)
    temp0 = max(1.0, side / 4)
    for it in range(iterations):
        disp = repel(pos)
        d = pos[ec_a, ei_a] - pos[ec_a, ej_a]
        pull = d * np.linalg.norm(d, axis=1, keepdims=True)  # attraction ~ dist^2
        np.add.at(disp, (ec_a, ei_a), -pull)
        np.add.at(disp, (ec_a, ej_a), pull)
        length = np.linalg.norm(disp, axis=2, keepdims=True) + 1e-9
        temp = temp0 * (1 - it / iterations) + 0.02
        pos += disp / length * np.minimum(length, temp)
    return pos


def _exact_repulsion(pos: np.ndarray) -> np.ndarray:
    d = pos[:, :, None, :] - pos[:, None, :, :]
    d2 = (d * d).sum(axis=3) + 1e-9
    return (d / d2[..., None]).sum(axis=2)  # repulsion ~ 1/dist


class _MeshRepulsion:
    """Approximate all-pairs repulsion for one big component (batch of 1).

    Nodes are binned on a G x G grid and the 1/dist force field is obtained by
    convolving the counts with the kernel via FFT: cost no longer grows as n^2.
    """

    def __init__(self, n: int):
        self.grid = g = int(min(256, max(64, 2 ** math.ceil(math.log2(1.5 * math.sqrt(n))))))
        off = np.fft.fftfreq(2 * g, 1.0 / (2 * g))  # 0..g-1, -g..-1 (wrap-around order)
        ox, oy = np.meshgrid(off, off, indexing="ij")
        r2 = ox * ox + oy * oy
        r2[0, 0] = np.inf  # no self-force
        self.kx, self.ky = np.fft.rfft2(ox / r2), np.fft.rfft2(oy / r2)

    def __call__(self, pos: np.ndarray) -> np.ndarray:
        p, g = pos[0], self.grid
        lo = p.min(axis=0)
        h = max(float((p.max(axis=0) - lo).max()), 1e-6) / (g - 1)
        cell = np.rint((p - lo) / h).astype(np.intp)
        mass = np.zeros((2 * g, 2 * g))
        np.add.at(mass, (cell[:, 0], cell[:, 1]), 1.0)
        fm = np.fft.rfft2(mass)
        fx = np.fft.irfft2(fm * self.kx, s=mass.shape)[cell[:, 0], cell[:, 1]]
        fy = np.fft.irfft2(fm * self.ky, s=mass.shape)[cell[:, 0], cell[:, 1]]
        return (np.stack([fx, fy], axis=1) / h)[None]
