#!/usr/bin/python3
"""Writes a random-weight Llama-architecture GGUF at the shapes docsift's benchmarks use.

Written with the gguf-py that ships inside the npm package node-llama-cpp (its llama.cpp source is
the git bundle llama/gitRelease.bundle); see run.sh. The vocabulary is a synthetic SentencePiece
one (<unk>, <s>, </s>, the 256 byte tokens, then placeholders): llama.cpp needs one to load a
model, and a benchmark with random token ids never detokenizes.

    PYTHONPATH=llama.cpp/gguf-py /usr/bin/python3 make_random_gguf.py --shape mississippi --out m.gguf
"""

import argparse

import numpy as np
from gguf import GGMLQuantizationType, GGUFWriter, LlamaFileType, TokenType, quants

SHAPES = {
    # H2OVL-Mississippi-0.8B's decoder (h2o-danube3-500m): the shapes of issue 16's table
    "mississippi": dict(vocab=32000, hidden=1536, layers=16, heads=16, kv_heads=8, ffn=4096,
                        context=8192, rope_theta=100000.0, tied=False),
    # Qwen2.5-0.5B-Instruct: docsift's imported text packs (q, k, v biases are left out here)
    "qwen2.5-0.5b": dict(vocab=151936, hidden=896, layers=24, heads=14, kv_heads=2, ffn=4864,
                         context=32768, rope_theta=1000000.0, tied=True),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", choices=sorted(SHAPES), required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    s = SHAPES[args.shape]
    rng = np.random.default_rng(args.seed)
    head = s["hidden"] // s["heads"]

    w = GGUFWriter(args.out, "llama")
    w.add_name(f"random-{args.shape}")
    w.add_vocab_size(s["vocab"])
    w.add_context_length(s["context"])
    w.add_embedding_length(s["hidden"])
    w.add_block_count(s["layers"])
    w.add_feed_forward_length(s["ffn"])
    w.add_head_count(s["heads"])
    w.add_head_count_kv(s["kv_heads"])
    w.add_rope_dimension_count(head)
    w.add_rope_freq_base(s["rope_theta"])
    w.add_layer_norm_rms_eps(1e-5)
    w.add_file_type(LlamaFileType.MOSTLY_Q4_0)

    tokens = [b"<unk>", b"<s>", b"</s>"] + [f"<0x{b:02X}>".encode() for b in range(256)]
    types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL] + [TokenType.BYTE] * 256
    while len(tokens) < s["vocab"]:
        tokens.append(f"\u2581t{len(tokens)}".encode())
        types.append(TokenType.NORMAL)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_scores([0.0] * len(tokens))
    w.add_token_types(types)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)

    def matrix(name, rows, cols):
        x = (rng.standard_normal((rows, cols), dtype=np.float32) / np.sqrt(cols)).astype(np.float32)
        w.add_tensor(name, quants.quantize(x, GGMLQuantizationType.Q4_0),
                     raw_dtype=GGMLQuantizationType.Q4_0)

    def norm(name, n):
        w.add_tensor(name, np.ones(n, dtype=np.float32))

    h, kv = s["hidden"], s["kv_heads"] * head
    matrix("token_embd.weight", s["vocab"], h)
    for i in range(s["layers"]):
        norm(f"blk.{i}.attn_norm.weight", h)
        matrix(f"blk.{i}.attn_q.weight", h, h)
        matrix(f"blk.{i}.attn_k.weight", kv, h)
        matrix(f"blk.{i}.attn_v.weight", kv, h)
        matrix(f"blk.{i}.attn_output.weight", h, h)
        norm(f"blk.{i}.ffn_norm.weight", h)
        matrix(f"blk.{i}.ffn_gate.weight", s["ffn"], h)
        matrix(f"blk.{i}.ffn_up.weight", s["ffn"], h)
        matrix(f"blk.{i}.ffn_down.weight", h, s["ffn"])
    norm("output_norm.weight", h)
    if not s["tied"]:
        matrix("output.weight", s["vocab"], h)

    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
