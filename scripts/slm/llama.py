"""A Llama-style decoder (the h2o-danube3 architecture) written for a clean ONNX export.

RMSNorm, rotary position embeddings (rotate-half, theta 10000, driven by position_ids),
grouped-query attention, SwiGLU MLP, no biases, untied lm_head. The decoder module takes
inputs_embeds, attention_mask [batch, past + seq], position_ids [batch, seq] and per-layer past
keys / values [batch, kv_heads, past, head_size], and returns logits plus the present keys and
values [batch, kv_heads, past + seq, head_size]. past may be 0.

With shared_kv (export's default), attention is ONNX Runtime's
GroupQueryAttention contrib op over one preallocated buffer per layer: the decoder takes
inputs_embeds, position_ids, seqlens_k [batch] (int32, past + seq - 1) and total_sequence_length
(int32 scalar) and per-layer caches [batch, kv_heads, capacity, head_size]; each run writes its keys
and values in place at past .. past + seq and returns the same buffers as present. No step copies
or concatenates the cache (PACK_FORMAT.md, "Shared KV cache"). That export also returns the
logits of the run's last position only, [batch, 1, vocab]: generation reads no other, and the
lm_head over a whole prompt was a tenth of a prompt's work and its largest tensor (seq x vocab).
"""

import json
import os

import torch
from torch import nn

NEG = -1.0e9  # finite: a fully masked row (a padded query) softmaxes to uniform, not NaN


class Config:
    def __init__(self, vocab_size, hidden, layers, heads, kv_heads, head_size, ffn,
                 max_context, rope_theta=10000.0, rms_eps=1e-5, qkv_bias=False):
        self.vocab_size = vocab_size
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.kv_heads = kv_heads
        self.head_size = head_size
        self.ffn = ffn
        self.max_context = max_context
        self.rope_theta = rope_theta
        self.rms_eps = rms_eps
        self.qkv_bias = qkv_bias  # Qwen2: biases on the q, k and v projections

    def to_dict(self):
        return dict(self.__dict__)


