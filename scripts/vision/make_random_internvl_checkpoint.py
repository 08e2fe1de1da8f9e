#!/usr/bin/python3
"""Writes a random-weight InternVL checkpoint laid out as H2OVL-Mississippi-0.8B is released.

    /usr/bin/python3 scripts/vision/make_random_internvl_checkpoint.py --shape tiny --out /tmp/ivl-tiny-ckpt
    /usr/bin/python3 scripts/vision/make_random_internvl_checkpoint.py --shape mississippi \\
        --dtype fp32 --out /tmp/ivl-miss-ckpt

The folder holds what convert_internvl.py reads from a real release:
- model.safetensors: every parameter under its released name (InternVLChatModel: vision_model.*,
  mlp1.{0,1,3}.*, language_model.model.*, language_model.lm_head.weight), in bf16 as released
  (--dtype fp32 for an fp32 file), written with numpy (safetensors_np.py); --shards N splits it
  into N files with a model.safetensors.index.json, as larger releases are;
- config.json: InternVLChatConfig's keys (architectures H2OVLChatModel, vision_config of
  InternViT, llm_config of a LlamaForCausalLM, downsample_ratio, force_image_size,
  max_dynamic_patch, min_dynamic_patch, use_thumbnail, use_msac, template h2ogpt2, ps_version v2,
  select_layer -1);
- generation_config.json, tokenizer.json, tokenizer_config.json, special_tokens_map.json and
  added_tokens.json. tiny: scripts/slm's tiny tokenizer (byte for byte slm-engine's tiny-pack
  tokenizer.json); mississippi: make_random_pack.py's padded 32000-entry tokenizer. Both end with
  <|prompt|>, <|end|>, <|answer|>, <img>, </img>, <IMG_CONTEXT>.

Shapes: tiny = InternViT at width 32 (2 layers, 2 heads, MLP 64, patch 14 on 448, 256 tokens a
tile) and a Llama decoder of hidden 64 (2 layers, 4 / 2 heads, FFN 128, vocabulary 512, RoPE
theta 50000, context 4096); mississippi = InternViT-300M-448px and h2o-danube3-500m's shapes
(hidden 1536, 16 layers, 16 / 8 heads, FFN 4096, vocabulary 32000, context 8192);
tiny-qwen2 = InternVL2-1B's layout at tiny's sizes: architectures InternVLChatModel, llm_config a
Qwen2ForCausalLM (biases on q / k / v, RoPE theta 1e6, RMSNorm eps 1e-6, untied lm_head as
InternVL2-1B releases it), template Hermes-2, max_dynamic_patch 12, generation_config's
eos_token_id [<|im_start|>, <|im_end|>], and a tiny byte-level tokenizer with Qwen2's
<|endoftext|> first and <|im_start|>, <|im_end|>, <img>, </img>, <IMG_CONTEXT> last (Qwen2Tokenizer's
tokenizer_config.json: no BOS, eos <|im_end|>, pad <|endoftext|>). It draws the vision tower,
projector and token embeddings as tiny does (same seed, same values). Weights:
N(0, 1/fan_in) for matrices, N(0, 0.02) for biases, class and position embeddings, 1 + N(0, 0.1)
for norm weights, N(0.1, 0.02) for the layer scales, N(0, 1) for token embeddings, from
numpy's RandomState(seed); deterministic (same arguments, same bytes).
"""

import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "slm"))
import safetensors_np  # noqa: E402

SHAPES = {
    "tiny": dict(
        vision=dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64),
        llm=dict(hidden_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                 intermediate_size=128, vocab_size=512, max_position_embeddings=4096,
                 rope_theta=50000.0)),
    "mississippi": dict(
        vision=dict(hidden_size=1024, num_hidden_layers=24, num_attention_heads=16,
                    intermediate_size=4096),
        llm=dict(hidden_size=1536, num_hidden_layers=16, num_attention_heads=16,
                 num_key_value_heads=8, intermediate_size=4096, vocab_size=32000,
                 max_position_embeddings=8192, rope_theta=10000.0)),
    # InternVL2-1B's layout: the same InternViT, a Qwen2ForCausalLM (q / k / v biases, untied
    # lm_head as released), template Hermes-2, up to 12 tiles.
    "tiny-qwen2": dict(
        vision=dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64),
        llm=dict(hidden_size=64, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                 intermediate_size=128, vocab_size=512, max_position_embeddings=4096,
                 rope_theta=1000000.0)),
}
QWEN2 = ("tiny-qwen2",)
# Qwen2's ChatML tokens (ids 151643..151645 in the real vocabulary) and InternVL's image tokens.
CHATML = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
IMAGE = ["<img>", "</img>", "<IMG_CONTEXT>"]


