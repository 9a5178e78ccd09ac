"""Where the explorer page draws each node: a deterministic force layout in numpy.

Each connected component is laid out on its own (components of one size together, in one
batched run); in a big component the leaves are put in rings around their hub; the
components are packed in rows, biggest first, and the isolated entities in a grid below.
The same graph always gets the same positions, so the page is byte-identical from run to run.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

# Components up to this size get an exact O(n^2) force layout; bigger ones use
# a grid (FFT) approximation of the repulsion, which is O(n + G^2 log G).
_EXACT_MAX = 300
_SPACING = 130.0  # pixels per ideal edge length
# Components of at least this many nodes have their leaves put in rings around their hub,
# this far from it (in ideal edge lengths) and this far apart.
_FOLD_MIN = 30
_LEAF_RADIUS, _LEAF_GAP = 0.8, 0.35
_LONE_ASPECT = 4.0  # width / height of the grid of isolated entities, at most
_SMALL_SHARE = 4.0  # the other components cover at least 1/this of the biggest one's area
_SEED = 20240601


def layout(n: int, edges: list[tuple[int, int]], order: list[int]) -> np.ndarray:
    """Deterministic positions (pixels) for ``n`` nodes: a force layout per connected
    component, the components packed in rows (biggest first) into a roughly square
    block, and the isolated nodes in a grid below it, in ``order`` (most important first)."""
    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    und = nx.Graph()
    und.add_nodes_from(range(n))
    und.add_edges_from((a, b) for a, b in edges if a != b)
    comps = sorted((sorted(c) for c in nx.connected_components(und) if len(c) > 1), key=lambda c: (-len(c), c[0]))
    rng = np.random.default_rng(_SEED)

    # News graphs are mostly stars: an entity named with one other only. In a big
    # component those leaves are taken out, the rest is laid out with a mass of degree + 1
    # (as in ForceAtlas2: hubs push each other apart, and make room for their leaves),
    # and the leaves are put back in rings around their hub. A plain force layout of the
    # whole piles the hubs up in the middle, their labels on top of each other.
    leaves_of: dict[int, list[int]] = {}
    for c in comps:
        if len(c) >= _FOLD_MIN:
            for u in c:
                hub = next(iter(und[u]))
                if und.degree(u) == 1 and und.degree(hub) > 1:
                    leaves_of.setdefault(hub, []).append(u)
    folded = {u for leaves in leaves_of.values() for u in leaves}
    core = und.subgraph(u for u in und if u not in folded) if folded else und
    mass = {u: 1.0 + und.degree(u) for c in comps if len(c) >= _FOLD_MIN for u in c if u not in folded}

    # Components of equal size are laid out together in one batched numpy run:
    # news graphs have hundreds of tiny components, a Python loop each is slow.
    by_size: dict[int, list[list[int]]] = {}
    for c in comps:
        kept = [u for u in c if u not in folded]
        by_size.setdefault(len(kept), []).append(kept)
    local: dict[int, np.ndarray] = {}  # node -> position in ideal edge lengths
    for size in sorted(by_size):
        group = by_size[size]
        chunk = max(1, 2_000_000 // (size * size))  # bound memory of the pairwise arrays
        for start in range(0, len(group), chunk):
            batch = group[start : start + chunk]
            coords = _force_batch(batch, core, mass, rng)
            for c, xy in zip(batch, coords):
                local.update(zip(c, xy))
    for c in comps:
        centre = np.mean([local[u] for u in c if u not in folded], axis=0)
        for u in c:
            if u in leaves_of:
                local.update(zip(leaves_of[u], _rings(local[u], centre, len(leaves_of[u]))))

    # Shelf packing: rows of component bounding boxes, roughly square overall.
    margin = 70.0
    boxed = [np.array([local[u] for u in c]) * _SPACING for c in comps]
    extent = [float(np.prod(xy.max(axis=0) - xy.min(axis=0) + margin)) for xy in boxed]
    # Beside one huge component the small ones would shrink to a line at the zoom that fits
    # all: they are spread out until they cover at least a quarter of its area.
    if len(comps) > 1 and sum(extent[1:]) * _SMALL_SHARE < extent[0]:
        grow = math.sqrt(extent[0] / (_SMALL_SHARE * sum(extent[1:])))
        boxed[1:] = [xy * grow for xy in boxed[1:]]
    boxes = []
    for c, xy in zip(comps, boxed):
        xy = xy - xy.min(axis=0) + margin / 2
        boxes.append((c, xy, xy.max(axis=0) + margin / 2))
    lone = [i for i in order if und.degree(i) == 0]
    cell = _SPACING * 0.6
    area = sum(b[2][0] * b[2][1] for b in boxes) or len(lone) * cell * cell
    row_width = max([math.sqrt(area) * 1.2, *(b[2][0] for b in boxes)])
    x = y = row_h = 0.0
    for c, xy, (w, h) in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        pos[c] = xy + (x, y)
        x, row_h = x + w, max(row_h, h)
    top = y + row_h + (margin if boxes else 0.0)
    # The grid spans the width of the block above and is about a quarter as high: seen at
    # the zoom that fits the connected entities, the isolated ones are not a thin line.
    cell = max(cell, row_width / math.ceil(math.sqrt(_LONE_ASPECT * len(lone)))) if lone else cell
    per_row = max(1, int(row_width // cell))
    for k, i in enumerate(lone):
        pos[i] = (cell / 2 + cell * (k % per_row), top + cell * (k // per_row))
    return pos - (pos.min(axis=0) + pos.max(axis=0)) / 2


def _rings(hub: np.ndarray, centre: np.ndarray, count: int) -> list[np.ndarray]:
    """``count`` positions in rings around ``hub``, the first one on the side away from ``centre``."""
    away = hub - centre
    start = math.atan2(away[1], away[0]) if np.any(away) else 0.0
    out: list[np.ndarray] = []
    radius = _LEAF_RADIUS
    while len(out) < count:
        take = min(count - len(out), max(1, int(2 * math.pi * radius / _LEAF_GAP)))
        out.extend(hub + radius * np.array([math.cos(a), math.sin(a)])
                   for a in (start + 2 * math.pi * t / take for t in range(take)))
        radius += _LEAF_GAP
    return out


def _force_batch(comps: list[list[int]], und: nx.Graph, mass_of: dict[int, float], rng: np.random.Generator,
                 iterations: int = 80) -> np.ndarray:
    """A force layout (ideal edge length 1) of same-size components at once.

    Two nodes repel each other in proportion to the product of their masses (1 unless
    ``mass_of`` says otherwise) over their distance; linked nodes attract in proportion
    to their distance. Returns an array (len(comps), size, 2).
    """
    k, size = len(comps), len(comps[0])
    ec, ei, ej = [], [], []
    for b, c in enumerate(comps):
        where = {node: i for i, node in enumerate(c)}
        for u in c:
            for v in und[u]:
                if u < v:
                    ec.append(b)
                    ei.append(where[u])
                    ej.append(where[v])
    ec_a, ei_a, ej_a = (np.array(a, dtype=np.intp) for a in (ec, ei, ej))
    mass = np.array([[mass_of.get(u, 1.0) for u in c] for c in comps])
    side = (size * float(mass.sum(axis=1).max())) ** 0.25  # heavy nodes keep their distance: start wider
    pos = rng.random((k, size, 2)) * side
    repel = _exact_repulsion if size <= _EXACT_MAX else _MeshRepulsion(size)
    temp0 = max(1.0, side / 4)
    for it in range(iterations):
        disp = repel(pos, mass)
        d = pos[ec_a, ei_a] - pos[ec_a, ej_a]
        pull = d  # attraction ~ dist (ForceAtlas2's): with mass repulsion, a squared pull packs the hubs together
        np.add.at(disp, (ec_a, ei_a), -pull)
        np.add.at(disp, (ec_a, ej_a), pull)
        length = np.linalg.norm(disp, axis=2, keepdims=True) + 1e-9
        temp = temp0 * (1 - it / iterations) + 0.02
        pos += disp / length * np.minimum(length, temp)
    return pos


def _exact_repulsion(pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
    d = pos[:, :, None, :] - pos[:, None, :, :]
    d2 = (d * d).sum(axis=3) + 1e-9
    w = mass[:, :, None] * mass[:, None, :]
    return (d * (w / d2)[..., None]).sum(axis=2)  # repulsion ~ mass_i * mass_j / dist


class _MeshRepulsion:
    """Approximate all-pairs repulsion for one big component (batch of 1).

    Nodes are binned on a G x G grid and the 1/dist force field is obtained by
    convolving their masses with the kernel via FFT: cost no longer grows as n^2.
    """

    def __init__(self, n: int):
        self.grid = g = int(min(256, max(64, 2 ** math.ceil(math.log2(1.5 * math.sqrt(n))))))
        off = np.fft.fftfreq(2 * g, 1.0 / (2 * g))  # 0..g-1, -g..-1 (wrap-around order)
        ox, oy = np.meshgrid(off, off, indexing="ij")
        r2 = ox * ox + oy * oy
        r2[0, 0] = np.inf  # no self-force
        self.kx, self.ky = np.fft.rfft2(ox / r2), np.fft.rfft2(oy / r2)

    def __call__(self, pos: np.ndarray, mass: np.ndarray) -> np.ndarray:
        p, g = pos[0], self.grid
        lo = p.min(axis=0)
        h = max(float((p.max(axis=0) - lo).max()), 1e-6) / (g - 1)
        cell = np.rint((p - lo) / h).astype(np.intp)
        grid = np.zeros((2 * g, 2 * g))
        np.add.at(grid, (cell[:, 0], cell[:, 1]), mass[0])
        fm = np.fft.rfft2(grid)
        fx = np.fft.irfft2(fm * self.kx, s=grid.shape)[cell[:, 0], cell[:, 1]]
        fy = np.fft.irfft2(fm * self.ky, s=grid.shape)[cell[:, 0], cell[:, 1]]
        return (np.stack([fx, fy], axis=1) * mass[0][:, None] / h)[None]