class RMSNorm(nn.Module):
    def __init__(self, dim, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        var = x.pow(2).mean(-1, keepdim=True)
        return self.weight * (x * torch.rsqrt(var + self.eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        h, d = cfg.hidden, cfg.head_size
        self.q_proj = nn.Linear(h, cfg.heads * d, bias=cfg.qkv_bias)
        self.k_proj = nn.Linear(h, cfg.kv_heads * d, bias=cfg.qkv_bias)
        self.v_proj = nn.Linear(h, cfg.kv_heads * d, bias=cfg.qkv_bias)
        self.o_proj = nn.Linear(cfg.heads * d, h, bias=False)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        cfg = self.cfg
        b, s = x.shape[0], x.shape[1]
        d = cfg.head_size
        rep = cfg.heads // cfg.kv_heads
        q = self.q_proj(x).reshape(b, s, cfg.heads, d).transpose(1, 2)
        k = self.k_proj(x).reshape(b, s, cfg.kv_heads, d).transpose(1, 2)
        v = self.v_proj(x).reshape(b, s, cfg.kv_heads, d).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if isinstance(mask, tuple):  # shared caches: (seqlens_k, total_sequence_length)
            seqlens_k, total = mask
            out, k, v = SharedKvAttention.apply(
                q.transpose(1, 2).reshape(b, s, cfg.heads * d),
                k.transpose(1, 2).reshape(b, s, cfg.kv_heads * d),
                v.transpose(1, 2).reshape(b, s, cfg.kv_heads * d),
                past_k, past_v, seqlens_k, total, cfg.heads, cfg.kv_heads)
            return self.o_proj(out), k, v
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        # GQA without materialising repeated KV: query head h uses KV head h // rep.
        qg = q.reshape(b, cfg.kv_heads, rep, s, d)
        scores = torch.matmul(qg, k.unsqueeze(2).transpose(-1, -2)) * (1.0 / d ** 0.5)
        scores = torch.where(mask, scores, torch.tensor(NEG, dtype=scores.dtype))
        probs = torch.softmax(scores, dim=-1)
        out = torch.matmul(probs, v.unsqueeze(2))  # [b, kv, rep, s, d]
        out = out.reshape(b, cfg.heads, s, d).transpose(1, 2).reshape(b, s, cfg.heads * d)
        return self.o_proj(out), k, v


class SharedKvAttention(torch.autograd.Function):
    """Causal grouped-query attention that writes this run's keys and values into the caches at
    past .. past + seq (past = seqlens_k + 1 - seq) and attends over slots 0 .. seqlens_k.

    Exported as com.microsoft GroupQueryAttention (scale 1 / sqrt(head_size), no rotary: q and k
    come rotated); run eagerly it computes the same thing, so the PyTorch reference stays exact.
    """

    @staticmethod
    def forward(ctx, q, k, v, past_k, past_v, seqlens_k, total, heads, kv_heads):
        b, s = q.shape[0], q.shape[1]
        d = past_k.shape[3]
        rep = heads // kv_heads
        present_k, present_v = past_k.clone(), past_v.clone()
        out = torch.empty(b, s, heads * d, dtype=q.dtype)
        for i in range(b):
            end = int(seqlens_k[i]) + 1
            start = end - s
            present_k[i, :, start:end] = k[i].reshape(s, kv_heads, d).transpose(0, 1)
            present_v[i, :, start:end] = v[i].reshape(s, kv_heads, d).transpose(0, 1)
            keys = present_k[i, :, :end].repeat_interleave(rep, dim=0)  # [heads, end, d]
            values = present_v[i, :, :end].repeat_interleave(rep, dim=0)
            qh = q[i].reshape(s, heads, d).transpose(0, 1)  # [heads, s, d]
            scores = torch.matmul(qh, keys.transpose(-1, -2)) * (1.0 / d ** 0.5)
            allowed = torch.arange(end)[None, :] <= (torch.arange(s) + start)[:, None]
            scores = scores.masked_fill(~allowed, float("-inf"))
            o = torch.matmul(torch.softmax(scores, dim=-1), values)  # [heads, s, d]
            out[i] = o.transpose(0, 1).reshape(s, heads * d)
        return out, present_k, present_v

    @staticmethod
    def symbolic(g, q, k, v, past_k, past_v, seqlens_k, total, heads, kv_heads):
        out, present_k, present_v = g.op(
            "com.microsoft::GroupQueryAttention", q, k, v, past_k, past_v, seqlens_k, total,
            num_heads_i=heads, kv_num_heads_i=kv_heads, outputs=3)
        out.setType(q.type())
        present_k.setType(past_k.type())
        present_v.setType(past_v.type())
        return out, present_k, present_v


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.gate_proj = nn.Linear(cfg.hidden, cfg.ffn, bias=False)
        self.up_proj = nn.Linear(cfg.hidden, cfg.ffn, bias=False)
        self.down_proj = nn.Linear(cfg.ffn, cfg.hidden, bias=False)

    def forward(self, x):
        return self.down_proj(nn.functional.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.input_layernorm = RMSNorm(cfg.hidden, cfg.rms_eps)
        self.self_attn = Attention(cfg)
        self.post_attention_layernorm = RMSNorm(cfg.hidden, cfg.rms_eps)
        self.mlp = MLP(cfg)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        a, k, v = self.self_attn(self.input_layernorm(x), cos, sin, mask, past_k, past_v)
        x = x + a
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, k, v


class Decoder(nn.Module):
    """The decoder graph: everything after the embedding lookup."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.layers = nn.ModuleList([Layer(cfg) for _ in range(cfg.layers)])
        self.norm = RMSNorm(cfg.hidden, cfg.rms_eps)
        self.lm_head = nn.Linear(cfg.hidden, cfg.vocab_size, bias=False)
        d = cfg.head_size
        inv = 1.0 / (cfg.rope_theta ** (torch.arange(0, d, 2, dtype=torch.float32) / d))
        self.register_buffer("inv_freq", inv, persistent=False)

    def rotary(self, position_ids):
        """Rotary tables from explicit positions (left padding shifts them; the caller decides)."""
        freqs = position_ids.unsqueeze(-1).to(torch.float32) * self.inv_freq  # [b, s, d/2]
        emb = torch.cat([freqs, freqs], dim=-1).unsqueeze(1)  # [b, 1, s, d]
        return emb.cos(), emb.sin()

    def forward_shared(self, inputs_embeds, position_ids, seqlens_k, total_sequence_length, *past):
        """One run over shared caches: see the module comment."""
        cos, sin = self.rotary(position_ids)
        return self._layers(inputs_embeds, cos, sin, (seqlens_k, total_sequence_length), past,
                            last_only=True)

    def forward(self, inputs_embeds, attention_mask, position_ids, *past):
        s = inputs_embeds.shape[1]
        cos, sin = self.rotary(position_ids)
        total = attention_mask.shape[1]
        # Causal mask AND padding mask. Query i sits at absolute slot (total - s + i): this holds
        # for prefill (past 0, s > 1) and for steps (s = 1) alike.
        q_slot = torch.arange(s, dtype=torch.int64) + (total - s)
        k_slot = torch.arange(total, dtype=torch.int64)
        causal = k_slot.unsqueeze(0) <= q_slot.unsqueeze(1)  # [s, total]
        pad = attention_mask.to(torch.bool)[:, None, None, None, :]  # [b, 1, 1, 1, total]
        mask = torch.logical_and(causal[None, None, None, :, :], pad)  # [b,1,1,s,total]
        return self._layers(inputs_embeds, cos, sin, mask, past)

    def _layers(self, x, cos, sin, mask, past, last_only=False):
        presents = []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, cos, sin, mask, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        if last_only:
            x = x[:, -1:, :]
        logits = self.lm_head(self.norm(x))
        return (logits, *presents)


class Embed(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.hidden)

    def forward(self, input_ids):
        e = self.embed_tokens(input_ids)
        # A bfloat16 table (see bf16_table) is read as bfloat16 and widened row by row.
        return e if e.dtype == torch.float32 else e.float()


def bf16_exact(weight):
    """Whether every value of a float32 tensor is a bfloat16 value (its low 16 bits are zero), as
    in a checkpoint trained and shipped in bfloat16."""
    bits = weight.detach().contiguous().view(torch.int32)
    return bool(((bits & 0xFFFF) == 0).all())


def bf16_table(embed):
    """The embedding with its table stored as bfloat16 when that loses nothing: the graph then
    holds half the bytes (98 MB instead of 197 MB for a 32000 x 1536 table) and widens only the
    rows it gathers. A table with float32 values is kept as it is."""
    if embed.embed_tokens.weight.dtype != torch.float32 or not bf16_exact(embed.embed_tokens.weight):
        return embed
    import copy
    narrow = copy.deepcopy(embed)
    narrow.embed_tokens.weight.data = narrow.embed_tokens.weight.data.to(torch.bfloat16)
    return narrow


def init_weights(embed, dec, cfg, gen, scale=1.0):
    """Deterministic init, scaled so a random model's greedy output is varied, not one token."""
    def normal(shape, std):
        return torch.randn(shape, generator=gen, dtype=torch.float32) * std

    with torch.no_grad():
        embed.embed_tokens.weight.copy_(normal(embed.embed_tokens.weight.shape, 1.0))
        for name, p in dec.named_parameters():
            if name.endswith("layernorm.weight") or name == "norm.weight":
                p.copy_(1.0 + normal(p.shape, 0.1))
            elif p.dim() == 1:  # a projection's bias
                p.copy_(normal(p.shape, 0.1))
            else:
                fan_in = p.shape[1]
                p.copy_(normal(p.shape, scale / fan_in ** 0.5))


def empty_past(cfg, batch, past_len=0):
    return [torch.zeros(batch, cfg.kv_heads, past_len, cfg.head_size) for _ in range(2 * cfg.layers)]


def names(cfg):
    past, present = [], []
    for i in range(cfg.layers):
        past += [f"past_key_values.{i}.key", f"past_key_values.{i}.value"]
        present += [f"present.{i}.key", f"present.{i}.value"]
    return past, present


class _SharedExport(nn.Module):
    """The decoder's shared-cache entry point as a module's forward, for torch.onnx.export."""

    def __init__(self, dec):
        super().__init__()
        self.dec = dec

    def forward(self, inputs_embeds, position_ids, seqlens_k, total_sequence_length, *past):
        return self.dec.forward_shared(inputs_embeds, position_ids, seqlens_k,
                                       total_sequence_length, *past)


def _declare_output_shapes(path, cfg):
    """ONNX's shape inference does not know GroupQueryAttention, so the exporter leaves the outputs
    after it with invented dimension names: declare them as the pack contract reads them (the
    logits of the last position only)."""
    import onnx
    m = onnx.load(path)
    for out in m.graph.output:
        dims = out.type.tensor_type.shape.dim
        want = ["batch", 1, cfg.vocab_size] if out.name == "logits" else \
            ["batch", cfg.kv_heads, "capacity", cfg.head_size]
        for d, w in zip(dims, want):
            if isinstance(w, int):
                d.dim_value = w
            else:
                d.dim_param = w
    onnx.save(m, path)


def export(embed, dec, cfg, out_dir, trace_batch=2, trace_seq=3, trace_past=4, shared_kv=True):
    """Exports embed_tokens.onnx and decoder.onnx (opset 17) with dynamic batch / seq / past.

    The trace uses a non-zero past so that past stays a symbolic dimension; the graph also
    runs with past = 0 (Concat with an empty tensor, Range from 0). With shared_kv the decoder
    attends through GroupQueryAttention over caches of any capacity (see the module comment):
    traced for one sequence, the op itself takes any batch.
    """
    os.makedirs(out_dir, exist_ok=True)
    ids = torch.zeros(trace_batch, trace_seq, dtype=torch.int64)
    torch.onnx.export(
        bf16_table(embed), (ids,), os.path.join(out_dir, "embed_tokens.onnx"),
        input_names=["input_ids"], output_names=["inputs_embeds"],
        dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "inputs_embeds": {0: "batch", 1: "seq"}},
        opset_version=17, do_constant_folding=True)
    past_names, present_names = names(cfg)
    pos = torch.arange(trace_past, trace_past + trace_seq, dtype=torch.int64).repeat(trace_batch, 1)
    dyn = {
        "inputs_embeds": {0: "batch", 1: "seq"},
        "position_ids": {0: "batch", 1: "seq"},
        "logits": {0: "batch", 1: "seq"},
    }
    if shared_kv:
        batch = 1
        capacity = trace_past + trace_seq + 2
        args = (torch.zeros(batch, trace_seq, cfg.hidden), pos[:batch],
                torch.tensor([trace_past + trace_seq - 1] * batch, dtype=torch.int32),
                torch.tensor(trace_past + trace_seq, dtype=torch.int32),
                *empty_past(cfg, batch, capacity))
        module = _SharedExport(dec)
        dyn["logits"] = {0: "batch"}  # [batch, 1, vocab]: the last position's
        inputs = ["inputs_embeds", "position_ids", "seqlens_k", "total_sequence_length"]
        dyn["seqlens_k"] = {0: "batch"}
        for n in past_names + present_names:
            dyn[n] = {0: "batch", 2: "capacity"}
    else:
        mask = torch.ones(trace_batch, trace_past + trace_seq, dtype=torch.int64)
        args = (torch.zeros(trace_batch, trace_seq, cfg.hidden), mask, pos,
                *empty_past(cfg, trace_batch, trace_past))
        module = dec
        inputs = ["inputs_embeds", "attention_mask", "position_ids"]
        dyn["attention_mask"] = {0: "batch", 1: "total"}
        for n in past_names:
            dyn[n] = {0: "batch", 2: "past"}
        for n in present_names:
            dyn[n] = {0: "batch", 2: "total"}
    path = os.path.join(out_dir, "decoder.onnx")
    big = sum(p.numel() for p in dec.parameters()) * 4 > 2_000_000_000
    torch.onnx.export(
        module, args, path,
        input_names=[*inputs, *past_names], output_names=["logits", *present_names],
        dynamic_axes=dyn, opset_version=17, do_constant_folding=True,
        custom_opsets={"com.microsoft": 1} if shared_kv else None)
    if shared_kv:
        _declare_output_shapes(path, cfg)
    if big:
        # Protobuf caps a single file at 2 GB: move weights to external data.
        import onnx
        m = onnx.load(path)
        onnx.save_model(m, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location="decoder.onnx.data", size_threshold=1024)


def greedy(embed, dec, cfg, ids, new_tokens):
    """Greedy continuation by full-sequence recompute (no KV cache) each step."""
    seq = list(ids)
    out = []
    with torch.no_grad():
        for _ in range(new_tokens):
            x = torch.tensor([seq], dtype=torch.int64)
            n = len(seq)
            logits = dec(embed(x), torch.ones(1, n, dtype=torch.int64),
                         torch.arange(n, dtype=torch.int64).unsqueeze(0), *empty_past(cfg, 1))[0]
            t = int(torch.argmax(logits[0, -1]))
            out.append(t)
            seq.append(t)
    return out


def sha256(path):
    import hashlib
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def decoder_section(cfg, shared_kv=True):
    """pack.json's decoder section for a decoder exported by export()."""
    section = {
        "vocab_size": cfg.vocab_size,
        "hidden": cfg.hidden,
        "layers": cfg.layers,
        "attention_heads": cfg.heads,
        "kv_heads": cfg.kv_heads,
        "head_size": cfg.head_size,
        "max_context": cfg.max_context,
        "inputs_embeds": "inputs_embeds",
        "attention_mask": "attention_mask",
        "position_ids": "position_ids",
        "past_key": "past_key_values.%d.key",
        "past_value": "past_key_values.%d.value",
        "logits": "logits",
        "present_key": "present.%d.key",
        "present_value": "present.%d.value",
    }
    if shared_kv:
        del section["attention_mask"]
        section["seqlens_k"] = "seqlens_k"
        section["total_sequence_length"] = "total_sequence_length"
    return section


def write_pack_json(out_dir, cfg, name, weight_type, tokens, files, shared_kv=True):
    pack = {
        "format": 1,
        "name": name,
        "version": "1",
        "license": "Apache-2.0",
        "family": "text",
        "weight_type": weight_type,
        "files": {k: {"path": p, "sha256": sha256(os.path.join(out_dir, p))} for k, p in files.items()},
        "tokens": tokens,
        "chat_template": "<|prompt|>{query}<|end|><|answer|>",
        "decoder": decoder_section(cfg, shared_kv),
        "image": None,
    }
    with open(os.path.join(out_dir, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(pack, f, indent=2)
        f.write("\n")