def vision_config(v, torch_dtype, **initializer):
    """InternViT-300M's vision_config keys (the initializer values differ between releases)."""
    return dict(architectures=["InternVisionModel"], model_type="intern_vit_6b",
                attention_dropout=0.0, drop_path_rate=0.0, dropout=0.0, hidden_act="gelu",
                image_size=448, **initializer, layer_norm_eps=1e-6, norm_type="layer_norm",
                num_channels=3, patch_size=14, qk_normalization=False, qkv_bias=True,
                torch_dtype=torch_dtype, use_flash_attn=False, **v)


def config_json(shape, dtype):
    v, l = SHAPES[shape]["vision"], SHAPES[shape]["llm"]
    torch_dtype = "bfloat16" if dtype == "bf16" else "float32"
    if shape in QWEN2:
        return internvl2_config(v, l, torch_dtype)
    vision = vision_config(v, torch_dtype, initializer_factor=0.1, initializer_range=1e-10)
    llm = dict(architectures=["LlamaForCausalLM"], model_type="llama", attention_bias=False,
               attention_dropout=0.0, bos_token_id=1, eos_token_id=2, hidden_act="silu",
               initializer_range=0.02, mlp_bias=False, pretraining_tp=1, rms_norm_eps=1e-5,
               rope_scaling=None, tie_word_embeddings=False, torch_dtype=torch_dtype,
               use_cache=True, **l)
    return {
        "architectures": ["H2OVLChatModel"],
        "auto_map": {"AutoConfig": "configuration_h2ovl_chat.H2OVLChatConfig",
                     "AutoModel": "modeling_h2ovl_chat.H2OVLChatModel",
                     "AutoModelForCausalLM": "modeling_h2ovl_chat.H2OVLChatModel"},
        "downsample_ratio": 0.5,
        "dynamic_image_size": True,
        "force_image_size": 448,
        "llm_config": llm,
        "max_dynamic_patch": 6,
        "min_dynamic_patch": 1,
        "model_type": "h2ovl_chat",
        "ps_version": "v2",
        "select_layer": -1,
        "template": "h2ogpt2",
        "torch_dtype": torch_dtype,
        "use_backbone_lora": 0,
        "use_llm_lora": 0,
        "use_msac": False,
        "use_thumbnail": True,
        "vision_config": vision,
    }


def internvl2_config(v, l, torch_dtype):
    """InternVL2-1B's config.json keys: InternVLChatModel around InternViT and a Qwen2ForCausalLM."""
    vision = vision_config(v, torch_dtype, initializer_factor=1.0, initializer_range=0.02)
    llm = dict(architectures=["Qwen2ForCausalLM"], model_type="qwen2", attention_dropout=0.0,
               bos_token_id=151643, eos_token_id=151645, hidden_act="silu", initializer_range=0.02,
               max_window_layers=l["num_hidden_layers"], rms_norm_eps=1e-6,
               sliding_window=l["max_position_embeddings"], tie_word_embeddings=False,
               torch_dtype=torch_dtype, use_cache=True, use_sliding_window=False, **l)
    return {
        "architectures": ["InternVLChatModel"],
        "auto_map": {"AutoConfig": "configuration_internvl_chat.InternVLChatConfig",
                     "AutoModel": "modeling_internvl_chat.InternVLChatModel",
                     "AutoModelForCausalLM": "modeling_internvl_chat.InternVLChatModel"},
        "downsample_ratio": 0.5,
        "dynamic_image_size": True,
        "force_image_size": 448,
        "llm_config": llm,
        "max_dynamic_patch": 12,
        "min_dynamic_patch": 1,
        "model_type": "internvl_chat",
        "ps_version": "v2",
        "select_layer": -1,
        "template": "Hermes-2",
        "torch_dtype": torch_dtype,
        "use_backbone_lora": 0,
        "use_llm_lora": 0,
        "use_thumbnail": True,
        "vision_config": vision,
    }


