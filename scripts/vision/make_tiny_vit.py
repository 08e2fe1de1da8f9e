#!/usr/bin/python3
"""Builds a tiny InternVL-shaped vision graph with fixed random weights and exports it to ONNX.

Shape of InternViT + InternVL's projector, scaled down: patch 14 on 448 tiles (32x32 = 1024
patches) plus a class token, 2 pre-norm transformer layers of width 32 (2 heads, MLP 64), the
class token dropped, pixel shuffle 0.5 (-> 16x16 = 256 tokens of 128), then mlp1 =
LayerNorm(128) -> Linear(128, 64) -> GELU -> Linear(64, 64).

Input  pixel_values  float [tiles, 3, 448, 448]
Output image_embeds  float [tiles, 256, 64]

Writes vision-encoder/src/test/resources/tiny-vit/{tiny_vit.onnx, expected.bin, meta.json}
(or --out DIR); expected.bin is the PyTorch output (float32, little-endian) for the input of
`test_input`. The modules are vit.py's, at toy sizes.
Usage: /usr/bin/python3 scripts/vision/make_tiny_vit.py [--out DIR]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import vit  # noqa: E402

OUT = os.path.join(HERE, "..", "..", "vision-encoder", "src", "test", "resources", "tiny-vit")

TILE, PATCH, WIDTH, HEADS, MLP, LAYERS, HIDDEN, TEST_TILES = 448, 14, 32, 2, 64, 2, 64, 2


CONFIG = vit.Config(tile=TILE, patch=PATCH, width=WIDTH, heads=HEADS, mlp=MLP, layers=LAYERS,
                    hidden=HIDDEN)


def test_input(tiles):
    """Same formula as the Java test: sin of the flat index, scaled to normalised-pixel range."""
    i = np.arange(tiles * 3 * TILE * TILE, dtype=np.float64)
    return (2.0 * np.sin(i * 0.001 + 0.3)).astype(np.float32).reshape(tiles, 3, TILE, TILE)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=OUT, help="output folder (default: the committed test resources)")
    out_dir = ap.parse_args().out
    torch.manual_seed(1234)
    model = vit.InternVision(CONFIG).eval()
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "tiny_vit.onnx")
    vit.export(model, path, opset=17)
    with torch.no_grad():
        out = model(torch.from_numpy(test_input(TEST_TILES))).numpy().astype("<f4")
    out.tofile(os.path.join(out_dir, "expected.bin"))
    meta = {"tileSize": TILE, "tokensPerTile": 256, "hidden": HIDDEN, "testTiles": TEST_TILES,
            "generator": "scripts/vision/make_tiny_vit.py"}
    with open(os.path.join(out_dir, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print(path, os.path.getsize(path), "bytes; output", out.shape, "abs mean", float(np.abs(out).mean()))


if __name__ == "__main__":
    main()
