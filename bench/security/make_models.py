"""Writes about SIZE_MB of model files of mixed formats into OUT for the scanner benchmark:
PyTorch zip checkpoints (raw tensor storages, STORED, as torch.save writes them) and a legacy
one, joblib files with large NumPy arrays, .npy and .npz, safetensors, an ONNX model with its
weights inline, scikit-learn forests pickled at several protocols, an opcode-heavy pickle (two
million small items), and a few small malicious files so the scan is not trivially clean.
Nothing is ever loaded. Needs numpy, scikit-learn and joblib (.ci/venv).

    python make_models.py OUT SIZE_MB
"""
import io
import json
import os
import pickle
import struct
import sys
import zipfile

import numpy as np
import joblib
from sklearn.ensemble import RandomForestClassifier

OUT = sys.argv[1]
MB = 1024 * 1024
SCALE = int(sys.argv[2]) / 1024 if len(sys.argv) > 2 else 1.0
rng = np.random.default_rng(11)
os.makedirs(OUT, exist_ok=True)


def size(mb):
    return max(1, int(mb * SCALE)) * MB


def glob(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def text(s):
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def torch_pickle(keys):
    """data.pkl of an OrderedDict of tensors whose storages are persistent ids, as torch.save writes it."""
    out = b"\x80\x02" + glob("collections", "OrderedDict") + b")R"
    for i, (name, numel) in enumerate(keys):
        storage = b"(" + text("storage") + glob("torch", "FloatStorage") + text(str(i)) + text("cpu") \
            + b"J" + struct.pack("<i", numel) + b"tQ"
        out += text(name) + glob("torch._utils", "_rebuild_tensor_v2") + b"(" + storage + b"K\x00" \
            + b"J" + struct.pack("<i", numel) + b"\x85" + b"K\x01\x85" + b"\x89" + glob("collections", "OrderedDict") \
            + b")R" + b"tRs"
    return out + b"."


def torch_zip(path, total):
    tensors = 8
    numel = total // tensors // 4
    keys = [(f"layer{i}.weight", numel) for i in range(tensors)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", torch_pickle(keys))
        for i in range(tensors):
            z.writestr(f"archive/data/{i}", rng.standard_normal(numel, dtype=np.float32).tobytes())
        z.writestr("archive/version", b"3\n")


def legacy_torch(path, total):
    numel = total // 4
    parts = [pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2), pickle.dumps(1001, protocol=2),
             pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2),
             torch_pickle([("weight", numel)]), pickle.dumps(["0"], protocol=2)]
    with open(path, "wb") as f:
        f.write(b"".join(parts))
        f.write(struct.pack("<q", numel))
        f.write(rng.standard_normal(numel, dtype=np.float32).tobytes())


def safetensors(path, total):
    n = total // 2 // 4
    header = {"a": {"dtype": "F32", "shape": [n], "data_offsets": [0, n * 4]},
              "b": {"dtype": "F32", "shape": [n], "data_offsets": [n * 4, n * 8]}, "__metadata__": {"format": "pt"}}
    raw = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)) + raw)
        f.write(rng.standard_normal(2 * n, dtype=np.float32).tobytes())


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def onnx(path, total):
    data = rng.standard_normal(total // 4, dtype=np.float32).tobytes()
    tensor = varint(1 << 3) + varint(total // 4) + varint(2 << 3) + varint(1) + field(8, b"w") + field(9, data)
    graph = field(1, field(1, b"x") + field(1, b"w") + field(2, b"y") + field(4, b"Add")) + field(2, b"g") + field(5, tensor)
    with open(path, "wb") as f:
        f.write(varint(1 << 3) + varint(8) + field(2, b"bench") + field(7, graph))


class Evil:
    def __reduce__(self):
        return os.system, ("true",)


def main():
    torch_zip(os.path.join(OUT, "resnet-a.pt"), size(200))
    torch_zip(os.path.join(OUT, "resnet-b.pth"), size(200))
    legacy_torch(os.path.join(OUT, "legacy.pt"), size(100))
    for i in range(2):
        joblib.dump({"weights": rng.standard_normal(size(100) // 8), "bias": np.arange(1000)},
                    os.path.join(OUT, f"arrays-{i}.joblib"))
    np.savez(os.path.join(OUT, "embeddings.npz"), a=rng.standard_normal(size(40) // 8),
             b=rng.standard_normal(size(40) // 8))
    np.save(os.path.join(OUT, "matrix.npy"), rng.standard_normal(size(40) // 8))
    for i in range(2):
        safetensors(os.path.join(OUT, f"model-{i}.safetensors"), size(60))
    onnx(os.path.join(OUT, "model.onnx"), size(30))
    x = rng.random((2000, 10))
    y = (x[:, 0] > 0.5).astype(int)
    forest = RandomForestClassifier(n_estimators=40, random_state=1).fit(x, y)
    for i, p in enumerate((2, 3, 4, 5) * 3):
        with open(os.path.join(OUT, f"forest-{i}-p{p}.pkl"), "wb") as f:
            pickle.dump(forest, f, protocol=p)
    items = [(i, f"item{i % 1000}") for i in range(int(2_000_000 * SCALE) or 1000)]
    with open(os.path.join(OUT, "opcode-heavy.pkl"), "wb") as f:
        pickle.dump(items, f, protocol=4)
    for p in (0, 2, 4):
        with open(os.path.join(OUT, f"evil-p{p}.pkl"), "wb") as f:
            pickle.dump(Evil(), f, protocol=p)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("archive/data.pkl", pickle.dumps(Evil(), protocol=2))
    with open(os.path.join(OUT, "evil.pt"), "wb") as f:
        f.write(buf.getvalue())
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(json.dumps({"files": len(os.listdir(OUT)), "bytes": total}))


main()
