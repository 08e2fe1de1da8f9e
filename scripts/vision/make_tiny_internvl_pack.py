#!/usr/bin/python3
"""Builds the tiny InternVL-shaped test pack: the tiny vision graph and the tiny decoder together.

The vision graph is scripts/vision/make_tiny_vit.py's (patch 14 on 448 tiles, 2 layers, pixel
shuffle 0.5, MLP projector; 256 tokens of 64 per tile, seed 1234); the decoder, embedding graph
and tokenizer are scripts/slm/make_tiny_pack.py's (hidden 64, seed 0), declared with a context of
4096 so that a page of seven tiles (1792 visual tokens) fits with its prompt and answer. RoPE is
computed from position_ids, so the same graph serves any declared context.

Writes DIR/{vision_encoder.onnx, embed_tokens.onnx, decoder.onnx, tokenizer.json, pack.json,
reference.json}. reference.json holds, for a fixed image of two tiles (pixel values from
make_tiny_vit.test_input) and a fixed instruction: the prompt ids (the layout the Java
PromptBuilder writes), the logits at the last prompt position after the visual embeddings replace
the <IMG_CONTEXT> rows, and the greedy continuation (PyTorch fp32, full recompute each step).

    /usr/bin/python3 scripts/vision/make_tiny_internvl_pack.py --out core/src/test/resources/tiny-internvl
"""

import argparse
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "slm"))
import bpe  # noqa: E402
import llama  # noqa: E402
import make_tiny_pack as tiny  # noqa: E402
import make_tiny_vit as vit  # noqa: E402

MAX_CONTEXT = 4096
TILES = 2
NEW_TOKENS = 16
INSTRUCTION = "Extract the total as JSON."
IMAGE = {
    "tile_size": 448, "min_tiles": 1, "max_tiles": 6, "thumbnail": True,
    "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "resize": "bicubic",
    "tokens_per_tile": 256, "image_start": "<img>", "image_context": "<IMG_CONTEXT>",
    "image_end": "</img>",
}


def prompt_ids(tok, instruction, image_tokens):
    """<|prompt|> <img> <IMG_CONTEXT> x n </img> "\\n" + instruction <|end|><|answer|>."""
    v = tok.vocab
    return (tok.encode("<|prompt|>") + [v["<img>"]] + [v["<IMG_CONTEXT>"]] * image_tokens
            + [v["</img>"]] + tok.encode("\n" + instruction) + tok.encode("<|end|><|answer|>"))


def spliced(embed, ids, context_id, visual):
    x = embed(torch.tensor([ids]))[0].clone()
    rows = [i for i, t in enumerate(ids) if t == context_id]
    assert len(rows) == visual.shape[0], (len(rows), visual.shape)
    x[rows] = visual
    return x.unsqueeze(0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)

    # The vision graph first, with make_tiny_vit's seed, so its weights are that script's.
    torch.manual_seed(1234)
    vision = vit.vit.InternVision(vit.CONFIG).eval()
    vit.vit.export(vision, os.path.join(out, "vision_encoder.onnx"), opset=17)

    seed = 0
    torch.manual_seed(seed)
    tok = bpe.build(tiny.corpus(seed), tiny.SPECIALS_HEAD, tiny.SPECIALS_TAIL, tiny.VOCAB_SIZE)
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok.to_json(), f, ensure_ascii=False, indent=1)
        f.write("\n")
    cfg = llama.Config(vocab_size=tiny.VOCAB_SIZE, hidden=vit.HIDDEN, layers=2, heads=4,
                       kv_heads=2, head_size=16, ffn=128, max_context=MAX_CONTEXT)
    embed, dec = llama.Embed(cfg), llama.Decoder(cfg)
    llama.init_weights(embed, dec, cfg, torch.Generator().manual_seed(seed), scale=1.0)
    embed.eval()
    dec.eval()
    llama.export(embed, dec, cfg, out, shared_kv=False)  # the committed tiny-internvl

    context_id = tok.vocab["<IMG_CONTEXT>"]
    ids = prompt_ids(tok, INSTRUCTION, TILES * IMAGE["tokens_per_tile"])
    with torch.no_grad():
        visual = vision(torch.from_numpy(vit.test_input(TILES)))  # (tiles, 256, 64)
        visual = visual.reshape(-1, cfg.hidden)
        x = spliced(embed, ids, context_id, visual)
        greedy = []
        for _ in range(NEW_TOKENS):
            n = x.shape[1]
            logits = dec(x, torch.ones(1, n, dtype=torch.int64),
                         torch.arange(n, dtype=torch.int64).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
            if not greedy:
                last = [round(float(v), 6) for v in logits[0, -1]]
            t = int(torch.argmax(logits[0, -1]))
            greedy.append(t)
            x = torch.cat([x, embed(torch.tensor([[t]]))], dim=1)
    if len(set(greedy)) < 4:
        raise SystemExit(f"degenerate greedy output: {greedy}")

    eos, end = tok.vocab["</s>"], tok.vocab["<|end|>"]
    llama.write_pack_json(
        out, cfg, "tiny-internvl", "fp32",
        {"bos_id": None, "eos_ids": [eos], "stop_ids": [eos, end], "pad_id": 0},
        {"decoder": "decoder.onnx", "embed_tokens": "embed_tokens.onnx",
         "tokenizer": "tokenizer.json", "vision_encoder": "vision_encoder.onnx"},
        shared_kv=False)
    with open(os.path.join(out, "pack.json"), encoding="utf-8") as f:
        pack = json.load(f)
    pack["family"] = "internvl"
    pack["image"] = IMAGE
    with open(os.path.join(out, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(pack, f, indent=2)
        f.write("\n")

    reference = {
        "comment": "pixel_values: make_tiny_vit.test_input(tiles); prompt_ids: <|prompt|> <img> "
                   "<IMG_CONTEXT> x (256 * tiles) </img> then '\\n' + instruction, <|end|><|answer|>; "
                   "the visual embeddings replace the <IMG_CONTEXT> rows in order; logits at the last "
                   "prompt position; greedy_ids by full recompute, no stop tokens",
        "tiles": TILES,
        "instruction": INSTRUCTION,
        "prompt_ids": ids,
        "last_prefill_logits": last,
        "greedy_ids": greedy,
        "logits_abs_tolerance": 1e-3,
    }
    with open(os.path.join(out, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference, f)
        f.write("\n")
    for name in sorted(os.listdir(out)):
        print(name, os.path.getsize(os.path.join(out, name)))


if __name__ == "__main__":
    main()
