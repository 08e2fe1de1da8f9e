#!/usr/bin/python3
"""An independent PyTorch forward of an InternVL release, for checking what convert_internvl.py made.

    /usr/bin/python3 scripts/vision/internvl_reference.py --in CHECKPOINT --out reference.json

Does not use vit.py, llama.py or safetensors_np.py (what the converter uses): the weights are read
with torch.frombuffer, and the modules below are written
after InternVL's modeling_intern_vit.py / modeling_internvl_chat.py and transformers'
LlamaForCausalLM, with the released module names, and the checkpoint's tensors are loaded into
them by those names with load_state_dict(strict=True), so a missing, extra or misshapen
tensor fails here. Only what H2OVL-Mississippi-0.8B uses is written: LayerNorm InternViT with
layer scale and qkv bias, select_layer -1, pixel shuffle 0.5 (ps_version v2: view, permute,
view, permute back), mlp1, the h2ogpt2 template, a Llama decoder (RMSNorm, rotate-half RoPE
from position ids, grouped-query attention by repeating KV heads, SwiGLU); and what InternVL2-1B
adds: a Qwen2 decoder (the same with biases on q, k and v; RoPE theta and RMSNorm eps from
llm_config), the Hermes-2 template (InternVL's system message, ChatML roles, sep <|im_end|>),
and an lm_head tied to the embeddings when tie_word_embeddings is set.

reference.json (the keys core's SlmReferenceTest reads): pixel_values are
make_tiny_vit.test_input(tiles) (already normalised, 448 tiles); prompt_ids are InternVLChatModel
.chat's: the template around '<image>\\n' + instruction, '<image>' replaced by <img>,
<IMG_CONTEXT> x (tokens a tile x tiles), </img>, tokenized with the release's tokenizer.json (BPE
by scripts/slm/bpe.py); the visual embeddings replace the <IMG_CONTEXT> rows in order;
last_prefill_logits at the last prompt position (rounded to 1e-6); greedy_ids by full recompute
each step, no stop tokens; min_top2_margin, the smallest top-1 / top-2 logit gap along them.
"""

import argparse
import json
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "slm"))
import bpe  # noqa: E402
from make_tiny_vit import test_input  # noqa: E402

INSTRUCTION = "Extract the total as JSON."


