#!/usr/bin/python3
"""Writes a random-weight Idefics3 model (SmolVLM) in the layout of the public ONNX exports.

The folder looks like a download of HuggingFaceTB/SmolVLM-256M-Instruct with its onnx/ folder:

    config.json                Idefics3Config: scale_factor, image_token_id, vision_config, text_config
    preprocessor_config.json   Idefics3ImageProcessor: size.longest_edge, max_image_size, mean / std
    processor_config.json      image_seq_len
    generation_config.json  tokenizer.json  tokenizer_config.json (with the chat template)
    onnx/vision_encoder.onnx        pixel_values float [batch, images, 3, S, S],
                                    pixel_attention_mask bool [batch, images, S, S]
                                    -> image_features [batch * images, image_seq_len, text_hidden]
    onnx/embed_tokens.onnx          input_ids -> inputs_embeds
    onnx/decoder_model_merged.onnx  inputs_embeds, attention_mask, position_ids,
                                    past_key_values.N.key|value -> logits, present.N.key|value
    reference.json                  PyTorch fp32 (--shape tiny only; not part of the layout)

Architecture, as transformers' modeling_idefics3.py: the SigLIP-like vision transformer (patch
Conv2d, learned position embeddings, pre-norm LayerNorm blocks with a GELU-tanh MLP, post
LayerNorm), the connector (pixel shuffle by scale_factor, then one Linear without bias to the text
width) and the Llama text model of scripts/slm/llama.py (SmolLM2: RMSNorm, RoPE, GQA, SwiGLU,
lm_head tied to the embeddings).

pixel_attention_mask: as Idefics3Model.get_image_features, a patch is attended when any of its
pixels is (the mask unfolded by patch_size, summed, > 0), and the vision attention masks the keys
of the other patches. Position ids are 0..patches-1, which is what transformers computes for a full
mask (docsift never pads a page); transformers' bucketised positions for partly masked images and
its dropping of all-zero padding images are not reproduced.

    --shape tiny           toy sizes (vision 32 wide on 64-pixel tiles, patch 8, scale 2: 16 tokens a
                           tile; text 64 wide, 2 layers), longest edge 128, the tiny BPE tokenizer with
                           SmolVLM's special tokens (slm-engine/src/test/resources/idefics3-prompt);
                           committed for tests
    --shape smolvlm-256m   SmolVLM-256M-Instruct's sizes (vision 768, 12 layers, patch 16 on 512; scale
                           4: 64 tokens a tile; text 576, 30 layers, 9 / 3 heads, FFN 1536, vocabulary
                           49280); for benchmarks, never commit (about 1 GB fp32)

    /usr/bin/python3 scripts/vision/make_idefics3_export.py --shape tiny \\
        --out core/src/test/resources/tiny-idefics3-export
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "slm"))
import bpe  # noqa: E402
import llama  # noqa: E402

TOKENIZER_DIR = os.path.join(HERE, "..", "..", "slm-engine", "src", "test", "resources",
                             "idefics3-prompt")
SHAPES = {
    "tiny": dict(
        vision=dict(hidden=32, layers=2, heads=2, mlp=64, patch=8, image=64),
        scale_factor=2, longest_edge=128,
        text=dict(vocab_size=576, hidden=64, layers=2, heads=4, kv_heads=2, head_size=16, ffn=128,
                  max_context=4096)),
    "smolvlm-256m": dict(
        vision=dict(hidden=768, layers=12, heads=12, mlp=3072, patch=16, image=512),
        scale_factor=4, longest_edge=2048,
        text=dict(vocab_size=49280, hidden=576, layers=30, heads=9, kv_heads=3, head_size=64,
                  ffn=1536, max_context=8192)),
}
NEW_TOKENS = 16
INSTRUCTION = "Extract the total as JSON."
PREFIX, SUFFIX = "<|im_start|>User:", "<end_of_utterance>\nAssistant:"
LN_EPS = 1e-6


class VisionAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.q_proj = nn.Linear(width, width)
        self.k_proj = nn.Linear(width, width)
        self.v_proj = nn.Linear(width, width)
        self.out_proj = nn.Linear(width, width)

    def forward(self, x, key_mask):
        n, t, w = x.shape
        d = w // self.heads
        q = self.q_proj(x).reshape(n, t, self.heads, d).transpose(1, 2)
        k = self.k_proj(x).reshape(n, t, self.heads, d).transpose(1, 2)
        v = self.v_proj(x).reshape(n, t, self.heads, d).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / d ** 0.5)
        scores = torch.where(key_mask[:, None, None, :], scores,
                             torch.tensor(llama.NEG, dtype=scores.dtype))
        out = torch.matmul(torch.softmax(scores, dim=-1), v)
        return self.out_proj(out.transpose(1, 2).reshape(n, t, w))


class VisionLayer(nn.Module):
    def __init__(self, v):
        super().__init__()
        self.layer_norm1 = nn.LayerNorm(v["hidden"], eps=LN_EPS)
        self.self_attn = VisionAttention(v["hidden"], v["heads"])
        self.layer_norm2 = nn.LayerNorm(v["hidden"], eps=LN_EPS)
        self.fc1 = nn.Linear(v["hidden"], v["mlp"])
        self.fc2 = nn.Linear(v["mlp"], v["hidden"])

    def forward(self, x, key_mask):
        x = x + self.self_attn(self.layer_norm1(x), key_mask)
        h = nn.functional.gelu(self.fc1(self.layer_norm2(x)), approximate="tanh")
        return x + self.fc2(h)


class VisionEncoder(nn.Module):
    """pixel_values [b, images, 3, S, S] + pixel_attention_mask [b, images, S, S] -> features."""

    def __init__(self, shape):
        super().__init__()
        v = shape["vision"]
        self.v = v
        self.scale = shape["scale_factor"]
        self.side = v["image"] // v["patch"]
        self.patch_embedding = nn.Conv2d(3, v["hidden"], v["patch"], stride=v["patch"])
        self.position_embedding = nn.Embedding(self.side * self.side, v["hidden"])
        self.layers = nn.ModuleList([VisionLayer(v) for _ in range(v["layers"])])
        self.post_layernorm = nn.LayerNorm(v["hidden"], eps=LN_EPS)
        self.proj = nn.Linear(v["hidden"] * self.scale ** 2, shape["text"]["hidden"], bias=False)

    def pixel_shuffle(self, x):
        # Idefics3Connector.pixel_shuffle, step for step.
        n, seq, c = x.shape
        s = self.scale
        h = w = self.side
        x = x.view(n, h, w, c)
        x = x.view(n, h, w // s, c * s)
        x = x.permute(0, 2, 1, 3)
        x = x.reshape(n, w // s, h // s, c * s * s)
        x = x.permute(0, 2, 1, 3)
        return x.reshape(n, seq // (s * s), c * s * s)

    def forward(self, pixel_values, pixel_attention_mask):
        v, p, side = self.v, self.v["patch"], self.side
        size = v["image"]
        pixels = pixel_values.reshape(-1, 3, size, size)
        mask = pixel_attention_mask.reshape(-1, side, p, side, p).to(torch.float32)
        key_mask = mask.sum(dim=(2, 4)).reshape(-1, side * side) > 0
        x = self.patch_embedding(pixels).flatten(2).transpose(1, 2)
        x = x + self.position_embedding.weight.unsqueeze(0)
        for layer in self.layers:
            x = layer(x, key_mask)
        x = self.post_layernorm(x)
        return self.proj(self.pixel_shuffle(x))


def init_vision(model, gen):
    with torch.no_grad():
        for name, q in model.named_parameters():
            if "layer_norm" in name or "layernorm" in name:
                q.copy_((1.0 if name.endswith("weight") else 0.0)
                        + torch.randn(q.shape, generator=gen) * 0.1)
            elif q.dim() == 1:
                q.copy_(torch.randn(q.shape, generator=gen) * 0.02)
            elif name == "position_embedding.weight":
                q.copy_(torch.randn(q.shape, generator=gen) * 0.5)
            else:
                fan_in = q[0].numel()
                # The projection kept small: visual rows near the size of token embeddings, so the
                # random model's greedy tokens vary instead of repeating one.
                scale = 0.1 if name == "proj.weight" else 1.0
                q.copy_(torch.randn(q.shape, generator=gen) * scale / fan_in ** 0.5)


def load_tokenizer(folder):
    with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as f:
        t = json.load(f)
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in t["model"]["merges"]]
    added = [(a["content"], a["id"]) for a in t["added_tokens"]]
    vocab = dict(t["model"]["vocab"])
    for content, tid in added:
        vocab.setdefault(content, tid)
    return bpe.Tokenizer(vocab, merges, added)


def export_vision(model, shape, path):
    s = shape["vision"]["image"]
    pix = torch.zeros(1, 2, 3, s, s)
    mask = torch.ones(1, 2, s, s, dtype=torch.bool)
    torch.onnx.export(
        model, (pix, mask), path, input_names=["pixel_values", "pixel_attention_mask"],
        output_names=["image_features"],
        dynamic_axes={"pixel_values": {0: "batch_size", 1: "num_images"},
                      "pixel_attention_mask": {0: "batch_size", 1: "num_images"},
                      "image_features": {0: "batch_size_x_num_images"}},
        opset_version=17, do_constant_folding=True)


def export_text(embed, dec, cfg, onnx_dir):
    # embed_tokens.onnx, decoder.onnx; the public layout returns its caches (no shared buffers)
    llama.export(embed, dec, cfg, onnx_dir, shared_kv=False)
    os.replace(os.path.join(onnx_dir, "decoder.onnx"),
               os.path.join(onnx_dir, "decoder_model_merged.onnx"))
    data = os.path.join(onnx_dir, "decoder.onnx.data")
    if os.path.exists(data):  # full sizes: the weights beside it, the graph naming them
        import onnx
        m = onnx.load(os.path.join(onnx_dir, "decoder_model_merged.onnx"))
        onnx.save_model(m, os.path.join(onnx_dir, "decoder_model_merged.onnx"),
                        save_as_external_data=True, all_tensors_to_one_file=True,
                        location="decoder_model_merged.onnx_data", size_threshold=1024)
        os.remove(data)


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")


def configs(out, shape, tok_ids):
    v, t = shape["vision"], shape["text"]
    seq_len = (v["image"] // v["patch"]) ** 2 // shape["scale_factor"] ** 2
    eos = tok_ids["<end_of_utterance>"]
    write_json(os.path.join(out, "config.json"), {
        "architectures": ["Idefics3ForConditionalGeneration"],
        "image_token_id": tok_ids["<image>"],
        "model_type": "idefics3",
        "scale_factor": shape["scale_factor"],
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "vision_config": {
            "hidden_size": v["hidden"], "image_size": v["image"],
            "intermediate_size": v["mlp"], "model_type": "idefics3_vision",
            "num_attention_heads": v["heads"], "num_hidden_layers": v["layers"],
            "patch_size": v["patch"], "hidden_act": "gelu_pytorch_tanh",
            "layer_norm_eps": LN_EPS},
        "text_config": {
            "architectures": ["LlamaForCausalLM"], "model_type": "llama",
            "hidden_size": t["hidden"], "intermediate_size": t["ffn"],
            "num_hidden_layers": t["layers"], "num_attention_heads": t["heads"],
            "num_key_value_heads": t["kv_heads"], "head_dim": t["head_size"],
            "max_position_embeddings": t["max_context"], "rms_norm_eps": 1e-5,
            "rope_theta": 100000.0, "vocab_size": t["vocab_size"], "tie_word_embeddings": True,
            "bos_token_id": tok_ids["<|im_start|>"], "eos_token_id": eos,
            "pad_token_id": tok_ids["<|im_end|>"] if "<|im_end|>" in tok_ids else 2},
    })
    write_json(os.path.join(out, "preprocessor_config.json"), {
        "do_convert_rgb": True, "do_image_splitting": True, "do_normalize": True,
        "do_pad": True, "do_rescale": True, "do_resize": True,
        "image_mean": [0.5, 0.5, 0.5], "image_processor_type": "Idefics3ImageProcessor",
        "image_std": [0.5, 0.5, 0.5], "max_image_size": {"longest_edge": v["image"]},
        "processor_class": "Idefics3Processor", "resample": 1,
        "rescale_factor": 0.00392156862745098,
        "size": {"longest_edge": shape["longest_edge"]}})
    write_json(os.path.join(out, "processor_config.json"),
               {"image_seq_len": seq_len, "processor_class": "Idefics3Processor"})
    write_json(os.path.join(out, "generation_config.json"),
               {"bos_token_id": tok_ids["<|im_start|>"], "eos_token_id": eos,
                "pad_token_id": 2, "use_cache": True})
    return seq_len


def formula_page(side):
    """The reference page: 8-bit RGB, side x side, from a formula the Java test repeats."""
    y, x = np.mgrid[0:side, 0:side]
    r = (x * 7 + y * 3) % 256
    g = (x * y) % 256
    b = (255 - x * 2 + y) % 256
    return np.stack([r, g, b]).astype(np.int64)


def page_pixels(shape):
    """What Idefics3Preprocessor makes of formula_page(longest_edge) when longest_edge is two tiles:
    no resize (already at the longest edge), the 2 x 2 tiles cut out, and the global image by ONNX
    bilinear halving (the mean of each 2 x 2 block)."""
    big, s = shape["longest_edge"], shape["vision"]["image"]
    assert big == 2 * s
    unit = (formula_page(big).astype(np.float64) * 0.00392156862745098).astype(np.float32)
    norm = ((unit.astype(np.float64) - 0.5) / 0.5).astype(np.float32)
    tiles = [norm[:, r * s:(r + 1) * s, c * s:(c + 1) * s] for r in range(2) for c in range(2)]
    q = norm.reshape(3, s, 2, s, 2).astype(np.float32)
    glob = (0.25 * q[:, :, 0, :, 0] + 0.25 * q[:, :, 0, :, 1]
            + 0.25 * q[:, :, 1, :, 0] + 0.25 * q[:, :, 1, :, 1]).astype(np.float32)
    return torch.from_numpy(np.stack(tiles + [glob])[None])  # [1, 5, 3, s, s]


def expand(rows, cols, seq_len):
    run = "<image>" * seq_len
    text = ""
    for r in range(1, rows + 1):
        for c in range(1, cols + 1):
            text += f"<fake_token_around_image><row_{r}_col_{c}>" + run
        text += "\n"
    return text + "\n<fake_token_around_image><global-img>" + run + "<fake_token_around_image>"


def write_reference(out, tok, vision, embed, dec, cfg, shape, seq_len, image_id, seed):
    pixels = page_pixels(shape)
    mask = torch.ones(1, pixels.shape[1], pixels.shape[3], pixels.shape[4], dtype=torch.bool)
    ids = (tok.encode(PREFIX) + tok.encode(expand(2, 2, seq_len)) + tok._encode_plain(INSTRUCTION)
           + tok.encode(SUFFIX))
    with torch.no_grad():
        features = vision(pixels, mask).reshape(-1, cfg.hidden)
        x = torch.tensor([ids])
        rows = (x[0] == image_id).nonzero().flatten()
        assert len(rows) == features.shape[0], (len(rows), features.shape)

        def embeds(seq):
            e = embed(torch.tensor([seq]))
            e[0, rows] = features
            return e

        n = len(ids)
        logits = dec(embeds(ids), torch.ones(1, n, dtype=torch.int64),
                     torch.arange(n).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
        seq, greedy = list(ids), []
        for _ in range(NEW_TOKENS):
            m = len(seq)
            step = dec(embeds(seq), torch.ones(1, m, dtype=torch.int64),
                       torch.arange(m).unsqueeze(0), *llama.empty_past(cfg, 1))[0]
            t = int(torch.argmax(step[0, -1]))
            greedy.append(t)
            seq.append(t)
    write_json(os.path.join(out, "reference.json"), {
        "comment": "PyTorch fp32, full recompute each step: formula_page(longest_edge) as 2 x 2 "
                   "tiles and the global image, the prompt as PromptBuilder.buildGrids writes it, "
                   "image_features in the <image> rows; no stop tokens",
        "seed": seed, "page_side": shape["longest_edge"], "rows": 2, "cols": 2,
        "instruction": INSTRUCTION, "logits_abs_tolerance": 1e-4, "prompt_ids": ids,
        "last_prefill_logits": [round(float(v), 6) for v in logits[0, -1]],
        "greedy_ids": greedy})


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shape", choices=sorted(SHAPES), required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    shape = SHAPES[args.shape]
    out = args.out
    onnx_dir = os.path.join(out, "onnx")
    os.makedirs(onnx_dir, exist_ok=True)
    torch.manual_seed(args.seed)

    for name in ("tokenizer.json", "tokenizer_config.json"):
        with open(os.path.join(TOKENIZER_DIR, name), "rb") as f:
            data = f.read()
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    tok = load_tokenizer(TOKENIZER_DIR)
    tok_ids = dict(tok.added)
    seq_len = configs(out, shape, tok_ids)

    gen = torch.Generator().manual_seed(args.seed)
    cfg = llama.Config(**shape["text"], rope_theta=100000.0, rms_eps=1e-5)
    embed, dec = llama.Embed(cfg), llama.Decoder(cfg)
    llama.init_weights(embed, dec, cfg, gen, scale=1.0)
    with torch.no_grad():  # smaller than llama.py's std 1, as trained embeddings are: with tied
        embed.embed_tokens.weight.mul_(0.1)  # weights the random model then varies its tokens
    dec.lm_head.weight = embed.embed_tokens.weight  # tied, as SmolLM2
    vision = VisionEncoder(shape)
    init_vision(vision, gen)
    for m in (embed, dec, vision):
        m.eval()
    export_vision(vision, shape, os.path.join(onnx_dir, "vision_encoder.onnx"))
    export_text(embed, dec, cfg, onnx_dir)
    if args.shape == "tiny":
        write_reference(out, tok, vision, embed, dec, cfg, shape, seq_len, tok_ids["<image>"],
                        args.seed)
    for root, _, files in os.walk(out):
        for f in sorted(files):
            print(os.path.relpath(os.path.join(root, f), out), os.path.getsize(os.path.join(root, f)))


if __name__ == "__main__":
    main()
