#!/usr/bin/python3
"""Builds a random-weight internvl pack with H2OVL-Mississippi-0.8B's full shapes, for speed only.

    /usr/bin/python3 scripts/vision/make_random_internvl_pack.py --out /tmp/miss-vl-int8 \\
        --vision-weights int8 --decoder-weights int4
    /usr/bin/python3 scripts/vision/make_random_internvl_pack.py --out /tmp/miss-vl-fp32 \\
        --vision-weights fp32 --decoder-weights int4

Never commit the output (fp32 vision graph about 1.2 GB, fp32 decoder about 1.9 GB). It runs at
the real model's speed but says nothing sensible.

- vision_encoder.onnx: InternViT-300M-448px (vit.INTERNVIT_300M): patch 14 on 448x448 (1024
  patches + class token, learned position embeddings), width 1024, 24 pre-norm LayerNorm blocks
  with layer scale, 16 heads, MLP 4096 (GELU), class token dropped, pixel shuffle 0.5, projector
  mlp1 = LayerNorm(4096) -> Linear(4096, 1536) -> GELU -> Linear(1536, 1536). pixel_values float
  [tiles, 3, 448, 448] -> image_embeds float [tiles, 256, 1536], tiles dynamic. Weights: torch's
  default init from torch.manual_seed(seed), layer scales 0.1.
- decoder, embed_tokens.onnx, tokenizer.json: scripts/slm/make_random_pack.py --shape mississippi
  (run as a child process), fp32 or int4.
- int8 vision / int4 decoder: scripts/slm/quantize_pack.py --graphs ... (child process).
- pack.json: family internvl, the image section of InternVL's preprocessing (max 6 tiles +
  thumbnail, 256 tokens a tile), weight_type (the decoder's) and vision_weight_type.

Deterministic for a seed: the same arguments give the same bytes; the vision weights do not depend
on --vision-weights, so an fp32 and an int8 pack of one seed hold the same network.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SLM = os.path.join(HERE, "..", "slm")
sys.path.insert(0, HERE)
sys.path.insert(0, SLM)
import vit  # noqa: E402
import quantize_pack  # noqa: E402
from quantize_pack import sha256  # noqa: E402

IMAGE = {
    "tile_size": 448, "min_tiles": 1, "max_tiles": 6, "thumbnail": True,
    "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "resize": "bicubic",
    "tokens_per_tile": 256, "image_start": "<img>", "image_context": "<IMG_CONTEXT>",
    "image_end": "</img>",
}
NAME = "random-mississippi-vl"


def build_vision(path, seed):
    torch.manual_seed(seed)
    cfg = vit.Config(**vit.INTERNVIT_300M)
    with torch.no_grad():
        model = vit.InternVision(cfg).eval()
        print(f"vision: {sum(p.numel() for p in model.parameters()) / 1e6:.1f} M parameters",
              flush=True)
        vit.export(model, path, opset=17)
    del model
    import onnx
    onnx.checker.check_model(path)  # the path form: no 2 GB in-memory limit


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--vision-weights", choices=["fp32", "int8"], default="fp32")
    ap.add_argument("--decoder-weights", choices=["fp32", "int4"], default="fp32")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    t0 = time.time()
    quantize = args.vision_weights != "fp32" or args.decoder_weights != "fp32"
    work = tempfile.mkdtemp(prefix="randvl-fp32-") if quantize else args.out
    os.makedirs(work, exist_ok=True)

    # Decoder, embedding and padded tokenizer in fp32 (a child process: its memory goes back).
    subprocess.run([sys.executable, os.path.join(SLM, "make_random_pack.py"), "--out", work,
                    "--shape", "mississippi", "--weights", "fp32", "--seed", str(args.seed)],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"decoder: {time.time() - t0:.0f} s", flush=True)
    t1 = time.time()
    build_vision(os.path.join(work, "vision_encoder.onnx"), args.seed)
    print(f"vision encoder: {time.time() - t1:.0f} s", flush=True)

    with open(os.path.join(work, "pack.json"), encoding="utf-8") as f:
        text_pack = json.load(f)
    pack = {}
    for key, value in text_pack.items():  # keep make_random_pack's key order, add after weight_type
        pack[key] = value
        if key == "weight_type":
            pack["vision_weight_type"] = "fp32"
    pack["name"] = NAME
    pack["family"] = "internvl"
    pack["files"]["vision_encoder"] = {"path": "vision_encoder.onnx",
                                       "sha256": sha256(os.path.join(work, "vision_encoder.onnx"))}
    pack["image"] = IMAGE
    with open(os.path.join(work, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(pack, f, indent=2)
        f.write("\n")

    if quantize:
        t2 = time.time()
        quantize_pack.run_child(work, args.out, args.decoder_weights, args.vision_weights)
        shutil.rmtree(work)
        print(f"quantize: {time.time() - t2:.0f} s", flush=True)
    for f in sorted(os.listdir(args.out)):
        print(f, os.path.getsize(os.path.join(args.out, f)))
    print(f"total: {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
