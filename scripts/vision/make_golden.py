#!/usr/bin/python3
"""Writes vision-encoder/src/test/resources/golden/tiling.json and tiling_msac.json (H2OVL's
multi-scale adaptive cropping, use_msac) from internvl_preprocess.py.

Usage: /usr/bin/python3 scripts/vision/make_golden.py
"""
import json
import os

import numpy as np

import internvl_preprocess as ref

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "vision-encoder", "src", "test", "resources", "golden")
OUT = os.path.join(GOLDEN, "tiling.json")
OUT_MSAC = os.path.join(GOLDEN, "tiling_msac.json")
MSAC_MAX_TILES = [6, 12, 4, 3]
MSAC_PIXEL_SIZES = [(1240, 1754), (1000, 1000), (600, 3000), (50, 40), (100, 5000)]

SIZES = [
    (2480, 3508), (2480, 3507), (2550, 3300), (600, 3000), (576, 4000), (3508, 2480),
    (1000, 1000), (50, 40), (448, 448), (449, 448), (896, 448), (100, 5000), (5000, 100),
    (1240, 1754), (300, 700), (1700, 2200), (1344, 896), (3300, 2550), (720, 1280),
    (1280, 720), (447, 448), (896, 896), (897, 896), (1120, 448), (1344, 448), (2000, 800),
    (2500, 1000), (600, 1000), (1, 1), (10, 3000), (4000, 1333), (1499, 1000),
]
# Settings other than the default, to exercise min/max and the tie rule with other tiles.
POLICIES = [
    {"tileSize": 448, "minTiles": 1, "maxTiles": 6, "thumbnail": True},
    {"tileSize": 448, "minTiles": 1, "maxTiles": 12, "thumbnail": True},
    {"tileSize": 224, "minTiles": 2, "maxTiles": 4, "thumbnail": False},
]
PIXEL_SIZES = [(300, 700), (50, 40), (448, 448), (896, 448), (1240, 1754), (600, 3000), (1000, 1000)]
SAMPLES_PER_TILE = 64


def sample_positions(tile_size, n):
    """Deterministic (c, y, x) positions, same formula as the Java test."""
    return [(k % 3, (k * 97 + 13) % tile_size, (k * 181 + 7) % tile_size) for k in range(n)]


def tile_stats(t):
    per_tile = []
    for i in range(t.shape[0]):
        tile = t[i]
        per_tile.append({
            "mean": [float(tile[c].mean()) for c in range(3)],
            "std": [float(tile[c].std()) for c in range(3)],
            "samples": [float(tile[c, y, x]) for c, y, x in sample_positions(448, SAMPLES_PER_TILE)],
        })
    return per_tile


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")


def msac():
    grids = []
    for max_num in MSAC_MAX_TILES:
        for w, h in SIZES:
            first, second = ref.msac_grids(w, h, 448, max_num)
            grids.append({"maxTiles": max_num, "width": w, "height": h, "first": list(first),
                          "second": list(second), "tiles": ref.msac_tile_count(first, second)})
    pixels = []
    for w, h in MSAC_PIXEL_SIZES:
        (first, second), t = ref.msac_preprocess(ref.synthetic_image(w, h))
        pixels.append({"width": w, "height": h, "first": list(first), "second": list(second),
                       "tiles": tile_stats(t.numpy())})
    write(OUT_MSAC, {
        "generator": "scripts/vision/make_golden.py",
        "source": "vLLM h2ovl.py image_to_pixel_values_h2ovl(use_msac=True), tileSize 448",
        "order": "second grid's tiles, first grid's tiles (each only when its grid has more than one), thumbnail",
        "samplesPerTile": SAMPLES_PER_TILE,
        "grids": grids,
        "pixels": pixels,
    })


def main():
    grids = []
    for p in POLICIES:
        for w, h in SIZES:
            cols, rows = ref.choose_grid(w, h, p["tileSize"], p["minTiles"], p["maxTiles"])
            tiles = cols * rows + (1 if p["thumbnail"] and cols * rows > 1 else 0)
            grids.append({"policy": p, "width": w, "height": h, "cols": cols, "rows": rows, "tiles": tiles})
    pixels = []
    for w, h in PIXEL_SIZES:
        (cols, rows), t = ref.dynamic_preprocess(ref.synthetic_image(w, h))
        pixels.append({"width": w, "height": h, "cols": cols, "rows": rows, "tiles": tile_stats(t.numpy())})
    doc = {
        "generator": "scripts/vision/make_golden.py",
        "resize": "PIL-style bicubic (Keys a=-0.5, antialiased support, border renormalisation), clamped, not rounded",
        "samplesPerTile": SAMPLES_PER_TILE,
        "grids": grids,
        "pixels": pixels,
    }
    write(OUT, doc)


if __name__ == "__main__":
    main()
    msac()
