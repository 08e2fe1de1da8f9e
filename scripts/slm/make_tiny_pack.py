#!/usr/bin/python3
"""Builds the tiny fp32 test pack: a toy Llama-style (danube3-shaped) decoder with random weights.

Writes embed_tokens.onnx, decoder.onnx, tokenizer.json, pack.json (see slm-engine/PACK_FORMAT.md)
and reference.json (token ids, greedy continuations and last-prefill logits from PyTorch), all
deterministic for a seed. Run with Debian's /usr/bin/python3 (python3-torch, python3-onnx):

    /usr/bin/python3 scripts/slm/make_tiny_pack.py --out slm-engine/src/test/resources/tiny-pack
"""

import argparse
import json
import os
import random
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bpe  # noqa: E402
import llama  # noqa: E402

SPECIALS_HEAD = ["<unk>", "<s>", "</s>"]
SPECIALS_TAIL = ["<|prompt|>", "<|end|>", "<|answer|>", "<img>", "</img>", "<IMG_CONTEXT>"]
VOCAB_SIZE = 512
NEW_TOKENS = 24
LOGITS_TOLERANCE = 1e-4

PROMPTS = [
    "<|prompt|>Extract the total as JSON.<|end|><|answer|>",
    '<|prompt|>Receipt: COFFEE 3.50 TOTAL 9.00 date 2024-03-15<|end|><|answer|>{"total": "',
    "<|prompt|>Invoice No. 1234, Café Müller, 12,50 € — paid 2023-11-02.<|end|><|answer|>",
    "<|prompt|>Read the merchant name:\n  ACME STORE\n\tTel 555-0100  <|end|><|answer|>",
    "<|prompt|>日本の領収書 total ¥1,200 it's the customer's copy<|end|><|answer|>",
    '{"items": [{"name": "Tea", "price": 2.25}], "currency": "EUR"}',
]


