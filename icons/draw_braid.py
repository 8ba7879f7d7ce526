#!/usr/bin/env python3
"""Writes braid.svg, Braid's app icon: three strands plaited down a rounded tile.

Each strand follows the same figure-eight path (sideways sin t, depth sin 2t) a third of a turn
apart, which is how a three-strand plait crosses: left over middle, then right over middle.
The strands are cut into short pieces drawn back to front, so crossings show who is on top.
Run it again after changing the numbers below, then render.sh for the PNGs.
"""
import math
from pathlib import Path

SIZE = 512
TILE_RADIUS = 112
COLOURS = ["#2dd4bf", "#fbbf24", "#f472b6"]   # teal, amber, pink strands
OUTLINE = "#111827"                           # the gap drawn around a strand on top
TILE_TOP, TILE_BOTTOM = "#312e81", "#1e1b4b"  # indigo tile
AMPLITUDE = 104          # half the braid's width
TOP, BOTTOM = 58, 454    # where the strands enter and leave
TURNS = 1.5              # figure-eight periods from top to bottom
WIDTH = 46               # strand width
PIECES = 240             # points per strand


def strand_points(index):
    phase = index * 2 * math.pi / 3
    points = []
    for i in range(PIECES + 1):
        f = i / PIECES
        t = f * TURNS * 2 * math.pi + phase
        x = SIZE / 2 + AMPLITUDE * math.sin(t)
        y = TOP + f * (BOTTOM - TOP)
        z = math.sin(2 * t)
        points.append((x, y, z))
    return points


def chunks(points):
    """Splits a strand where it passes from behind to in front (depth changes sign)."""
    runs, current = [], [points[0]]
    for a, b in zip(points, points[1:]):
        current.append(b)
        if (a[2] >= 0) != (b[2] >= 0):
            runs.append(current)
            current = [b]
    runs.append(current)
    return runs


def main():
    runs = []
    for index in range(3):
        for run in chunks(strand_points(index)):
            depth = sum(p[2] for p in run) / len(run)
            runs.append((depth, index, run))
    runs.sort(key=lambda run: run[0])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">',
        "<title>Braid</title>",
        "<defs>",
        f'<linearGradient id="tile" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="{TILE_TOP}"/>'
        f'<stop offset="1" stop-color="{TILE_BOTTOM}"/></linearGradient>',
        '<clipPath id="inside"><rect x="16" y="16" width="480" height="480" rx="%d"/></clipPath>' % TILE_RADIUS,
        "</defs>",
        '<rect x="16" y="16" width="480" height="480" rx="%d" fill="url(#tile)"/>' % TILE_RADIUS,
        '<g clip-path="url(#inside)" fill="none" stroke-linejoin="round">',
    ]
    for depth, index, run in runs:
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y, _ in run)
        # Strands behind are a little darker so the weave reads at small sizes too.
        shade = "1" if depth >= 0 else "0.78"
        out.append(f'<path d="{d}" stroke="{OUTLINE}" stroke-width="{WIDTH + 16}"/>')
        out.append(f'<path d="{d}" stroke="{COLOURS[index]}" stroke-opacity="{shade}" stroke-width="{WIDTH}"/>')
    out.append("</g>")
    out.append("</svg>")
    Path(__file__).with_name("braid.svg").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
