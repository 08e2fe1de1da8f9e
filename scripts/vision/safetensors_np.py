"""The safetensors format read and written with numpy alone (no safetensors or torch package).

A file is an 8-byte little-endian header length n, n bytes of JSON header, then the raw tensor
bytes: the header maps each tensor name to {"dtype", "shape", "data_offsets": [begin, end]}
(offsets into the data after the header, little-endian, C order) and may hold "__metadata__"
(string to string). A sharded release lists its files in model.safetensors.index.json
("weight_map": tensor name -> file name).

dtypes read: F32, F16, BF16 (numpy has no bfloat16: its 16 bits are the top half of a float32,
so they are widened exactly by uint16 << 16), plus the integer types; every float comes back as
float32. Written: F32, or BF16 rounded to nearest even from float32 (as torch rounds).
A library, not a command.
"""

import json
import os
import struct

import numpy as np

_DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8", "I32": "<i4", "I16": "<i2",
           "I8": "i1", "U8": "u1", "BOOL": "?"}


def read_header(path):
    """The JSON header of one file and the offset where its data starts."""
    with open(path, "rb") as f:
        raw = f.read(8)
        if len(raw) != 8:
            raise ValueError(f"{path} is not a safetensors file (shorter than 8 bytes)")
        (n,) = struct.unpack("<Q", raw)
        if n > 100_000_000:
            raise ValueError(f"{path} is not a safetensors file (header length {n})")
        header = json.loads(f.read(n).decode("utf-8"))
    return header, 8 + n


def read_file(path, names=None):
    """name -> float32 (or integer) numpy array for every tensor of one file, or those in names."""
    header, start = read_header(path)
    out = {}
    data = np.memmap(path, dtype=np.uint8, mode="r")
    for name, info in header.items():
        if name == "__metadata__" or (names is not None and name not in names):
            continue
        begin, end = info["data_offsets"]
        raw = data[start + begin:start + end]
        shape = tuple(info["shape"])
        dtype = info["dtype"]
        if dtype == "BF16":
            bits = raw.view("<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
        elif dtype in _DTYPES:
            arr = raw.view(_DTYPES[dtype])
            if arr.dtype.kind == "f":
                arr = arr.astype(np.float32)
            else:
                arr = arr.copy()
        else:
            raise ValueError(f"{path}: tensor {name} has dtype {dtype}, which is not read "
                             "(F32, F16, BF16 and integers are)")
        out[name] = np.ascontiguousarray(arr.reshape(shape))
    del data
    return out


def read_folder(folder):
    """Every tensor of model.safetensors, or of the shards model.safetensors.index.json names."""
    index = os.path.join(folder, "model.safetensors.index.json")
    single = os.path.join(folder, "model.safetensors")
    if os.path.isfile(index):
        with open(index, encoding="utf-8") as f:
            weight_map = json.load(f)["weight_map"]
        tensors = {}
        for shard in sorted(set(weight_map.values())):
            names = {n for n, s in weight_map.items() if s == shard}
            path = os.path.join(folder, shard)
            if not os.path.isfile(path):
                raise FileNotFoundError(f"the shard {shard} that the index names is missing")
            part = read_file(path, names)
            missing = names - part.keys()
            if missing:
                raise ValueError(f"{shard} lacks {sorted(missing)[0]} (named in the index)")
            tensors.update(part)
        return tensors
    if os.path.isfile(single):
        return read_file(single)
    raise FileNotFoundError("there is no model.safetensors or model.safetensors.index.json")


def to_bf16_bits(a):
    """float32 array -> uint16 bfloat16 bits, rounded to nearest even (NaN kept a NaN)."""
    bits = np.ascontiguousarray(a, dtype=np.float32).view(np.uint32)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    nan = np.isnan(a)
    rounded[nan] = 0x7FC0
    return rounded.astype(np.uint16)


def write_file(path, tensors, dtype="BF16", metadata=None):
    """Writes name -> float32 array as one safetensors file, every tensor in dtype (BF16 or F32).

    Tensors are stored in the given order; the header is padded with spaces so that the data
    starts 8-byte aligned, as the reference writer does. Each tensor is converted as it is written.
    """
    width = 2 if dtype == "BF16" else 4
    header = {}
    if metadata:
        header["__metadata__"] = dict(metadata)
    offset = 0
    for name, a in tensors.items():
        size = int(np.prod(a.shape)) * width
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-(8 + len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for a in tensors.values():
            f.write((to_bf16_bits(a) if dtype == "BF16" else np.asarray(a, dtype="<f4")).tobytes())
