#!/usr/bin/env python3
"""Turns `gmt connect` output into closed, simplified rings in the compact text format that
src/io/coast.rs reads (described in assets/coast/README.md). Standard library only.

usage: coast_rings.py JOINED.txt W/E/S/N TOLERANCE_M > rings.txt"""
import math, sys

UNIT = 1e-4  # degrees per stored integer step (11 m at the equator)


def read_segments(path):
    segs, cur = [], None
    for line in open(path, encoding="ascii"):
        if line.startswith(">"):
            cur = []
            segs.append(cur)
        elif line.strip():
            lon, lat = line.split()[:2]
            cur.append((float(lon), float(lat)))
    return [s for s in segs if len(s) >= 2]


def chain_open(segs, eps=1e-7):
    """Joins open segments end to end (reversing as needed) until no two share an end."""
    closed = [s for s in segs if s[0] == s[-1]]
    open_ = [s for s in segs if s[0] != s[-1]]
    near = lambda a, b: abs(a[0] - b[0]) < eps and abs(a[1] - b[1]) < eps
    merged = True
    while merged:
        merged = False
        for i in range(len(open_)):
            for j in range(len(open_)):
                if i == j:
                    continue
                a, b = open_[i], open_[j]
                for cand in (b, b[::-1]):
                    if near(a[-1], cand[0]):
                        open_[i] = a + cand[1:]
                        del open_[j]
                        merged = True
                        break
                if merged:
                    break
            if merged:
                break
    for s in open_:
        if near(s[0], s[-1]):
            closed.append(s[:-1] + [s[0]])
            open_.remove(s)
    return closed, open_


def perimeter_t(p, box):
    """Position of a point on the box boundary, counter-clockwise from the south-west corner."""
    w, e, s, n = box
    x, y = p
    if abs(y - s) < 1e-6:
        return x - w
    if abs(x - e) < 1e-6:
        return (e - w) + (y - s)
    if abs(y - n) < 1e-6:
        return (e - w) + (n - s) + (e - x)
    if abs(x - w) < 1e-6:
        return 2 * (e - w) + (n - s) + (n - y)
    return None


def area(ring):
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def close_on_box(seg, box):
    """Closes a line that leaves the region by walking the box edge; of the two walks, keeps the
    smaller ring (in this sea-dominated region the land side is the smaller one)."""
    w, e, s, n = box
    corners = [(0.0, (w, s)), (e - w, (e, s)), ((e - w) + (n - s), (e, n)), (2 * (e - w) + (n - s), (w, n))]
    total = 2 * ((e - w) + (n - s))
    t_end, t_start = perimeter_t(seg[-1], box), perimeter_t(seg[0], box)
    if t_end is None or t_start is None:
        return seg + [seg[0]]  # a gap inside the region (a missed bin join): close straight
    rings = []
    for ccw in (True, False):
        walk = []
        span = (t_start - t_end) % total if ccw else (t_end - t_start) % total
        for t, c in corners:
            d = (t - t_end) % total if ccw else (t_end - t) % total
            if 0 < d < span:
                walk.append((d, c))
        rings.append(seg + [c for _, c in sorted(walk)] + [seg[0]])
    return min(rings, key=lambda r: abs(area(r)))


def simplify(ring, tol_m):
    """Douglas-Peucker in a local equirectangular frame (metres); keeps at least 4 points."""
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    kx, ky = 111320.0 * math.cos(lat0), 110540.0
    pts = [(p[0] * kx, p[1] * ky) for p in ring]
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    # A closed ring: split at the point farthest from the start so DP sees two open halves.
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        (x0, y0), (x1, y1) = pts[i], pts[j]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy) or 1e-9
        best, best_d = None, tol_m
        for k in range(i + 1, j):
            d = abs(dy * (pts[k][0] - x0) - dx * (pts[k][1] - y0)) / norm
            if d > best_d:
                best, best_d = k, d
        if best is not None:
            keep[best] = True
            stack += [(i, best), (best, j)]
    out = [p for p, k in zip(ring, keep) if k]
    if len(out) < 4:  # a sliver or islet narrower than the tolerance: keep its extremes
        out = [ring[0], ring[len(ring) // 3], ring[2 * len(ring) // 3], ring[0]]
    return out


def encode(ring):
    q = [(round(x / UNIT), round(y / UNIT)) for x, y in ring]
    dedup = [q[0]]
    for p in q[1:]:
        if p != dedup[-1]:
            dedup.append(p)
    if dedup[-1] != dedup[0]:
        dedup.append(dedup[0])
    if len(dedup) < 4:
        return None
    parts = [f"{dedup[0][0]},{dedup[0][1]}"]
    parts += [f"{b[0] - a[0]},{b[1] - a[1]}" for a, b in zip(dedup, dedup[1:])]
    return " ".join(parts)


def main():
    path, region, tol = sys.argv[1], sys.argv[2], float(sys.argv[3])
    box = tuple(float(v) for v in region.split("/"))
    closed, open_ = chain_open(read_segments(path))
    rings = closed + [close_on_box(s, box) for s in open_]
    print(f"# GSHHG 2.3.7 full resolution, level 1 shorelines, region {region}, Douglas-Peucker {tol:g} m")
    print(f"# one ring per line: first point absolute, then deltas; integers in units of {UNIT:g} degree (lon,lat)")
    n = 0
    for ring in sorted(rings, key=lambda r: -abs(area(r))):
        line = encode(simplify(ring, tol))
        if line:
            print(line)
            n += 1
    print(f"{n} rings from {len(closed)} closed and {len(open_)} open shorelines", file=sys.stderr)


main()
