#!/usr/bin/python3
"""Round-to-nearest quantization of a pack's decoder (and vision encoder) MatMul weights.

    /usr/bin/python3 scripts/slm/quantize_pack.py --in PACK --out PACK_INT4 --type int4
    /usr/bin/python3 scripts/slm/quantize_pack.py --in PACK --out PACK_INT8 --type int8
    /usr/bin/python3 scripts/slm/quantize_pack.py --in VL_PACK --out VL_PACK_Q \\
        --graphs decoder,vision_encoder --type int4
    /usr/bin/python3 scripts/slm/quantize_pack.py --in VL_PACK --out VL_PACK_Q --graphs vision_encoder

--graphs picks the graphs to quantize (default: decoder); --type is the decoder's type. The vision
encoder is always int8 with dynamically quantized activations (the last scheme below); its Conv
(patch embedding), LayerNorms, biases, class token, position embeddings, layer scales and
attention MatMuls stay fp32, since only MatMuls with a constant weight are touched.

int4: every MatMul whose right operand is a 2-D initializer W [K, N] becomes
  com.microsoft:MatMulNBits(A, B, scales, zero_points) with K, N, bits=4, block_size=32:
  - blocks of 32 consecutive K values per output column n; k_blocks = ceil(K / 32), the last
    block zero-padded;
  - asymmetric RTN per block: scale = (max - min) / 15, zero point zp = round(-min / scale)
    clamped to 0..15, code q = clamp(round(w / scale) + zp, 0, 15), dequantized (q - zp) * scale;
  - B uint8 [N, k_blocks, 16]: two codes a byte, the even k in the low nibble;
  - scales float [N * k_blocks] (row n's blocks contiguous);
  - zero_points uint8 [N * ceil(k_blocks / 2)]: per row, two blocks a byte, low nibble first.
int8: W becomes DequantizeLinear(int8 W [K, N], scale [N], zero point 0, axis=1) -> MatMul
  (standard ONNX ops, symmetric per output channel, scale = max|w| / 127).
vision int8: MatMul(X, W) and the bias Add that follows it (Add(b [N], Y), either operand order)
  become com.microsoft:DynamicQuantizeMatMul(A=X, B, b_scale, b_zero_point absent (0), bias=b):
  B int8 [K, N], symmetric per output channel with 7-bit codes,
  scale = max|w| / 64, q = clamp(round(w / scale), -64, 64); b_scale float [N]. At run time ONNX
  Runtime quantizes X to uint8 (one asymmetric scale and zero point over the whole tensor) and
  runs MLAS's u8 x s8 GEMM on B, packed once at session load, scaling and adding the bias in its
  output stage. The 7-bit codes keep the AVX2 kernel exact: it multiplies byte pairs with
  VPMADDUBSW, whose 16-bit sums saturate above 32767, and 2 * 255 * 64 = 32640 fits where
  2 * 255 * 127 does not (full int8 codes gave 8x the error). A MatMul with no such Add gets no
  bias input.

The embedding graph, the tokenizer and every graph not named in --graphs are copied unchanged;
pack.json gets the new weight_type (the decoder's) and, for the vision encoder,
"vision_weight_type": "int8" (informative: the Java manifest reader ignores keys it does not
know), a name suffix per quantized graph and new sha256 values for every file. Each quantized
graph is written with external data (ROLE_data in pack.json). Deterministic:
same input, same bytes.
"""

import argparse
import copy
import hashlib
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

BLOCK = 32


def quantize_int4(w, dequantized=False):
    """w float32 [K, N] -> (B uint8 [N, kb, 16], scales f32 [N*kb], zp uint8 [N*ceil(kb/2)], deq [K, N] or None)."""
    k, n = w.shape
    kb = (k + BLOCK - 1) // BLOCK
    wt = np.zeros((n, kb * BLOCK), dtype=np.float32)
    wt[:, :k] = w.T
    blocks = wt.reshape(n, kb, BLOCK)
    lo = np.minimum(blocks.min(axis=2), 0.0)  # include 0 so a zero weight stays exactly 0
    hi = np.maximum(blocks.max(axis=2), 0.0)
    scale = ((hi - lo) / 15.0).astype(np.float32)
    scale[scale == 0] = 1.0
    zp = np.clip(np.round(-lo / scale), 0, 15).astype(np.uint8)
    q = np.clip(np.round(blocks / scale[:, :, None]) + zp[:, :, None], 0, 15).astype(np.uint8)
    packed = (q[:, :, 0::2] | (q[:, :, 1::2] << 4)).astype(np.uint8)  # [n, kb, 16]
    zp_cols = (kb + 1) // 2
    zp_pad = np.zeros((n, zp_cols * 2), dtype=np.uint8)
    zp_pad[:, :kb] = zp
    zp_packed = (zp_pad[:, 0::2] | (zp_pad[:, 1::2] << 4)).astype(np.uint8).reshape(-1)
    deq = None
    if dequantized:  # for checking the packing against a plain fp32 graph
        deq = ((q.astype(np.float32) - zp[:, :, None]) * scale[:, :, None]).reshape(n, kb * BLOCK)
        deq = deq[:, :k].T.copy()
    return packed, scale.reshape(-1), zp_packed, deq


