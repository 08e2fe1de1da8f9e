#!/usr/bin/python3
"""Converts an InternVL safetensors release (H2OVL-Mississippi-0.8B and -2B, InternVL2-1B) into a docsift internvl pack.

    /usr/bin/python3 scripts/vision/convert_internvl.py --in H2OVL-Mississippi-800M --out PACKDIR \\
        [--vision-weights int8|fp32] [--decoder-weights int4|fp32] [--name NAME]

Reads the release folder: config.json (InternVLChatConfig: vision_config, llm_config,
downsample_ratio, force_image_size, min / max_dynamic_patch, use_thumbnail, template,
ps_version, select_layer, use_msac), model.safetensors or model.safetensors.index.json with its
shards (F32, F16 or BF16, read with numpy: safetensors_np.py), tokenizer.json,
tokenizer_config.json, added_tokens.json and generation_config.json when present. The released parameters are loaded by name into the project's modules (vit.py's
InternVision, llama.py's Embed and Decoder: see VISION_NAMES and the language model's names,
which are llama.py's own under language_model.model. / language_model.lm_head) and exported
with their export code; quantize_pack.py then makes the decoder int4 (MatMulNBits, block 32) and
the vision encoder int8 (DynamicQuantizeMatMul), the defaults. pack.json is written as
make_random_internvl_pack.py writes it, with the values of the release's configs.

use_msac (H2OVL's multi-scale adaptive cropping, H2OVL-Mississippi-2B) converts to pack.json's
image.msac: true, with min_tiles 1 and thumbnail true, which both of its passes use whatever
min_dynamic_patch and use_thumbnail say (vLLM's h2ovl.py); the graphs are the same as without it.

InternVL2-1B converts too: its language model is Qwen2ForCausalLM (llama.py with q / k / v
biases, qkv_bias), its template Hermes-2 (ChatML with InternVL's system message). So does
H2OVL-Mississippi-2B: its h2o-danube2 is MistralForCausalLM, Llama's names and shapes, with no
sliding window (one shorter than the context is refused).

What it cannot convert it refuses, with exit code 2 and one line saying why: another
architecture (InternLM2 with its fused wqkv, as in InternVL2-2B; Phi-3), RMSNorm or
qk-normalisation in the vision tower (InternViT-6B), a conversation template other than
h2ogpt2 or Hermes-2, a downsample ratio other than 0.5, a missing file or tensor.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SLM = os.path.join(HERE, "..", "slm")
sys.path.insert(0, HERE)
sys.path.insert(0, SLM)
import quantize_pack  # noqa: E402
import safetensors_np  # noqa: E402

# InternVL's conversation templates docsift can write as a {query} template, with the separator
# that ends the answer (InternVLChatModel.chat stops at the template's sep). h2ogpt2 is H2OVL's:
# roles <|prompt|> / <|answer|>, NO_COLON_SINGLE, sep <|end|>, no system prompt.
# Hermes-2 is InternVL2-1B's (InternVL's conversation.py): system_template
# '<|im_start|>system\n{system_message}', the system message below (InternVLChatModel.chat sets
# template.system_message to the template's own unless config.json gives one), roles
# '<|im_start|>user\n' / '<|im_start|>assistant\n', SeparatorStyle.MPT (system + sep, then
# role + message + sep, the last role alone), sep <|im_end|>.
HERMES_2_SYSTEM = ("你是由上海人工智能实验室联合商汤科技开发的书生多模态大模型，英文名叫InternVL, "
                   "是一个有用无害的人工智能助手。")
TEMPLATES = {
    "h2ogpt2": ("<|prompt|>{query}<|end|><|answer|>", "<|end|>"),
    "Hermes-2": ("<|im_start|>system\n" + HERMES_2_SYSTEM + "<|im_end|><|im_start|>user\n{query}"
                 "<|im_end|><|im_start|>assistant\n", "<|im_end|>"),
}
# llm_config.architectures -> whether q, k and v carry biases (llama.Config.qkv_bias). Qwen2's
# parameter names are LlamaForCausalLM's (model.layers.N.self_attn.q_proj.bias besides);
# MistralForCausalLM's (H2OVL-Mississippi-2B's h2o-danube2) are LlamaForCausalLM's exactly, and
# its only difference, a sliding attention window, is checked in plan().
LANGUAGE_MODELS = {"LlamaForCausalLM": False, "Qwen2ForCausalLM": True, "MistralForCausalLM": False}
IMAGE_TOKENS = ("<img>", "<IMG_CONTEXT>", "</img>")
MEAN, STD = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]  # InternVL's build_transform (ImageNet)


class Refusal(Exception):
    """What the converter cannot convert: printed as one line, exit code 2."""


def load_json(folder, name, required=True):
    path = os.path.join(folder, name)
    if not os.path.isfile(path):
        if required:
            raise Refusal(f"it has no {name}")
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except ValueError as e:
        raise Refusal(f"{name} is not valid JSON ({e})")


def write_pack(folder, pack):
    with open(os.path.join(folder, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(pack, f, indent=2)
        f.write("\n")


def check(condition, why):
    if not condition:
        raise Refusal(why)


def plan(cfg):
    """The module sizes from config.json, or a Refusal naming what docsift cannot run."""
    archs = cfg.get("architectures") or []
    check(any(a in ("InternVLChatModel", "H2OVLChatModel") for a in archs),
          f"config.json's architectures {archs} is not InternVLChatModel or H2OVLChatModel")
    v, l = cfg.get("vision_config") or {}, cfg.get("llm_config") or {}
    l_arch = (l.get("architectures") or ["?"])[0]
    check(l_arch != "InternLM2ForCausalLM",
          "the language model is InternLM2ForCausalLM (InternVL2-2B, InternVL2-8B): its fused "
          "attention.wqkv is not split by the converter")
    check(l_arch in LANGUAGE_MODELS,
          f"the language model is {l_arch}; only LlamaForCausalLM (H2OVL-Mississippi-0.8B's "
          "h2o-danube3), MistralForCausalLM (H2OVL-Mississippi-2B's h2o-danube2) and "
          "Qwen2ForCausalLM (InternVL2-1B's Qwen2-0.5B) are converted")
    check(v.get("norm_type", "rms_norm") == "layer_norm",
          f"the vision tower uses norm_type {v.get('norm_type', 'rms_norm')}; only layer_norm "
          "(InternViT-300M) is converted")
    check(not v.get("qk_normalization", False), "the vision tower uses qk_normalization, which "
          "docsift's vision graph does not model")
    check(v.get("hidden_act", "gelu") == "gelu", f"vision hidden_act {v.get('hidden_act')}")
    check(cfg.get("system_message") is None, "config.json sets its own system_message, which "
          "the converter does not write into the template")
    template = cfg.get("template")
    check(template in TEMPLATES, f"its conversation template {template!r} is not known to the "
          f"converter (known: {', '.join(TEMPLATES)})")
    check(cfg.get("downsample_ratio") == 0.5,
          f"downsample_ratio {cfg.get('downsample_ratio')} (the vision graph shuffles by 0.5)")
    ps = cfg.get("ps_version", "v1")
    check(ps in ("v1", "v2"), f"ps_version {ps!r}")
    image, patch = v.get("image_size"), v.get("patch_size")
    tile = cfg.get("force_image_size") or image
    check(tile == image, f"force_image_size {tile} differs from the vision tower's image_size "
          f"{image} (its position embeddings would need resizing)")
    check(l.get("hidden_act", "silu") == "silu", f"llm hidden_act {l.get('hidden_act')}")
    check(not l.get("rope_scaling"), f"llm rope_scaling {l.get('rope_scaling')}")
    check(not l.get("attention_bias", False) and not l.get("mlp_bias", False),
          "the language model has attention or MLP biases")
    check(not l.get("use_sliding_window", False),
          "the language model uses sliding-window attention, which the decoder graph does not")
    window = l.get("sliding_window") if l_arch == "MistralForCausalLM" else None
    check(window is None or window >= l.get("max_position_embeddings", 0),
          f"the language model attends within a sliding window of {window} tokens, shorter than "
          "its context; the decoder graph attends to the whole context")
    layers = v["num_hidden_layers"]
    select = cfg.get("select_layer", -1)
    used = layers + 1 + select if select < 0 else select  # hidden_states[select_layer]
    check(0 < used <= layers, f"select_layer {select} for {layers} vision layers")
    heads = l["num_attention_heads"]
    vision = dict(tile=tile, patch=patch, width=v["hidden_size"], heads=v["num_attention_heads"],
                  mlp=v["intermediate_size"], layers=used, hidden=l["hidden_size"],
                  eps=v.get("layer_norm_eps", 1e-6), layer_scale=0.1, ps_version=ps)
    llm = dict(vocab_size=l["vocab_size"], hidden=l["hidden_size"], layers=l["num_hidden_layers"],
               heads=heads, kv_heads=l.get("num_key_value_heads") or heads,
               head_size=l.get("head_dim") or l["hidden_size"] // heads,
               ffn=l["intermediate_size"], max_context=l["max_position_embeddings"],
               rope_theta=float(l.get("rope_theta", 10000.0)), rms_eps=l.get("rms_norm_eps", 1e-6),
               qkv_bias=LANGUAGE_MODELS[l_arch])
    return vision, llm, bool(l.get("tie_word_embeddings", False))


def vision_names(layers):
    """vit.InternVision parameter -> released name (InternVisionModel under vision_model., mlp1)."""
    e = "vision_model.embeddings."
    names = {"patch.weight": e + "patch_embedding.weight", "patch.bias": e + "patch_embedding.bias",
             "cls": e + "class_embedding", "pos": e + "position_embedding"}
    parts = {"qkv": "attn.qkv", "proj": "attn.proj", "fc1": "mlp.fc1", "fc2": "mlp.fc2",
             "norm1": "norm1", "norm2": "norm2"}
    for i in range(layers):
        src = f"vision_model.encoder.layers.{i}."
        for mine, theirs in parts.items():
            for p in ("weight", "bias"):
                names[f"blocks.{i}.{mine}.{p}"] = f"{src}{theirs}.{p}"
        names[f"blocks.{i}.ls1"] = src + "ls1"
        names[f"blocks.{i}.ls2"] = src + "ls2"
    for k in ("0", "1", "3"):  # mlp1 = Sequential(LayerNorm, Linear, GELU, Linear)
        for p in ("weight", "bias"):
            names[f"mlp1.{k}.{p}"] = f"mlp1.{k}.{p}"
    return names


def llm_names(decoder, tied):
    """llama.Decoder parameter -> released name (LlamaForCausalLM or Qwen2ForCausalLM under
    language_model.; Qwen2's q / k / v biases are llama.py's self_attn.{q,k,v}_proj.bias)."""
    names = {}
    for n, _ in decoder.named_parameters():
        if n == "lm_head.weight":
            names[n] = "language_model.model.embed_tokens.weight" if tied else "language_model.lm_head.weight"
        else:
            names[n] = "language_model.model." + n
    return names


def load(module, names, tensors, what, used):
    """Copies the released tensors into module by the name map; a missing or misshapen one refuses.

    Adds the released names it took to used.
    """
    import torch
    state = {}
    for mine, theirs in names.items():
        check(theirs in tensors, f"the checkpoint has no {theirs} ({what})")
        state[mine] = torch.from_numpy(tensors[theirs])
        used.add(theirs)
    try:
        module.load_state_dict(state, strict=True)
    except RuntimeError as e:
        raise Refusal(f"the {what} weights do not fit config.json: {str(e).splitlines()[-1].strip()}")


def token_ids(folder, tokenizer):
    """content -> id for every vocabulary entry and added token (added_tokens.json too)."""
    ids = dict(tokenizer.get("model", {}).get("vocab", {}))
    for t in tokenizer.get("added_tokens", []):
        ids[t["content"]] = t["id"]
    for content, tid in load_json(folder, "added_tokens.json", required=False).items():
        check(ids.get(content, tid) == tid,
              f"added_tokens.json gives {content} id {tid}, tokenizer.json {ids.get(content)}")
        ids[content] = tid
    return ids


def special(config, field):
    t = config.get(field)
    return t.get("content") if isinstance(t, dict) else t


def id_list(value):
    return [value] if isinstance(value, int) else [v for v in value or [] if isinstance(v, int)]


def tokens_section(folder, cfg, llm, ids):
    """bos / eos / stop / pad ids from tokenizer_config.json, generation_config.json, config.json."""
    tok_cfg = load_json(folder, "tokenizer_config.json")
    gen = load_json(folder, "generation_config.json", required=False)
    eos = id_list(gen.get("eos_token_id")) or id_list(cfg["llm_config"].get("eos_token_id"))
    eos_text = special(tok_cfg, "eos_token")
    if eos_text is not None:
        check(eos_text in ids, f"tokenizer_config.json's eos_token {eos_text} is not in tokenizer.json")
        eos.append(ids[eos_text])
    eos = list(dict.fromkeys(eos))
    check(eos, "no end-of-sequence token is given (eos_token_id or eos_token)")
    sep = TEMPLATES[cfg["template"]][1]
    check(sep in ids, f"the template's separator {sep} is not in tokenizer.json")
    stops = list(dict.fromkeys(eos + [ids[sep]]))
    bos = None
    if tok_cfg.get("add_bos_token", False):
        bos = ids.get(special(tok_cfg, "bos_token"))
    pad = id_list(gen.get("pad_token_id")) or ([ids[special(tok_cfg, "pad_token")]]
                                               if special(tok_cfg, "pad_token") in ids else [0])
    for t in stops + [pad[0]] + ([bos] if bos is not None else []):
        check(0 <= t < llm["vocab_size"], f"token id {t} is outside the vocabulary of {llm['vocab_size']}")
    return {"bos_id": bos, "eos_ids": eos, "stop_ids": stops, "pad_id": pad[0]}


def image_section(cfg, vision, ids, vocab):
    for t in IMAGE_TOKENS:
        check(t in ids and ids[t] < vocab, f"tokenizer.json has no {t} token inside the vocabulary")
    dynamic = cfg.get("dynamic_image_size", True)
    msac = bool(cfg.get("use_msac", False)) and dynamic
    grid = vision["tile"] // vision["patch"]
    section = {
        "tile_size": vision["tile"],
        "min_tiles": 1 if msac else cfg.get("min_dynamic_patch", 1) if dynamic else 1,
        "max_tiles": cfg.get("max_dynamic_patch", 6) if dynamic else 1,
        "thumbnail": msac or (bool(cfg.get("use_thumbnail", False)) and dynamic),
        "mean": MEAN, "std": STD, "resize": "bicubic",
        # InternVLChatModel.num_image_token
        "tokens_per_tile": int(grid ** 2 * cfg["downsample_ratio"] ** 2),
        "image_start": IMAGE_TOKENS[0], "image_context": IMAGE_TOKENS[1], "image_end": IMAGE_TOKENS[2],
    }
    if msac:  # only then: packs without it stay as they were
        section["msac"] = True
    return section


def license_of(folder):
    """The licence in the README's front matter, as docsift models import reads it, or None."""
    try:
        with open(os.path.join(folder, "README.md"), encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:]:
        if line.strip() == "---":
            break
        if line.startswith("license:"):
            return line[len("license:"):].strip().lower() or None
    return None


