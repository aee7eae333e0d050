"""Reader for the safetensors format using only the standard library, numpy and torch.

Layout: an unsigned 64-bit little-endian header length N, then N bytes of JSON that map each
tensor name to {"dtype", "shape", "data_offsets": [begin, end]}, then the raw little-endian
data. Offsets count from the first byte after the header. An optional "__metadata__" entry
contains strings only.
"""

import json
import mmap
import struct
from pathlib import Path
from typing import Dict

import numpy as np
import torch

_NUMPY_DTYPES = {
    "F64": np.float64, "F32": np.float32, "F16": np.float16,
    "I64": np.int64, "I32": np.int32, "I16": np.int16, "I8": np.int8, "U8": np.uint8,
    "BOOL": np.bool_,
}


def read_header(path: Path) -> Dict:
    with open(path, "rb") as handle:
        prefix = handle.read(8)
        if len(prefix) != 8:
            raise ValueError(f"{path}: too short for a safetensors file")
        (length,) = struct.unpack("<Q", prefix)
        if length > 100_000_000:
            raise ValueError(f"{path}: header length {length} bytes is not plausible; "
                             "is this a safetensors file?")
        return json.loads(handle.read(length).decode("utf-8"))


def load_file(path: Path) -> Dict[str, torch.Tensor]:
    """Read all tensors of a safetensors file as CPU tensors (BF16 and F16 keep their dtype)."""
    path = Path(path)
    header = read_header(path)
    data_start = 8 + struct.unpack("<Q", path.open("rb").read(8))[0]
    tensors: Dict[str, torch.Tensor] = {}
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0,
                                               access=mmap.ACCESS_READ) as mapped:
        for name, entry in header.items():
            if name == "__metadata__":
                continue
            begin, end = entry["data_offsets"]
            raw = mapped[data_start + begin: data_start + end]
            tensors[name] = _to_tensor(raw, entry["dtype"], entry["shape"], name, path)
    return tensors


def _to_tensor(raw: bytes, dtype: str, shape, name: str, path: Path) -> torch.Tensor:
    if dtype == "BF16":
        # bfloat16 is the upper half of a float32, so widen through uint32.
        halves = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
        return torch.from_numpy(halves.view(np.float32).reshape(shape).copy()).to(torch.bfloat16)
    if dtype not in _NUMPY_DTYPES:
        raise ValueError(f"{path}: tensor {name} has unsupported dtype {dtype}")
    array = np.frombuffer(raw, dtype=np.dtype(_NUMPY_DTYPES[dtype]).newbyteorder("<"))
    expected = int(np.prod(shape)) if shape else 1
    if array.size != expected:
        raise ValueError(f"{path}: tensor {name} has {array.size} values, shape {shape} "
                         f"needs {expected}")
    return torch.from_numpy(array.reshape(shape).copy())


def save_file(tensors: Dict[str, torch.Tensor], path: Path) -> None:
    """Write float32/float16/int64 tensors as safetensors (used for C-T-S weight files)."""
    names = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64"}
    header, chunks, offset = {}, [], 0
    for name in sorted(tensors):
        tensor = tensors[name].detach().cpu().contiguous()
        if tensor.dtype not in names:
            raise ValueError(f"tensor {name} has unsupported dtype {tensor.dtype}")
        data = tensor.numpy().astype(tensor.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": names[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)  # align the data section to 8 bytes
    with open(path, "wb") as handle:
        handle.write(struct.pack("<Q", len(encoded)))
        handle.write(encoded)
        for chunk in chunks:
            handle.write(chunk)


def load_weights(path: Path) -> Dict[str, torch.Tensor]:
    """Read a state dict from .safetensors, or from a PyTorch pickle (.bin, .pt, .ckpt)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"weights file {path} not found")
    if path.suffix == ".safetensors":
        return load_file(path)
    state = torch.load(str(path), map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    return state