def quantize_int8(w):
    amax = np.abs(w).max(axis=0)
    scale = (amax / 127.0).astype(np.float32)
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize_model(model, qtype, accuracy_level=0):
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    new_nodes = []
    remove = set()
    count = 0
    for node in graph.node:
        w_init = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w_init is None or len(w_init.dims) != 2:
            new_nodes.append(node)
            continue
        w = numpy_helper.to_array(w_init).astype(np.float32)
        k, n = w.shape
        base = w_init.name.replace("/", "_").replace(":", "_")
        remove.add(w_init.name)
        count += 1
        if qtype == "int4":
            packed, scales, zps, _ = quantize_int4(w)
            graph.initializer.extend([
                numpy_helper.from_array(packed, base + "_q4"),
                numpy_helper.from_array(scales, base + "_scales"),
                numpy_helper.from_array(zps, base + "_zp"),
            ])
            new_nodes.append(helper.make_node(
                "MatMulNBits", [node.input[0], base + "_q4", base + "_scales", base + "_zp"],
                list(node.output), name=(node.name or base) + "_nbits", domain="com.microsoft",
                K=k, N=n, bits=4, block_size=BLOCK, accuracy_level=accuracy_level))
        else:
            q, scale = quantize_int8(w)
            graph.initializer.extend([
                numpy_helper.from_array(q, base + "_q8"),
                numpy_helper.from_array(scale, base + "_scale"),
                numpy_helper.from_array(np.zeros(n, dtype=np.int8), base + "_zp"),
            ])
            deq_out = base + "_deq"
            new_nodes.append(helper.make_node(
                "DequantizeLinear", [base + "_q8", base + "_scale", base + "_zp"], [deq_out],
                name=base + "_dequant", axis=1))
            new_nodes.append(helper.make_node(
                "MatMul", [node.input[0], deq_out], list(node.output), name=node.name))
    # A weight shared by several MatMuls would be quantized once per use; torch exports none.
    kept = [t for t in graph.initializer if t.name not in remove]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(new_nodes)
    if qtype == "int4" and not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return count


VISION_QMAX = 64  # 7-bit weight codes: see "vision int8" above


def quantize_int8_dynamic(w):
    amax = np.abs(w).max(axis=0)
    scale = (amax / VISION_QMAX).astype(np.float32)
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale), -VISION_QMAX, VISION_QMAX).astype(np.int8)
    return q, scale


def quantize_model_dynamic(model):
    """The vision int8 scheme: MatMul (+ bias Add) -> com.microsoft:DynamicQuantizeMatMul.

    Returns the number of MatMuls replaced.
    """
    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    nodes = list(graph.node)
    consumers = {}  # tensor name -> indices of the nodes reading it
    for i, node in enumerate(nodes):
        for name in node.input:
            consumers.setdefault(name, []).append(i)
    graph_outputs = {o.name for o in graph.output}
    new_nodes = []
    remove = set()
    folded = set()  # indices of the bias Adds taken into a DynamicQuantizeMatMul
    count = 0
    for index, node in enumerate(nodes):
        if index in folded:
            continue
        w_init = inits.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w_init is None or len(w_init.dims) != 2:
            new_nodes.append(node)
            continue
        w = numpy_helper.to_array(w_init).astype(np.float32)
        k, n = w.shape
        base = w_init.name.replace("/", "_").replace(":", "_")
        remove.add(w_init.name)
        count += 1
        q, scale = quantize_int8_dynamic(w)
        graph.initializer.extend([
            numpy_helper.from_array(q, base + "_q8"),
            numpy_helper.from_array(scale, base + "_scale"),
        ])
        bias, outputs = None, list(node.output)
        users = consumers.get(node.output[0], [])
        add = nodes[users[0]] if len(users) == 1 else None
        if add is not None and add.op_type == "Add" and node.output[0] not in graph_outputs:
            others = [i for i in add.input if i != node.output[0]]
            b = inits.get(others[0]) if len(others) == 1 else None
            if b is not None and list(b.dims) == [n] and b.data_type == TensorProto.FLOAT:
                bias, outputs = b.name, list(add.output)
                folded.add(users[0])
        inputs = [node.input[0], base + "_q8", base + "_scale"] + (["", bias] if bias else [])
        new_nodes.append(helper.make_node(
            "DynamicQuantizeMatMul", inputs, outputs, name=(node.name or base) + "_dynq8",
            domain="com.microsoft"))
    kept = [t for t in graph.initializer if t.name not in remove]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(new_nodes)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return count


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


GRAPHS = ("decoder", "vision_encoder")