def export(folder, work, vision, llm, tied, shared_kv):
    import torch
    import llama
    import vit
    import onnx
    torch.set_num_threads(max(1, min(4, os.cpu_count() or 1)))
    tensors = safetensors_np.read_folder(folder)
    used = set()
    with torch.no_grad():
        model = vit.InternVision(vit.Config(**vision)).eval()
        cfg = llama.Config(**llm)
        embed, dec = llama.Embed(cfg).eval(), llama.Decoder(cfg).eval()
        load(model, vision_names(vision["layers"]), tensors, "vision", used)
        load(embed, {"embed_tokens.weight": "language_model.model.embed_tokens.weight"}, tensors,
             "embedding", used)
        load(dec, llm_names(dec, tied), tensors, "language model", used)
        # Vision layers after select_layer are not run; any other tensor left over is a part of
        # the network the modules do not have.
        skipped = re.compile(r"vision_model\.encoder\.layers\.(\d+)\.")
        extra = sorted(n for n in tensors if n not in used and not (
            skipped.match(n) and int(skipped.match(n).group(1)) >= vision["layers"]))
        if extra:
            raise Refusal(f"the checkpoint holds {extra[0]}, which the converter does not map"
                          + (f" (and {len(extra) - 1} more)" if len(extra) > 1 else ""))
        tensors.clear()
        vit.export(model, os.path.join(work, "vision_encoder.onnx"))
        del model
        llama.export(embed, dec, cfg, work, shared_kv=shared_kv)
    onnx.checker.check_model(os.path.join(work, "vision_encoder.onnx"))
    return cfg


