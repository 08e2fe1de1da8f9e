#!/usr/bin/python3
"""Builds a tiny InternVL-shaped vision graph with fixed random weights and exports it to ONNX.

Shape of InternViT + InternVL's projector, scaled down: patch 14 on 448 tiles (32x32 = 1024
patches) plus a class token, 2 pre-norm transformer layers of width 32 (2 heads, MLP 64), the
class token dropped, pixel shuffle 0.5 (-> 16x16 = 256 tokens of 128), then mlp1 =
LayerNorm(128) -> Linear(128, 64) -> GELU -> Linear(64, 64).

Input  pixel_values  float [tiles, 3, 448, 448]
Output image_embeds  float [tiles, 256, 64]

Writes vision-encoder/src/test/resources/tiny-vit/{tiny_vit.onnx, expected.bin, meta.json};
expected.bin is the PyTorch output (float32, little-endian) for the input of `test_input`.
Usage: /usr/bin/python3 scripts/vision/make_tiny_vit.py
"""
import json
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "vision-encoder", "src", "test", "resources", "tiny-vit")

TILE, PATCH, WIDTH, HEADS, MLP, LAYERS, HIDDEN, TEST_TILES = 448, 14, 32, 2, 64, 2, 64, 2


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1 = nn.LayerNorm(WIDTH)
        self.qkv = nn.Linear(WIDTH, 3 * WIDTH)
        self.proj = nn.Linear(WIDTH, WIDTH)
        self.norm2 = nn.LayerNorm(WIDTH)
        self.fc1 = nn.Linear(WIDTH, MLP)
        self.fc2 = nn.Linear(MLP, WIDTH)

    def forward(self, x):  # (n, t, WIDTH)
        n, t, _ = x.shape
        qkv = self.qkv(self.norm1(x)).reshape(n, t, 3, HEADS, WIDTH // HEADS).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # (n, heads, t, head)
        att = torch.softmax(q @ k.transpose(-2, -1) / (WIDTH // HEADS) ** 0.5, dim=-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(n, t, WIDTH))
        return x + self.fc2(nn.functional.gelu(self.fc1(self.norm2(x))))


class TinyInternVision(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, WIDTH, PATCH, PATCH)
        grid = TILE // PATCH
        self.cls = nn.Parameter(torch.randn(1, 1, WIDTH) * 0.02)
        self.pos = nn.Parameter(torch.randn(1, 1 + grid * grid, WIDTH) * 0.02)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.mlp1 = nn.Sequential(
            nn.LayerNorm(4 * WIDTH), nn.Linear(4 * WIDTH, HIDDEN), nn.GELU(), nn.Linear(HIDDEN, HIDDEN)
        )

    @staticmethod
    def pixel_shuffle(x, scale=0.5):  # InternVL's, ps_version v2
        n, w, h, c = x.shape
        x = x.reshape(n, w, int(h * scale), int(c / scale)).permute(0, 2, 1, 3)
        x = x.reshape(n, int(h * scale), int(w * scale), int(c / (scale * scale)))
        return x.permute(0, 2, 1, 3)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)  # (n, 1024, WIDTH)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        for b in self.blocks:
            x = b(x)
        x = x[:, 1:, :]  # drop the class token
        g = TILE // PATCH
        x = self.pixel_shuffle(x.reshape(x.shape[0], g, g, WIDTH))  # (n, 16, 16, 4*WIDTH)
        x = x.reshape(x.shape[0], -1, 4 * WIDTH)  # (n, 256, 4*WIDTH)
        return self.mlp1(x)


def test_input(tiles):
    """Same formula as the Java test: sin of the flat index, scaled to normalised-pixel range."""
    i = np.arange(tiles * 3 * TILE * TILE, dtype=np.float64)
    return (2.0 * np.sin(i * 0.001 + 0.3)).astype(np.float32).reshape(tiles, 3, TILE, TILE)


def main():
    torch.manual_seed(1234)
    model = TinyInternVision().eval()
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "tiny_vit.onnx")
    torch.onnx.export(
        model, torch.zeros(1, 3, TILE, TILE), path, opset_version=17,
        input_names=["pixel_values"], output_names=["image_embeds"],
        dynamic_axes={"pixel_values": {0: "tiles"}, "image_embeds": {0: "tiles"}},
    )
    with torch.no_grad():
        out = model(torch.from_numpy(test_input(TEST_TILES))).numpy().astype("<f4")
    out.tofile(os.path.join(OUT, "expected.bin"))
    meta = {"tileSize": TILE, "tokensPerTile": 256, "hidden": HIDDEN, "testTiles": TEST_TILES,
            "generator": "scripts/vision/make_tiny_vit.py"}
    with open(os.path.join(OUT, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    print(path, os.path.getsize(path), "bytes; output", out.shape, "abs mean", float(np.abs(out).mean()))


if __name__ == "__main__":
    main()