def run_child(src, out, decoder_weights, vision_weights):
    """Runs this script in a child process (its memory goes back when it ends): the decoder of the
    pack in src to int4 when decoder_weights is "int4", its vision encoder to int8 when
    vision_weights is "int8"; the pack is written to out."""
    cmd = [sys.executable, os.path.abspath(__file__), "--in", src, "--out", out]
    graphs = []
    if decoder_weights == "int4":
        graphs.append("decoder")
        cmd += ["--type", "int4"]
    if vision_weights == "int8":
        graphs.append("vision_encoder")
    subprocess.run(cmd + ["--graphs", ",".join(graphs)], check=True)


def quantize_graph(src, out, files, role, qtype, accuracy_level):
    """Quantizes files[role] from src into out; updates files (external data entry). Returns the count."""
    path = files[role]["path"]
    model = onnx.load(os.path.join(src, path))  # pulls in external data, if any
    if qtype == "int8-dynamic":
        n = quantize_model_dynamic(model)
    else:
        n = quantize_model(model, qtype, accuracy_level)
    out_path = os.path.join(out, path)
    # A quantized graph's weights always go to an external file: ONNX Runtime maps them instead of
    # parsing and copying them out of the protobuf, and lets the mapping go once it has packed them
    # for its kernels (Mississippi-shaped int4 decoder: load 4.4 s -> 3.4 s, peak RSS 2.2 GB ->
    # 1.8 GB; int8 vision encoder: 571 -> 313 MiB resident after loading, 736 -> 510 MiB after
    # encoding tiles). It also keeps a graph over protobuf's 2 GB cap writable.
    onnx.save_model(model, out_path, save_as_external_data=True, all_tensors_to_one_file=True,
                    location=os.path.basename(path) + ".data", size_threshold=1024)
    files[role + "_data"] = {"path": path + ".data"}
    del model
    onnx.checker.check_model(out_path)  # the path form: works above 2 GB too
    return n, os.path.getsize(out_path) + os.path.getsize(out_path + ".data")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--in", dest="src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--type", choices=["int4", "int8"],
                    help="the decoder's weight type (required when --graphs names the decoder)")
    ap.add_argument("--graphs", default="decoder",
                    help="comma-separated graphs to quantize: decoder (default), vision_encoder "
                         "(always int8, DynamicQuantizeMatMul), or both; the others are copied unchanged")
    ap.add_argument("--accuracy-level", type=int, choices=[0, 1, 2, 3, 4], default=4,
                    help="MatMulNBits accuracy_level (default 4): 0 computes in fp32 (exact dequantization, "
                         "used to verify the packing); 4 quantizes activations to int8 on "
                         "the fly: on 2 CPU cores 5x faster prefill and 9x faster steps")
    args = ap.parse_args()
    graphs = [g for g in args.graphs.split(",") if g]
    for g in graphs:
        if g not in GRAPHS:
            ap.error(f"--graphs: unknown graph {g!r} (use {', '.join(GRAPHS)})")
    if "decoder" in graphs and args.type is None:
        ap.error("--type is required to quantize the decoder")
    with open(os.path.join(args.src, "pack.json"), encoding="utf-8") as f:
        pack = json.load(f)
    os.makedirs(args.out, exist_ok=True)
    files = pack["files"]
    if "vision_encoder" in graphs and "vision_encoder" not in files:
        ap.error("--graphs names vision_encoder but the pack has none")
    skip = set(graphs) | {g + "_data" for g in graphs}  # rewritten, not copied
    for role, entry in files.items():
        if role not in skip:
            shutil.copyfile(os.path.join(args.src, entry["path"]), os.path.join(args.out, entry["path"]))
    for extra in ("reference.json",):
        if os.path.exists(os.path.join(args.src, extra)):
            shutil.copyfile(os.path.join(args.src, extra), os.path.join(args.out, extra))
    report = []
    if "decoder" in graphs:
        n, size = quantize_graph(args.src, args.out, files, "decoder", args.type, args.accuracy_level)
        pack["weight_type"] = "int4-block32" if args.type == "int4" else "int8"
        pack["name"] = pack["name"] + "-" + args.type
        report.append(f"quantized {n} MatMuls to {args.type}; decoder {size} bytes")
    if "vision_encoder" in graphs:
        n, size = quantize_graph(args.src, args.out, files, "vision_encoder", "int8-dynamic", 0)
        pack["vision_weight_type"] = "int8"  # informative; the manifest reader ignores it
        pack["name"] = pack["name"] + "-vision-int8"
        report.append(f"quantized {n} MatMuls to int8 DynamicQuantizeMatMul; vision_encoder {size} bytes")
    for role, entry in files.items():
        entry["sha256"] = sha256(os.path.join(args.out, entry["path"]))
    with open(os.path.join(args.out, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(pack, f, indent=2)
        f.write("\n")
    print("\n".join(report))


if __name__ == "__main__":
    main()