def parameters(cfg, rng):
    """Released name -> float32 array, in the order InternVLChatModel creates them."""
    v, l = cfg["vision_config"], cfg["llm_config"]
    out = {}

    def matrix(name, rows, cols, bias=True):
        out[name + ".weight"] = rng.normal(0, cols ** -0.5, (rows, cols)).astype(np.float32)
        if bias:
            out[name + ".bias"] = rng.normal(0, 0.02, rows).astype(np.float32)

    def norm(name, dim, bias=True):
        out[name + ".weight"] = (1 + rng.normal(0, 0.1, dim)).astype(np.float32)
        if bias:
            out[name + ".bias"] = rng.normal(0, 0.02, dim).astype(np.float32)

    w, p = v["hidden_size"], v["patch_size"]
    grid = v["image_size"] // p
    e = "vision_model.embeddings."
    out[e + "class_embedding"] = rng.normal(0, 0.02, (1, 1, w)).astype(np.float32)
    out[e + "patch_embedding.weight"] = rng.normal(0, (3 * p * p) ** -0.5, (w, 3, p, p)).astype(np.float32)
    out[e + "patch_embedding.bias"] = rng.normal(0, 0.02, w).astype(np.float32)
    out[e + "position_embedding"] = rng.normal(0, 0.02, (1, 1 + grid * grid, w)).astype(np.float32)
    for i in range(v["num_hidden_layers"]):
        b = f"vision_model.encoder.layers.{i}."
        out[b + "ls1"] = rng.normal(0.1, 0.02, w).astype(np.float32)
        out[b + "ls2"] = rng.normal(0.1, 0.02, w).astype(np.float32)
        matrix(b + "attn.qkv", 3 * w, w)
        matrix(b + "attn.proj", w, w)
        matrix(b + "mlp.fc1", v["intermediate_size"], w)
        matrix(b + "mlp.fc2", w, v["intermediate_size"])
        norm(b + "norm1", w)
        norm(b + "norm2", w)
    h = l["hidden_size"]
    shuffled = w * int(1 / cfg["downsample_ratio"]) ** 2
    norm("mlp1.0", shuffled)
    matrix("mlp1.1", h, shuffled)
    matrix("mlp1.3", h, h)
    heads, kv = l["num_attention_heads"], l["num_key_value_heads"]
    d = h // heads
    qkv_bias = l["architectures"][0] == "Qwen2ForCausalLM"
    out["language_model.model.embed_tokens.weight"] = rng.normal(0, 1, (l["vocab_size"], h)).astype(np.float32)
    for i in range(l["num_hidden_layers"]):
        b = f"language_model.model.layers.{i}."
        matrix(b + "self_attn.q_proj", heads * d, h, bias=qkv_bias)
        matrix(b + "self_attn.k_proj", kv * d, h, bias=qkv_bias)
        matrix(b + "self_attn.v_proj", kv * d, h, bias=qkv_bias)
        matrix(b + "self_attn.o_proj", h, heads * d, bias=False)
        matrix(b + "mlp.gate_proj", l["intermediate_size"], h, bias=False)
        matrix(b + "mlp.up_proj", l["intermediate_size"], h, bias=False)
        matrix(b + "mlp.down_proj", h, l["intermediate_size"], bias=False)
        norm(b + "input_layernorm", h, bias=False)
        norm(b + "post_attention_layernorm", h, bias=False)
    norm("language_model.model.norm", h, bias=False)
    matrix("language_model.lm_head", l["vocab_size"], h, bias=False)
    return out


def tokenizer(shape, seed=0):
    import bpe
    import make_tiny_pack as tiny
    if shape == "tiny-qwen2":
        return bpe.build(tiny.corpus(seed), CHATML[:1], CHATML[1:] + IMAGE, tiny.VOCAB_SIZE)
    if shape == "tiny":
        return bpe.build(tiny.corpus(seed), tiny.SPECIALS_HEAD, tiny.SPECIALS_TAIL, tiny.VOCAB_SIZE)
    import make_random_pack
    return make_random_pack.padded_tokenizer(seed, SHAPES[shape]["llm"]["vocab_size"])


def write_json(path, obj, indent=2):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=indent)
        f.write("\n")


def write_tokenizer_files(out, tok, shape):
    write_json(os.path.join(out, "tokenizer.json"), tok.to_json(),
               indent=1 if shape.startswith("tiny") else None)
    added = {content: tid for content, tid in sorted(tok.added, key=lambda t: t[1])}
    if shape in QWEN2:
        write_qwen2_tokenizer_files(out, added)
        return
    specials = [c for c in added if c not in ("<unk>", "<s>", "</s>")]
    write_json(os.path.join(out, "added_tokens.json"), {c: added[c] for c in specials})
    write_json(os.path.join(out, "special_tokens_map.json"), {
        "additional_special_tokens": specials, "bos_token": "<s>", "eos_token": "</s>",
        "pad_token": "<unk>", "unk_token": "<unk>"})
    write_json(os.path.join(out, "tokenizer_config.json"), {
        "add_bos_token": False, "add_eos_token": False,
        "added_tokens_decoder": {str(tid): {"content": c, "lstrip": False, "normalized": False,
                                            "rstrip": False, "single_word": False, "special": True}
                                 for c, tid in added.items()},
        "additional_special_tokens": specials, "bos_token": "<s>", "clean_up_tokenization_spaces": False,
        "eos_token": "</s>", "legacy": False, "model_max_length": 8192, "pad_token": "<unk>",
        "padding_side": "left", "tokenizer_class": "LlamaTokenizer", "unk_token": "<unk>"})


