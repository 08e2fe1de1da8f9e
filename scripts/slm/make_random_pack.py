#!/usr/bin/python3
"""Builds a random-weight pack with a real model's decoder shapes, for speed benchmarks only.

    /usr/bin/python3 scripts/slm/make_random_pack.py --out /tmp/mississippi-rand --shape mississippi
    /usr/bin/python3 scripts/slm/make_random_pack.py --out /tmp/mississippi-rand-int4 \\
        --shape mississippi --weights int4

Never commit the output (the fp32 decoder is about 1.9 GB, the bfloat16 embedding about 100 MB).

`mississippi` is H2OVL-Mississippi-0.8B's language model (h2o-danube3-500m): hidden 1536, 16
layers, 16 heads / 8 KV heads (head size 96), FFN 4096, vocabulary 32000, context 8192. The output
runs at that model's speed but says nothing sensible.

The tokenizer is the tiny pack's byte-level BPE (same corpus, seed and merges) padded to 32000 ids
with synthetic word-like vocabulary entries (" tok", "ab12", "\\",\\"" …) so that the byte table a
constraint works with has a realistic size and mix. No merge produces a padding entry, so encoding
never yields one; the model may generate them, and they decode to their strings.

Memory: an int4 build peaked at 9.4 GB RSS, about 1.5 min on 2 cores (fp32 alone: less). The
export uses small dummy inputs (batch 2, seq 3, past 4).
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bpe  # noqa: E402
import llama  # noqa: E402
import make_tiny_pack as tiny  # noqa: E402

SHAPES = {
    "mississippi": dict(vocab_size=32000, hidden=1536, layers=16, heads=16, kv_heads=8,
                        head_size=96, ffn=4096, max_context=8192),
}


def padded_tokenizer(seed, vocab_size):
    tok = bpe.build(tiny.corpus(seed), tiny.SPECIALS_HEAD, tiny.SPECIALS_TAIL, tiny.VOCAB_SIZE)
    rng = random.Random(seed + 1)
    letters = "abcdefghijklmnopqrstuvwxyz"
    space = bpe.BYTE_TO_CHAR[ord(" ")]
    pieces = ['",', '":', '": "', '"}', "},", "],", "{", ".0", ".00", "-0", "/", "€", "é"]
    while len(tok.vocab) < vocab_size:
        r = rng.random()
        if r < 0.55:
            s = space + "".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
        elif r < 0.8:
            s = "".join(rng.choice(letters) for _ in range(rng.randint(1, 7)))
        elif r < 0.92:
            s = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 3)))
        else:
            s = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 2)))
        # Vocabulary strings are in the byte-level alphabet: map the UTF-8 bytes of non-ASCII.
        s = "".join(c if c == space else "".join(bpe.BYTE_TO_CHAR[b] for b in c.encode()) for c in s)
        if s not in tok.vocab:
            tok.vocab[s] = len(tok.vocab)
    return tok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--shape", choices=sorted(SHAPES), default="mississippi")
    ap.add_argument("--weights", choices=["fp32", "int4"], default="fp32")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kv-cache", choices=["shared", "concat"], default="shared",
                    help="shared: GroupQueryAttention over preallocated caches written in place; "
                         "concat: each step returns past + new as new tensors")
    ap.add_argument("--accuracy-level", type=int, default=4,
                    help="int4 only: MatMulNBits accuracy_level (see quantize_pack.py)")
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    cfg = llama.Config(**SHAPES[args.shape])

    work = args.out if args.weights == "fp32" else tempfile.mkdtemp(prefix="randpack-fp32-")
    os.makedirs(work, exist_ok=True)
    tok = padded_tokenizer(args.seed, cfg.vocab_size)
    with open(os.path.join(work, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok.to_json(), f, ensure_ascii=False)
        f.write("\n")

    with torch.no_grad():
        embed, dec = llama.Embed(cfg), llama.Decoder(cfg)
        llama.init_weights(embed, dec, cfg, torch.Generator().manual_seed(args.seed))
        # The real checkpoint ships in bfloat16: a table of bfloat16 values is exported as one
        # (llama.bf16_table), so the pack holds what a converted one would.
        embed.embed_tokens.weight.data = embed.embed_tokens.weight.data.to(torch.bfloat16).float()
        embed.eval()
        dec.eval()
        llama.export(embed, dec, cfg, work, shared_kv=args.kv_cache == "shared")
    del embed, dec
    files = {"decoder": "decoder.onnx", "embed_tokens": "embed_tokens.onnx",
             "tokenizer": "tokenizer.json"}
    if os.path.exists(os.path.join(work, "decoder.onnx.data")):
        files["decoder_data"] = "decoder.onnx.data"
    eos, end = tok.vocab["</s>"], tok.vocab["<|end|>"]
    llama.write_pack_json(work, cfg, f"random-{args.shape}", "fp32",
                          {"bos_id": None, "eos_ids": [eos], "stop_ids": [eos, end], "pad_id": 0},
                          files, shared_kv=args.kv_cache == "shared")
    if args.weights == "int4":
        subprocess.run([sys.executable, os.path.join(HERE, "quantize_pack.py"), "--in", work,
                        "--out", args.out, "--type", "int4",
                        "--accuracy-level", str(args.accuracy_level)], check=True)
        shutil.rmtree(work)
    for f in sorted(os.listdir(args.out)):
        print(f, os.path.getsize(os.path.join(args.out, f)))


if __name__ == "__main__":
    main()