def default_name(folder, args):
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", os.path.basename(os.path.abspath(folder))).strip("-._")
    suffix = f"-{args.decoder_weights}" + ("-vision-int8" if args.vision_weights == "int8" else "")
    return ((base or "internvl")[:64 - len(suffix)] + suffix).lower()


def convert(args):
    folder = args.src
    check(os.path.isdir(folder), f"there is no folder {folder}")
    cfg = load_json(folder, "config.json")
    vision, llm, tied = plan(cfg)
    check(os.path.isfile(os.path.join(folder, "model.safetensors"))
          or os.path.isfile(os.path.join(folder, "model.safetensors.index.json")),
          "it has no model.safetensors or model.safetensors.index.json")
    tokenizer = load_json(folder, "tokenizer.json")
    ids = token_ids(folder, tokenizer)
    tokens = tokens_section(folder, cfg, llm, ids)
    image = image_section(cfg, vision, ids, llm["vocab_size"])
    name = args.name or default_name(folder, args)
    check(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", name), f"--name {name!r} is no pack name")

    t0 = time.time()
    quantize = args.vision_weights != "fp32" or args.decoder_weights != "fp32"
    created = not os.path.exists(args.out)
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="ivl-fp32-", dir=args.out) if quantize else args.out
    try:
        import llama
        shared_kv = args.kv_cache == "shared"
        cfg_llm = export(folder, work, vision, llm, tied, shared_kv)
        print(f"export: {time.time() - t0:.0f} s", flush=True)
        shutil.copyfile(os.path.join(folder, "tokenizer.json"), os.path.join(work, "tokenizer.json"))
        files = {"decoder": "decoder.onnx", "embed_tokens": "embed_tokens.onnx",
                 "tokenizer": "tokenizer.json", "vision_encoder": "vision_encoder.onnx"}
        if os.path.exists(os.path.join(work, "decoder.onnx.data")):
            files["decoder_data"] = "decoder.onnx.data"
        llama.write_pack_json(work, cfg_llm, name, "fp32", tokens, files, shared_kv=shared_kv)
        pack = load_json(work, "pack.json")
        pack["license"] = license_of(folder)
        pack["vision_weight_type"] = "fp32"
        pack["family"] = "internvl"
        pack["chat_template"] = TEMPLATES[cfg["template"]][0]
        pack["image"] = image
        write_pack(work, pack)
        if quantize:
            t1 = time.time()
            quantize_pack.run_child(work, args.out, args.decoder_weights, args.vision_weights)
            pack = load_json(args.out, "pack.json")
            pack["name"] = name  # quantize_pack appends suffixes; the name asked for stays
            write_pack(args.out, pack)
            print(f"quantize: {time.time() - t1:.0f} s", flush=True)
    except BaseException:
        if created:  # leave no half-written pack behind
            shutil.rmtree(args.out, ignore_errors=True)
        raise
    finally:
        if quantize:
            shutil.rmtree(work, ignore_errors=True)
    for f in sorted(os.listdir(args.out)):
        print(f, os.path.getsize(os.path.join(args.out, f)))
    print(f"total: {time.time() - t0:.0f} s; install with: docsift models install {args.out}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--in", dest="src", required=True, help="the downloaded release folder")
    ap.add_argument("--out", required=True, help="the pack folder to write")
    ap.add_argument("--vision-weights", choices=["int8", "fp32"], default="int8")
    ap.add_argument("--decoder-weights", choices=["int4", "fp32"], default="int4")
    ap.add_argument("--name", help="the pack's name (default: the folder's name and the weights)")
    ap.add_argument("--kv-cache", choices=["shared", "concat"], default="shared",
                    help="shared (default): the decoder attends through ONNX Runtime's "
                         "GroupQueryAttention over caches it writes in place; concat: each step "
                         "returns past + new as new tensors (slower at long contexts)")
    args = ap.parse_args()
    try:
        convert(args)
    except (Refusal, OSError, ValueError) as e:  # OSError, ValueError: a missing shard, a damaged header
        print(f"convert_internvl: cannot convert {args.src}: {str(e).rstrip('.')}.", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