def write_qwen2_tokenizer_files(out, added):
    """Qwen2Tokenizer's files as InternVL2-1B ships them: no BOS, eos <|im_end|>, pad <|endoftext|>."""
    specials = [c for c in added if c != "<|endoftext|>"]
    write_json(os.path.join(out, "added_tokens.json"), dict(added))
    write_json(os.path.join(out, "special_tokens_map.json"), {
        "additional_special_tokens": specials, "eos_token": "<|im_end|>",
        "pad_token": "<|endoftext|>"})
    write_json(os.path.join(out, "tokenizer_config.json"), {
        "add_prefix_space": False,
        "added_tokens_decoder": {str(tid): {"content": c, "lstrip": False, "normalized": False,
                                            "rstrip": False, "single_word": False, "special": True}
                                 for c, tid in added.items()},
        "additional_special_tokens": specials, "bos_token": None, "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>", "errors": "replace", "model_max_length": 32768,
        "pad_token": "<|endoftext|>", "split_special_tokens": False,
        "tokenizer_class": "Qwen2Tokenizer", "unk_token": None})


def generation_config(shape, tok):
    if shape in QWEN2:  # InternVL2-1B's: eos_token_id [<|im_start|>, <|im_end|>]
        return {"eos_token_id": [tok.vocab["<|im_start|>"], tok.vocab["<|im_end|>"]]}
    return {"bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", choices=sorted(SHAPES), required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--dtype", choices=["bf16", "fp32"], default="bf16")
    ap.add_argument("--shards", type=int, default=1, help="split the weights into N files + index")
    ap.add_argument("--msac", action="store_true",
                    help="set use_msac, as H2OVL-Mississippi-2B (the weights do not change)")
    ap.add_argument("--mistral", action="store_true",
                    help="name the Llama-shaped language model MistralForCausalLM (sliding_window"
                         " null), as H2OVL-Mississippi-2B's h2o-danube2 (the weights and their"
                         " names do not change)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    cfg = config_json(args.shape, args.dtype)
    if args.msac:
        cfg["use_msac"] = True
    if args.mistral:
        check_llama = cfg["llm_config"]["architectures"] == ["LlamaForCausalLM"]
        assert check_llama, "--mistral renames a LlamaForCausalLM shape"
        cfg["llm_config"].update(architectures=["MistralForCausalLM"], model_type="mistral",
                                 sliding_window=None)
    write_json(os.path.join(args.out, "config.json"), cfg)
    tok = tokenizer(args.shape)
    write_json(os.path.join(args.out, "generation_config.json"), generation_config(args.shape, tok))
    write_tokenizer_files(args.out, tok, args.shape)

    params = parameters(cfg, np.random.RandomState(args.seed))
    dtype = "BF16" if args.dtype == "bf16" else "F32"
    meta = {"format": "pt"}
    if args.shards <= 1:
        safetensors_np.write_file(os.path.join(args.out, "model.safetensors"), params, dtype, meta)
    else:
        names = list(params)
        weight_map = {}
        size = 0
        for k in range(args.shards):
            part = names[k * len(names) // args.shards:(k + 1) * len(names) // args.shards]
            file = f"model-{k + 1:05d}-of-{args.shards:05d}.safetensors"
            safetensors_np.write_file(os.path.join(args.out, file), {n: params[n] for n in part},
                                      dtype, meta)
            weight_map.update({n: file for n in part})
            size += sum(params[n].size for n in part) * (2 if dtype == "BF16" else 4)
        write_json(os.path.join(args.out, "model.safetensors.index.json"),
                   {"metadata": {"total_size": size}, "weight_map": weight_map})
    count = sum(a.size for a in params.values())
    print(f"{len(params)} tensors, {count / 1e6:.1f} M parameters, {args.dtype}")
    for f in sorted(os.listdir(args.out)):
        print(f, os.path.getsize(os.path.join(args.out, f)))


if __name__ == "__main__":
    main()