def corpus(seed):
    """A built-in JSON-ish / receipt-ish corpus, generated deterministically."""
    rng = random.Random(seed)
    words = ("total subtotal tax date merchant name price amount items currency invoice receipt "
             "number paid cash card change store coffee tea bread milk water the and of for to "
             "Extract Read JSON value field customer address phone quantity unit discount").split()
    keys = ["total", "date", "merchant", "items", "name", "price", "currency", "tax", "invoice_no"]
    texts = []
    for _ in range(400):
        k = rng.sample(keys, 3)
        amount = f"{rng.randint(0, 999)}.{rng.randint(0, 99):02d}"
        date = f"20{rng.randint(10, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        texts.append(f'{{"{k[0]}": "{amount}", "{k[1]}": "{date}", "{k[2]}": null}}')
        texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(4, 12))))
        texts.append(f"TOTAL {amount} EUR {date} {rng.choice(words).upper()} {rng.randint(1, 9)} x")
        texts.append(f'{{"items": [{{"name": "{rng.choice(words)}", "price": {amount}}}], "ok": true}}')
    texts.append("Café Müller 12,50 € paid — naïve résumé 日本 ¥")
    return texts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--kv-cache", choices=["concat", "shared"], default="concat",
                    help="concat: past + new as new tensors (tiny-pack); shared: GroupQueryAttention "
                         "over preallocated caches (tiny-pack-shared)")
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(args.seed)

    tok = bpe.build(corpus(args.seed), SPECIALS_HEAD, SPECIALS_TAIL, VOCAB_SIZE)
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok.to_json(), f, ensure_ascii=False, indent=1)
        f.write("\n")

    cfg = llama.Config(vocab_size=VOCAB_SIZE, hidden=64, layers=2, heads=4, kv_heads=2,
                       head_size=16, ffn=128, max_context=512)
    embed, dec = llama.Embed(cfg), llama.Decoder(cfg)
    gen = torch.Generator().manual_seed(args.seed)
    llama.init_weights(embed, dec, cfg, gen, scale=1.0)
    embed.eval()
    dec.eval()

    check_past_and_masks(embed, dec, cfg)
    shared = args.kv_cache == "shared"
    llama.export(embed, dec, cfg, out, shared_kv=shared)

    refs = []
    for text in PROMPTS:
        ids = tok.encode(text)
        with torch.no_grad():
            n = len(ids)
            logits = dec(embed(torch.tensor([ids])), torch.ones(1, n, dtype=torch.int64),
                         torch.arange(n).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
        cont = llama.greedy(embed, dec, cfg, ids, NEW_TOKENS)
        if len(set(cont)) < 4:
            raise SystemExit(f"degenerate greedy output for {text!r}: {cont}")
        refs.append({
            "text": text,
            "input_ids": ids,
            "greedy_ids": cont,
            "last_prefill_logits": [round(float(v), 6) for v in logits[0, -1]],
        })
    eos = tok.vocab["</s>"]
    end = tok.vocab["<|end|>"]
    reference = {
        "comment": "ids from scripts/slm/bpe.py (HF byte-level BPE, no BOS); greedy_ids: PyTorch "
                   "fp32, full recompute each step, attention_mask all ones, position_ids 0..n-1, "
                   "no stop tokens; last_prefill_logits: logits at the last prompt position",
        "seed": args.seed,
        "new_tokens": NEW_TOKENS,
        "logits_abs_tolerance": LOGITS_TOLERANCE,
        "config": cfg.to_dict(),
        "special_tokens": {s: tok.vocab[s] for s in SPECIALS_HEAD + SPECIALS_TAIL},
        "prompts": refs,
    }
    with open(os.path.join(out, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference, f, ensure_ascii=False, indent=1)
        f.write("\n")

    llama.write_pack_json(
        out, cfg, "tiny-llama-shared" if shared else "tiny-llama", "fp32",
        {"bos_id": None, "eos_ids": [eos], "stop_ids": [eos, end], "pad_id": 0},
        {"decoder": "decoder.onnx", "embed_tokens": "embed_tokens.onnx",
         "tokenizer": "tokenizer.json"}, shared_kv=shared)
    for f in sorted(os.listdir(out)):
        print(f, os.path.getsize(os.path.join(out, f)))


def check_past_and_masks(embed, dec, cfg):
    """KV-cache path == full recompute, with past = 0 first, and left padding respected."""
    g = torch.Generator().manual_seed(123)
    ids = torch.randint(0, cfg.vocab_size, (1, 10), generator=g)
    with torch.no_grad():
        full = dec(embed(ids), torch.ones(1, 10, dtype=torch.int64),
                   torch.arange(10).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
        # prefill 6 with past = 0, then 4 single steps
        res = dec(embed(ids[:, :6]), torch.ones(1, 6, dtype=torch.int64),
                  torch.arange(6).unsqueeze(0), *llama.empty_past(cfg, 1))
        past = list(res[1:])
        steps = [res[0][:, -1]]
        for t in range(6, 10):
            res = dec(embed(ids[:, t:t + 1]), torch.ones(1, t + 1, dtype=torch.int64),
                      torch.tensor([[t]]), *past)
            past = list(res[1:])
            steps.append(res[0][:, -1])
        err = max(float((full[:, 5 + i] - s).abs().max()) for i, s in enumerate(steps))
        assert err < 1e-4, f"kv-cache mismatch {err}"
        # batch of 2 with left padding on row 1 (3 pads): its real tokens must match unpadded.
        pad_ids = torch.cat([torch.zeros(1, 3, dtype=torch.int64), ids[:, :7]], dim=1)
        batch_ids = torch.cat([ids, pad_ids], dim=0)
        mask = torch.ones(2, 10, dtype=torch.int64)
        mask[1, :3] = 0
        pos = torch.stack([torch.arange(10), torch.clamp(torch.arange(10) - 3, min=0)])
        out = dec(embed(batch_ids), mask, pos, *llama.empty_past(cfg, 2))
        ref7 = dec(embed(ids[:, :7]), torch.ones(1, 7, dtype=torch.int64),
                   torch.arange(7).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
        err2 = float((out[0][1, 3:] - ref7[0]).abs().max())
        err3 = float((out[0][0] - full[0]).abs().max())
        assert err2 < 1e-4 and err3 < 1e-4, f"padding mismatch {err2} {err3}"
        # a padded single step: row 1 continues after its padded prefix
        step = dec(embed(torch.stack([ids[0, 9:10], ids[0, 6:7]])),
                   torch.cat([mask, torch.ones(2, 1, dtype=torch.int64)], dim=1),
                   torch.tensor([[10], [7]]), *out[1:])
        print(f"torch checks: kv {err:.2e}, left-pad {err2:.2e}, batch {err3:.2e}, step ok "
              f"{tuple(step[0].shape)}")


if __name__ == "__main__":
    main()
