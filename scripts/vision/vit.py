"""InternViT + InternVL projector, with parameterised sizes, written for a clean ONNX export.

Used by make_tiny_vit.py (toy sizes, committed test graph) and make_random_internvl_pack.py
(InternViT-300M-448px / H2OVL-Mississippi-0.8B sizes, random weights, for speed only).

    pixel_values [tiles, 3, tile, tile]
      -> patch embedding Conv2d(3, width, patch, stride patch) -> (grid x grid) patches
      -> prepend a learned class token, add learned position embeddings (1 + grid^2)
      -> `layers` pre-norm blocks: x + ls1 * proj(attn(norm1(x))); x + ls2 * fc2(gelu(fc1(norm2(x))))
         (LayerNorm, qkv with bias, plain softmax attention, exact GELU; ls1 / ls2 = layer scale,
         off in the tiny graph)
      -> drop the class token -> InternVL pixel shuffle 0.5 (ps_version v2): grid/2 x grid/2
         tokens of 4 * width
      -> mlp1 = LayerNorm(4 * width) -> Linear(4 * width, hidden) -> GELU -> Linear(hidden, hidden)
    image_embeds [tiles, (grid / 2)^2, hidden]

Module and parameter names (and the order in which parameters are created, which fixes what a
seeded default init draws) are those of the first tiny graph: changing them changes the
committed tiny_vit.onnx.
"""
import torch
from torch import nn


class Config:
    def __init__(self, tile=448, patch=14, width=1024, heads=16, mlp=4096, layers=24, hidden=1536,
                 eps=1e-5, layer_scale=None, ps_version="v2"):
        self.tile = tile
        self.patch = patch
        self.width = width
        self.heads = heads
        self.mlp = mlp
        self.layers = layers
        self.hidden = hidden  # the language model's hidden size (projector output)
        self.eps = eps  # LayerNorm epsilon inside the ViT (InternViT: 1e-6); mlp1 keeps 1e-5
        self.layer_scale = layer_scale  # initial ls1 / ls2 value (InternViT: 0.1), None = none
        self.ps_version = ps_version  # InternVL's pixel shuffle: v2, or v1 (no final transpose)

    @property
    def grid(self):
        return self.tile // self.patch

    @property
    def tokens_per_tile(self):
        return (self.grid // 2) ** 2


# InternViT-300M-448px (vision tower of H2OVL-Mississippi-0.8B and InternVL2-1B/2B) feeding a
# 1536-wide language model.
INTERNVIT_300M = dict(tile=448, patch=14, width=1024, heads=16, mlp=4096, layers=24, hidden=1536,
                      eps=1e-6, layer_scale=0.1)


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.width, self.heads = cfg.width, cfg.heads
        self.norm1 = nn.LayerNorm(cfg.width, eps=cfg.eps)
        self.qkv = nn.Linear(cfg.width, 3 * cfg.width)
        self.proj = nn.Linear(cfg.width, cfg.width)
        self.norm2 = nn.LayerNorm(cfg.width, eps=cfg.eps)
        self.fc1 = nn.Linear(cfg.width, cfg.mlp)
        self.fc2 = nn.Linear(cfg.mlp, cfg.width)
        self.ls1 = self.ls2 = None
        if cfg.layer_scale is not None:
            self.ls1 = nn.Parameter(torch.full((cfg.width,), float(cfg.layer_scale)))
            self.ls2 = nn.Parameter(torch.full((cfg.width,), float(cfg.layer_scale)))

    def forward(self, x):  # (n, t, width)
        n, t, _ = x.shape
        w, h = self.width, self.heads
        qkv = self.qkv(self.norm1(x)).reshape(n, t, 3, h, w // h).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]  # (n, heads, t, head)
        att = torch.softmax(q @ k.transpose(-2, -1) / (w // h) ** 0.5, dim=-1)
        a = self.proj((att @ v).transpose(1, 2).reshape(n, t, w))
        x = x + (a if self.ls1 is None else a * self.ls1)
        m = self.fc2(nn.functional.gelu(self.fc1(self.norm2(x))))
        return x + (m if self.ls2 is None else m * self.ls2)


def pixel_shuffle(x, scale=0.5, version="v2"):  # InternVL's; v1 leaves the result transposed
    n, w, h, c = x.shape
    x = x.reshape(n, w, int(h * scale), int(c / scale)).permute(0, 2, 1, 3)
    x = x.reshape(n, int(h * scale), int(w * scale), int(c / (scale * scale)))
    return x if version == "v1" else x.permute(0, 2, 1, 3)


class InternVision(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        w, g = cfg.width, cfg.grid
        self.patch = nn.Conv2d(3, w, cfg.patch, cfg.patch)
        self.cls = nn.Parameter(torch.randn(1, 1, w) * 0.02)
        self.pos = nn.Parameter(torch.randn(1, 1 + g * g, w) * 0.02)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.layers))
        self.mlp1 = nn.Sequential(
            nn.LayerNorm(4 * w), nn.Linear(4 * w, cfg.hidden), nn.GELU(), nn.Linear(cfg.hidden, cfg.hidden)
        )

    def forward(self, pixel_values):
        w, g = self.cfg.width, self.cfg.grid
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)  # (n, g*g, width)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.pos
        for b in self.blocks:
            x = b(x)
        x = x[:, 1:, :]  # drop the class token
        x = pixel_shuffle(x.reshape(x.shape[0], g, g, w), version=self.cfg.ps_version)  # (n, g/2, g/2, 4*width)
        x = x.reshape(x.shape[0], -1, 4 * w)  # (n, (g/2)^2, 4*width)
        return self.mlp1(x)


def export(model, path, opset=17):
    """pixel_values [tiles, 3, tile, tile] -> image_embeds [tiles, tokens, hidden], tiles dynamic.

    Traced with one tile. Protobuf caps a file at 2 GB: larger graphs would need external data
    (InternViT-300M is about 1.2 GB in fp32 and stays one file).
    """
    tile = model.cfg.tile
    torch.onnx.export(
        model, torch.zeros(1, 3, tile, tile), path, opset_version=opset,
        input_names=["pixel_values"], output_names=["image_embeds"],
        dynamic_axes={"pixel_values": {0: "tiles"}, "image_embeds": {0: "tiles"}},
    )