class Embeddings(nn.Module):
    def __init__(self, v):
        super().__init__()
        w, p = v["hidden_size"], v["patch_size"]
        self.class_embedding = nn.Parameter(torch.zeros(1, 1, w))
        self.patch_embedding = nn.Conv2d(3, w, p, p)
        self.position_embedding = nn.Parameter(torch.zeros(1, 1 + (v["image_size"] // p) ** 2, w))

    def forward(self, pixels):
        x = self.patch_embedding(pixels).flatten(2).transpose(1, 2)
        x = torch.cat([self.class_embedding.expand(x.shape[0], 1, -1), x], dim=1)
        return x + self.position_embedding  # the tile is image_size: no interpolation


class InternAttention(nn.Module):
    def __init__(self, v):
        super().__init__()
        self.heads = v["num_attention_heads"]
        self.qkv = nn.Linear(v["hidden_size"], 3 * v["hidden_size"], bias=v["qkv_bias"])
        self.proj = nn.Linear(v["hidden_size"], v["hidden_size"])

    def forward(self, x):
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        attn = ((q * (c // self.heads) ** -0.5) @ k.transpose(-2, -1)).softmax(dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, c))


class InternMLP(nn.Module):
    def __init__(self, v):
        super().__init__()
        self.fc1 = nn.Linear(v["hidden_size"], v["intermediate_size"])
        self.fc2 = nn.Linear(v["intermediate_size"], v["hidden_size"])

    def forward(self, x):
        return self.fc2(nn.functional.gelu(self.fc1(x)))


class EncoderLayer(nn.Module):
    def __init__(self, v):
        super().__init__()
        w = v["hidden_size"]
        self.attn, self.mlp = InternAttention(v), InternMLP(v)
        self.norm1 = nn.LayerNorm(w, eps=v["layer_norm_eps"])
        self.norm2 = nn.LayerNorm(w, eps=v["layer_norm_eps"])
        self.ls1, self.ls2 = nn.Parameter(torch.ones(w)), nn.Parameter(torch.ones(w))

    def forward(self, x):
        x = x + self.attn(self.norm1(x)) * self.ls1
        return x + self.mlp(self.norm2(x)) * self.ls2


class Encoder(nn.Module):
    def __init__(self, v):
        super().__init__()
        self.layers = nn.ModuleList(EncoderLayer(v) for _ in range(v["num_hidden_layers"]))


class VisionModel(nn.Module):
    def __init__(self, v):
        super().__init__()
        self.embeddings, self.encoder = Embeddings(v), Encoder(v)

    def forward(self, pixels):
        x = self.embeddings(pixels)
        for layer in self.encoder.layers:
            x = layer(x)
        return x


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight, self.eps = nn.Parameter(torch.ones(dim)), eps

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


class LlamaAttention(nn.Module):
    def __init__(self, l):
        super().__init__()
        h, self.heads, self.kv = l["hidden_size"], l["num_attention_heads"], l["num_key_value_heads"]
        self.d = l.get("head_dim") or h // self.heads
        bias = l["architectures"][0] == "Qwen2ForCausalLM"  # Qwen2Attention: q / k / v biases
        self.q_proj = nn.Linear(h, self.heads * self.d, bias=bias)
        self.k_proj = nn.Linear(h, self.kv * self.d, bias=bias)
        self.v_proj = nn.Linear(h, self.kv * self.d, bias=bias)
        self.o_proj = nn.Linear(self.heads * self.d, h, bias=False)

    def forward(self, x, cos, sin):
        b, n, _ = x.shape

        def rot(t):
            return torch.cat((-t[..., self.d // 2:], t[..., :self.d // 2]), dim=-1)

        q = self.q_proj(x).view(b, n, self.heads, self.d).transpose(1, 2)
        k = self.k_proj(x).view(b, n, self.kv, self.d).transpose(1, 2)
        v = self.v_proj(x).view(b, n, self.kv, self.d).transpose(1, 2)
        q, k = q * cos + rot(q) * sin, k * cos + rot(k) * sin
        k = k.repeat_interleave(self.heads // self.kv, dim=1)
        v = v.repeat_interleave(self.heads // self.kv, dim=1)
        scores = q @ k.transpose(-2, -1) / self.d ** 0.5
        causal = torch.ones(n, n, dtype=torch.bool).tril()
        scores = scores.masked_fill(~causal, float("-inf"))
        out = (scores.softmax(dim=-1) @ v).transpose(1, 2).reshape(b, n, -1)
        return self.o_proj(out)


class LlamaMLP(nn.Module):
    def __init__(self, l):
        super().__init__()
        h, f = l["hidden_size"], l["intermediate_size"]
        self.gate_proj = nn.Linear(h, f, bias=False)
        self.up_proj = nn.Linear(h, f, bias=False)
        self.down_proj = nn.Linear(f, h, bias=False)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class LlamaLayer(nn.Module):
    def __init__(self, l):
        super().__init__()
        self.self_attn, self.mlp = LlamaAttention(l), LlamaMLP(l)
        self.input_layernorm = RMSNorm(l["hidden_size"], l["rms_norm_eps"])
        self.post_attention_layernorm = RMSNorm(l["hidden_size"], l["rms_norm_eps"])

    def forward(self, x, cos, sin):
        x = x + self.self_attn(self.input_layernorm(x), cos, sin)
        return x + self.mlp(self.post_attention_layernorm(x))


class LlamaModel(nn.Module):
    def __init__(self, l):
        super().__init__()
        self.embed_tokens = nn.Embedding(l["vocab_size"], l["hidden_size"])
        self.layers = nn.ModuleList(LlamaLayer(l) for _ in range(l["num_hidden_layers"]))
        self.norm = RMSNorm(l["hidden_size"], l["rms_norm_eps"])


class LlamaForCausalLM(nn.Module):
    def __init__(self, l):
        super().__init__()
        self.l = l
        self.model = LlamaModel(l)
        self.lm_head = nn.Linear(l["hidden_size"], l["vocab_size"], bias=False)

    def forward(self, embeds):
        d = self.model.layers[0].self_attn.d
        inv = 1.0 / (self.l["rope_theta"] ** (torch.arange(0, d, 2, dtype=torch.float32) / d))
        freqs = torch.arange(embeds.shape[1], dtype=torch.float32)[:, None] * inv[None, :]
        emb = torch.cat([freqs, freqs], dim=-1)
        cos, sin = emb.cos()[None, None], emb.sin()[None, None]
        x = embeds
        for layer in self.model.layers:
            x = layer(x, cos, sin)
        return self.lm_head(self.model.norm(x))


class InternVLChat(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        v, l = cfg["vision_config"], cfg["llm_config"]
        shuffled = v["hidden_size"] * int(1 / cfg["downsample_ratio"]) ** 2
        self.vision_model = VisionModel(v)
        self.mlp1 = nn.Sequential(nn.LayerNorm(shuffled), nn.Linear(shuffled, l["hidden_size"]),
                                  nn.GELU(), nn.Linear(l["hidden_size"], l["hidden_size"]))
        self.language_model = LlamaForCausalLM(l)

    def extract_feature(self, pixels, scale=0.5):
        x = self.vision_model(pixels)[:, 1:, :]
        h = w = int(x.shape[1] ** 0.5)
        x = x.reshape(x.shape[0], h, w, -1)
        n, w, h, c = x.size()  # InternVLChatModel.pixel_shuffle, ps_version v2
        x = x.view(n, w, int(h * scale), int(c / scale)).permute(0, 2, 1, 3).contiguous()
        x = x.view(n, int(h * scale), int(w * scale), int(c / (scale * scale)))
        x = x.permute(0, 2, 1, 3).contiguous()
        return self.mlp1(x.reshape(x.shape[0], -1, x.shape[-1]))


# The conversation templates of InternVL's conversation.py as InternVLChatModel.chat renders one
# user turn (SeparatorStyle.MPT for Hermes-2: system_template + sep, role + message + sep, the
# assistant role alone; h2ogpt2: NO_COLON_SINGLE without a system prompt). {q} is the question.
HERMES_2_SYSTEM = ("你是由上海人工智能实验室联合商汤科技开发的书生多模态大模型，英文名叫InternVL, "
                   "是一个有用无害的人工智能助手。")


def render(template, question):
    if template == "h2ogpt2":
        return "<|prompt|>" + question + "<|end|>" + "<|answer|>"
    assert template == "Hermes-2", template
    system = "<|im_start|>system\n" + HERMES_2_SYSTEM
    return (system + "<|im_end|>" + "<|im_start|>user\n" + question + "<|im_end|>"
            + "<|im_start|>assistant\n")


def read_weights(folder):
    """Every tensor of the release as float32, read with torch (not the converter's numpy reader):
    the 8-byte little-endian header length, the JSON header, torch.frombuffer on the raw bytes."""
    dtypes = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}
    index = os.path.join(folder, "model.safetensors.index.json")
    if os.path.isfile(index):
        with open(index, encoding="utf-8") as f:
            files = sorted(set(json.load(f)["weight_map"].values()))
    else:
        files = ["model.safetensors"]
    out = {}
    for name in files:
        with open(os.path.join(folder, name), "rb") as f:
            raw = f.read()
        n = int.from_bytes(raw[:8], "little")
        header = json.loads(raw[8:8 + n])
        for key, info in header.items():
            if key == "__metadata__":
                continue
            begin, end = info["data_offsets"]
            t = torch.frombuffer(bytearray(raw[8 + n + begin:8 + n + end]), dtype=dtypes[info["dtype"]])
            out[key] = t.reshape(info["shape"]).float()
    return out


def tokenizer_from(path):
    with open(path, encoding="utf-8") as f:
        t = json.load(f)
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in t["model"]["merges"]]
    return bpe.Tokenizer(t["model"]["vocab"], merges, [(a["content"], a["id"]) for a in t["added_tokens"]])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--in", dest="src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tiles", type=int, default=2)
    ap.add_argument("--new-tokens", type=int, default=16)
    ap.add_argument("--tolerance", type=float, default=1e-3)
    args = ap.parse_args()
    with open(os.path.join(args.src, "config.json"), encoding="utf-8") as f:
        cfg = json.load(f)
    assert cfg["template"] in ("h2ogpt2", "Hermes-2") and cfg.get("select_layer", -1) == -1
    assert cfg.get("ps_version") == "v2" and cfg.get("system_message") is None
    assert cfg["llm_config"]["architectures"][0] in (
        "LlamaForCausalLM", "Qwen2ForCausalLM", "MistralForCausalLM")
    assert cfg["llm_config"].get("sliding_window") is None or cfg["llm_config"]["sliding_window"] \
        >= cfg["llm_config"]["max_position_embeddings"]
    model = InternVLChat(cfg).eval()
    weights = read_weights(args.src)
    if cfg["llm_config"].get("tie_word_embeddings"):  # the release holds no lm_head.weight
        assert "language_model.lm_head.weight" not in weights
        weights["language_model.lm_head.weight"] = weights["language_model.model.embed_tokens.weight"]
    model.load_state_dict(weights, strict=True)

    tok = tokenizer_from(os.path.join(args.src, "tokenizer.json"))
    v = cfg["vision_config"]
    per_tile = int((v["image_size"] // v["patch_size"]) ** 2 * cfg["downsample_ratio"] ** 2)
    query = render(cfg["template"], "<image>\n" + INSTRUCTION)
    query = query.replace("<image>", "<img>" + "<IMG_CONTEXT>" * per_tile * args.tiles + "</img>", 1)
    ids = tok.encode(query)
    context = tok.vocab["<IMG_CONTEXT>"]
    lm = model.language_model
    with torch.no_grad():
        visual = model.extract_feature(torch.from_numpy(test_input(args.tiles)))
        x = lm.model.embed_tokens(torch.tensor([ids]))[0].clone()
        rows = [i for i, t in enumerate(ids) if t == context]
        x[rows] = visual.reshape(-1, x.shape[-1])
        x = x.unsqueeze(0)
        greedy, margins = [], []
        for _ in range(args.new_tokens):
            logits = lm(x)[0, -1]
            if not greedy:
                last = [round(float(val), 6) for val in logits]
            top = torch.topk(logits, 2).values
            margins.append(float(top[0] - top[1]))
            greedy.append(int(torch.argmax(logits)))
            x = torch.cat([x, lm.model.embed_tokens(torch.tensor([[greedy[-1]]]))], dim=1)
    if len(set(greedy)) < 4:
        raise SystemExit(f"degenerate greedy output: {greedy}")
    reference = {
        "comment": "scripts/vision/internvl_reference.py: an independent PyTorch forward of the "
                   "checkpoint by its released names; pixel_values make_tiny_vit.test_input(tiles); "
                   f"prompt_ids: {cfg['template']} template around <img> <IMG_CONTEXT> x (tokens a tile x tiles) "
                   "</img> '\\n' instruction; logits at the last prompt position; greedy_ids by full "
                   "recompute, no stop tokens",
        "tiles": args.tiles,
        "instruction": INSTRUCTION,
        "prompt_ids": ids,
        "last_prefill_logits": last,
        "greedy_ids": greedy,
        "min_top2_margin": round(min(margins), 6),
        "logits_abs_tolerance": args.tolerance,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(reference, f)
        f.write("\n")
    print(f"{len(ids)} prompt ids, greedy {greedy}, smallest top-2 margin {min(margins):.4f}")


if __name__ == "__main__":
    main()
