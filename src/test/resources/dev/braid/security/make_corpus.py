"""Writes the model-scanner test corpus: benign and malicious model files of every format Braid
scans, with the verdict each must get, into OUT/manifest.json.

    python make_corpus.py OUT [base] [real] [h5]

  base   the Python standard library only: pickles of every protocol, hand-assembled opcode
         streams (every opcode path and known scanner bypasses), PyTorch-style zips and legacy
         files, npy/npz, Keras configs, safetensors, ONNX, archives, compressed streams, bombs
  real   needs numpy, pandas, scikit-learn and joblib (.ci/venv): real models and arrays as those
         libraries write them, and malicious joblib files
  h5     needs h5py (.ci/venv-scanners): Keras-style .h5 files

Nothing here is ever unpickled; the malicious payloads would only print or run `true`.
Each manifest entry: {"file", "expect" (safe|unknown|suspicious|dangerous), "why", "malicious"}.
"""
import io
import json
import os
import pickle
import struct
import sys
import tarfile
import zipfile
import gzip
import bz2
import lzma
import zlib

OUT = sys.argv[1]
PARTS = sys.argv[2:] or ["base"]
manifest = []


def put(name, data, expect, why, malicious=None):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    manifest.append({"file": name, "expect": expect, "why": why,
                     "malicious": expect == "dangerous" if malicious is None else malicious})


# ---- hand assembly of opcodes -------------------------------------------------------------
def proto(n):
    return b"\x80" + bytes([n])


def glob(module, name):
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def ustr(s):
    b = s.encode()
    return b"\x8c" + bytes([len(b)]) + b if len(b) < 256 else b"X" + struct.pack("<I", len(b)) + b


def binstr(s):
    return b"X" + struct.pack("<I", len(s.encode())) + s.encode()


def tup(*items):
    return b"(" + b"".join(items) + b"t"


def binbytes(data):
    return (b"C" + bytes([len(data)]) + data) if len(data) < 256 else (b"B" + struct.pack("<I", len(data)) + data)


STOP = b"."
REDUCE = b"R"
SYSTEM = "true"


def reduce_call(module, name, *args):
    return glob(module, name) + tup(*args) + REDUCE


class Reduces:
    def __init__(self, func, args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


def base():
    benign_value = {"weights": [1.5, 2.5, -3.0], "name": "model", "layers": (1, 2, 3), "tags": {"a", "b"},
                    "frozen": frozenset([1]), "blob": b"\x00\x01\x02" * 50, "buf": bytearray(b"xyz"),
                    "none": None, "flag": True, "big": 2 ** 80, "neg": -7}
    import collections
    import datetime
    ordered = collections.OrderedDict([("layer1.weight", [0.1, 0.2]), ("when", datetime.datetime(2024, 5, 1))])
    for p in range(0, 6):
        put(f"benign/plain_p{p}.pkl", pickle.dumps(benign_value, protocol=p), "safe", f"plain data, protocol {p}")
        put(f"benign/ordered_p{p}.pkl", pickle.dumps(ordered, protocol=p), "safe", f"OrderedDict and datetime, protocol {p}")
        put(f"malicious/os_system_p{p}.pkl", pickle.dumps(Reduces(os.system, (SYSTEM,)), protocol=p), "dangerous",
            f"REDUCE of os.system (posix.system), protocol {p}")
        put(f"malicious/eval_p{p}.pkl", pickle.dumps(Reduces(eval, ("1+1",)), protocol=p), "dangerous",
            f"REDUCE of builtins.eval, protocol {p}")
    put("benign/frames_p4.pkl", pickle.dumps([list(range(3000)), "x" * 100000], protocol=4), "safe",
        "protocol 4 with FRAME opcodes and a long string")
    put("benign/buffers_p5.pkl", pickle.dumps([bytearray(b"a" * 70000), memoryview(b"q" * 10).tobytes()], protocol=5),
        "safe", "protocol 5 BYTEARRAY8")
    # Opcode paths, hand-assembled.
    put("malicious/inst_p0.pkl", b"(S'" + SYSTEM.encode() + b"'\nios\nsystem\n" + STOP, "dangerous",
        "INST opcode (protocol 0)")
    put("malicious/obj_p1.pkl", b"(" + glob("subprocess", "call") + binstr(SYSTEM) + b"o" + STOP, "dangerous",
        "OBJ opcode (protocol 1)")
    put("malicious/newobj_p2.pkl", proto(2) + glob("subprocess", "Popen") + tup(binstr(SYSTEM)) + b"\x81" + STOP,
        "dangerous", "NEWOBJ")
    put("malicious/newobj_ex_p4.pkl", proto(4) + ustr("subprocess") + ustr("Popen") + b"\x93" + tup(ustr(SYSTEM))
        + b"}" + b"\x92" + STOP, "dangerous", "NEWOBJ_EX after STACK_GLOBAL")
    put("malicious/stack_global_p4.pkl", proto(4) + ustr("os") + ustr("system") + b"\x93" + tup(ustr(SYSTEM)) + REDUCE
        + STOP, "dangerous", "STACK_GLOBAL with literal strings")
    # Imports hidden behind the memo: the strings are memoised early, under decoys, and fetched later.
    hidden = (proto(4) + b"\x95" + struct.pack("<Q", 0) + ustr("os") + b"\x94" + b"0" + ustr("collections") + b"\x94"
              + ustr("system") + b"q\x07" + b"0" + ustr("OrderedDict") + b"\x94" + b"h\x01" + b"h\x03" + b"\x93" + b")R0"
              + b"h\x00" + b"h\x07" + b"\x93" + tup(ustr(SYSTEM)) + REDUCE + STOP)
    put("malicious/stack_global_memo.pkl", hidden, "dangerous", "STACK_GLOBAL whose strings come from the memo (MEMOIZE, BINPUT, BINGET)")
    put("malicious/memo_text_p0.pkl", b"S'os'\np0\n0S'system'\np1\n0g0\ng1\n\x93(S'" + SYSTEM.encode() + b"'\ntR.",
        "dangerous", "protocol 0 PUT/GET text memo keys feeding STACK_GLOBAL")
    put("malicious/escaped_names_p0.pkl", b"S'\\x6fs'\nS'sys\\164em'\n\x93(S'true'\ntR.", "dangerous",
        "STRING arguments with escapes that decode to os.system")
    put("malicious/unicode_escape_p0.pkl", b"V\\u006fs\nVsystem\n\x93(Vtrue\ntR.", "dangerous",
        "UNICODE arguments with raw-unicode escapes")
    # STACK_GLOBAL from computed strings: the module name is the result of a call.
    computed = (proto(4) + reduce_call("_codecs", "decode", ustr("bf"), ustr("rot13")) + ustr("system") + b"\x93"
                + tup(ustr(SYSTEM)) + REDUCE + STOP)
    put("malicious/stack_global_computed.pkl", computed, "dangerous", "STACK_GLOBAL with a module name computed by a call")
    getattr_chain = (proto(2) + glob("builtins", "getattr") + b"(" + reduce_call("builtins", "__import__", binstr("os"))
                     + binstr("system") + b"tR" + tup(binstr(SYSTEM)) + REDUCE + STOP)
    put("malicious/getattr_chain.pkl", getattr_chain, "dangerous", "builtins.getattr(__import__('os'), 'system')")
    put("malicious/dunder_chain_p4.pkl", proto(4) + ustr("builtins") + ustr("object.__subclasses__") + b"\x93)R" + STOP,
        "dangerous", "a dotted name reaching object.__subclasses__ (protocol 4 attribute chain)")
    put("malicious/globals_chain_p4.pkl", proto(4) + ustr("copyreg") + ustr("_reconstructor.__globals__") + b"\x93" + STOP,
        "dangerous", "an allowed function's __globals__ through a dotted name")
    put("malicious/ext1.pkl", proto(2) + b"\x82\x01" + tup(binstr(SYSTEM)) + REDUCE + STOP, "suspicious",
        "EXT1: an import through copyreg's extension registry", malicious=True)
    put("malicious/ext4.pkl", proto(2) + b"\x84" + struct.pack("<I", 123456) + b")R" + STOP, "suspicious",
        "EXT4", malicious=True)
    put("malicious/monkey_patch.pkl", proto(2) + glob("collections", "OrderedDict") + b"N}" + binstr("fromkeys")
        + glob("builtins", "print") + b"s\x86b" + STOP, "dangerous", "BUILD on an imported class: monkey-patching")
    put("malicious/sys_modules.pkl", proto(2) + glob("sys", "modules") + binstr("json") + glob("os", "path") + b"s"
        + STOP, "dangerous", "SETITEM into sys.modules")
    inner = pickle.dumps(Reduces(os.system, (SYSTEM,)), protocol=2)
    put("malicious/nested_bytes.pkl", proto(3) + b"}" + binstr("payload") + binbytes(inner) + b"s" + STOP, "dangerous",
        "a malicious pickle hidden in a byte string of a benign one")
    put("malicious/nested_loads.pkl", proto(3) + reduce_call("torch.storage", "_load_from_bytes", binbytes(inner)) + STOP,
        "dangerous", "a malicious pickle handed to torch.storage._load_from_bytes")
    put("malicious/uuid_gadget.pkl", proto(2) + reduce_call("uuid", "_get_command_stdout", binstr("true")) + STOP,
        "dangerous", "uuid._get_command_stdout (a published bypass)")
    put("malicious/unlisted_stdlib_call.pkl", proto(2) + reduce_call("netrc", "netrc", binstr("/etc/passwd")) + STOP,
        "suspicious", "calls a standard-library function on neither list", malicious=True)
    put("unknown/unlisted_third_party.pkl", proto(2) + glob("mylib.models", "CustomModel") + b")\x81" + STOP, "unknown",
        "a class of a library on neither list", malicious=False)
    put("unknown/main_class.pkl", pickle.dumps(Reduces(Reduces, (1, 2)), protocol=2), "unknown",
        "a class defined in a script (__main__)", malicious=False)
    # Broken streams.
    full = pickle.dumps(Reduces(os.system, (SYSTEM,)), protocol=2)
    put("malicious/truncated_after_import.pkl", full[:-3], "dangerous", "cut short after the dangerous import")
    put("unknown/truncated_benign.pkl", pickle.dumps(benign_value, protocol=2)[:40], "unknown",
        "a benign pickle cut short", malicious=False)
    put("unknown/garbage.pkl", b"\x80\x02\xff\xfe garbage", "unknown", "named .pkl, breaks at once", malicious=False)
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    put("unknown/renamed_png.pkl", png, "unknown", "a PNG renamed .pkl", malicious=False)
    put("benign/renamed_png.bin", png, "safe", "a PNG renamed .bin is no model format")
    put("benign/conda.yaml", b"channels:\n- conda-forge\ndependencies:\n- python=3.11\n", "safe",
        "text that starts like a GLOBAL opcode")
    put("benign/MLmodel", b"artifact_path: model\nflavors:\n  python_function: {}\n", "safe", "MLflow's MLmodel file")
    put("malicious/pickle_named_txt.txt", pickle.dumps(Reduces(os.system, (SYSTEM,)), protocol=0), "dangerous",
        "a protocol 0 pickle named .txt")
    torch_files()
    numpy_files(inner)
    archive_files(full)
    keras_files()
    skops_files()
    safetensors_files()
    onnx_files()


def torch_pickle(malicious=False):
    """What torch.save writes as data.pkl for {'w': tensor}: storages by persistent id."""
    storage = tup(ustr("storage"), glob("torch", "FloatStorage"), ustr("0"), ustr("cpu"), b"K\x06") + b"Q"
    tensor = (glob("torch._utils", "_rebuild_tensor_v2") + b"(" + storage + b"K\x00" + b"K\x02K\x03\x86"
              + b"K\x03K\x01\x86" + b"\x89" + glob("collections", "OrderedDict") + b")R" + b"tR")
    body = proto(2) + glob("collections", "OrderedDict") + b")R" + binstr("w") + tensor + b"s"
    if malicious:
        body += binstr("x") + reduce_call("posix", "system", binstr(SYSTEM)) + b"s"
    return body + STOP


def torch_zip(folder, pickle_name, pickle_bytes, flag_bits=0):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{folder}/{pickle_name}", pickle_bytes)
        # Tensor bytes that happen to start like a pickle: data, not a finding.
        z.writestr(f"{folder}/data/0", b"\x80\x02" + struct.pack("<5f", 0.5, -1.25, 3.0, 7.5, 0.0) + b"\x00\x00")
        z.writestr(f"{folder}/version", b"3\n")
        z.writestr(f"{folder}/.data/serialization_id", b"1234567890")
    data = bytearray(buf.getvalue())
    if flag_bits:
        # Set general-purpose flag bits on every header: strict readers refuse, torch's does not care.
        pos = 0
        while True:
            pos = data.find(b"PK\x01\x02", pos)
            if pos < 0:
                break
            data[pos + 8] |= flag_bits
            pos += 4
        pos = 0
        while True:
            pos = data.find(b"PK\x03\x04", pos)
            if pos < 0:
                break
            data[pos + 6] |= flag_bits
            pos += 4
    return bytes(data)


def torch_files():
    put("benign/torch_archive.pt", torch_zip("archive", "data.pkl", torch_pickle()), "safe", "PyTorch zip checkpoint")
    put("benign/torch_other_folder.pth", torch_zip("resnet50-weights", "data.pkl", torch_pickle()), "safe",
        "PyTorch zip checkpoint with another top folder")
    put("malicious/torch_archive.pt", torch_zip("archive", "data.pkl", torch_pickle(True)), "dangerous",
        "PyTorch zip checkpoint with a REDUCE of posix.system")
    put("malicious/torch_odd_folder.bin", torch_zip("x", "zz_payload", torch_pickle(True)), "dangerous",
        "a malicious pickle under another folder and a name without .pkl")
    put("malicious/torch_encrypted_flag.pt", torch_zip("archive", "data.pkl", torch_pickle(True), flag_bits=0x01),
        "dangerous", "the zip's encrypted flag set on plain data (strict zip readers give up)")
    legacy = [pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2), pickle.dumps(1001, protocol=2),
              pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2)]
    keys = pickle.dumps(["0"], protocol=2)
    raw = struct.pack("<q", 6) + struct.pack("<6f", 1, 2, 3, 4, 5, 6)
    put("benign/legacy.pt", b"".join(legacy) + torch_pickle() + keys + raw, "safe", "legacy (pre-1.6) PyTorch layout")
    put("malicious/legacy.pt", b"".join(legacy) + torch_pickle(True) + keys + raw, "dangerous",
        "legacy PyTorch layout with a malicious model pickle (the fourth)")


def npy(descr, shape, payload):
    header = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (descr, shape)
    header = header.encode("latin1")
    pad = 64 - (10 + len(header) + 1) % 64
    header += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + payload


def numpy_files(inner):
    floats = npy("<f8", (4,), struct.pack("<4d", 1, 2, 3, 4))
    put("benign/floats.npy", floats, "safe", "a float array")
    objects = npy("|O", (1,), proto(3) + reduce_call("posix", "system", binstr(SYSTEM)) + STOP)
    put("malicious/object_array.npy", objects, "dangerous", "an object array whose pickle calls posix.system")
    put("malicious/structured_object.npy", npy([("name", "O"), ("x", "<f8")], (1,), inner), "dangerous",
        "a structured dtype with an object field")
    for name, method in (("arrays.npz", zipfile.ZIP_STORED), ("arrays_compressed.npz", zipfile.ZIP_DEFLATED)):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", method) as z:
            z.writestr("a.npy", floats)
            z.writestr("b.npy", floats)
        put("benign/" + name, buf.getvalue(), "safe", "an npz of float arrays")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", method) as z:
            z.writestr("a.npy", floats)
            z.writestr("b.npy", objects)
        put("malicious/" + name, buf.getvalue(), "dangerous", "an npz with a malicious object array")
    # A joblib-style stream: an array header, raw array bytes (that would break a naive walk),
    # then the rest of the outer pickle, which is malicious.
    wrapper_state = (b"}" + b"(" + binstr("subclass") + glob("numpy", "ndarray") + binstr("shape") + b"K\x03\x85"
                     + binstr("order") + binstr("C") + binstr("dtype")
                     + reduce_call("numpy", "dtype", binstr("f8"), b"\x89", b"\x88")
                     + tup(b"K\x03", binstr("<"), b"N", b"N", b"N", b"J\xff\xff\xff\xff", b"J\xff\xff\xff\xff", b"K\x00")
                     + b"b" + binstr("allow_mmap") + b"\x88" + binstr("numpy_array_alignment_bytes") + b"K\x10" + b"u")
    header = glob("joblib.numpy_pickle", "NumpyArrayWrapper") + b")\x81" + wrapper_state + b"b"
    array = b"\x05" + b"\xff" * 5 + b"R." * 12  # padding length, padding, 24 bytes of "opcodes"
    joblib_like = (proto(2) + b"(" + header + array + reduce_call("os", "system", binstr(SYSTEM)) + b"l" + STOP)
    put("malicious/joblib_like.joblib", joblib_like, "dangerous", "a joblib array header and data, then os.system")
    benign_joblib = proto(2) + header + array + STOP
    put("benign/joblib_like.joblib", benign_joblib, "safe", "a joblib array header and its data")


def zip_of(members, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members:
            z.writestr(name, data)
    return buf.getvalue()


def archive_files(malicious):
    put("malicious/gzip.pkl.gz", gzip.compress(malicious), "dangerous", "gzip-compressed (joblib compress='gzip')")
    put("malicious/zlib.joblib", zlib.compress(malicious), "dangerous", "zlib-compressed (joblib's default compressor)")
    put("malicious/bz2.joblib", bz2.compress(malicious), "dangerous", "bzip2-compressed")
    put("malicious/xz.joblib", lzma.compress(malicious), "dangerous", "xz-compressed")
    put("malicious/lzma.joblib", lzma.compress(malicious, format=lzma.FORMAT_ALONE), "dangerous", "lzma-compressed")
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        info = tarfile.TarInfo("model/weights.pkl")
        info.size = len(malicious)
        t.addfile(info, io.BytesIO(malicious))
    put("malicious/model.tar", buf.getvalue(), "dangerous", "a tar archive holding a malicious pickle")
    nested = malicious
    name = "payload.pkl"
    for level in range(3):
        nested = zip_of([(name, nested), ("README.md", b"nothing to see")])
        name = f"level{level}.zip"
    put("malicious/nested.zip", nested, "dangerous", "zips in zips in zips")
    put("benign/plain.zip", zip_of([("notes.txt", b"hello"), ("data.csv", b"a,b\n1,2\n")]), "safe", "a zip of text")
    deep = malicious
    for level in range(10):
        deep = zip_of([("inner.zip" if level else "payload.pkl", deep)])
    put("malicious/too_deep.zip", deep, "suspicious", "nested past the depth limit", malicious=True)
    put("malicious/overlapping.zip", overlapping_zip(), "suspicious", "members that share their data (a bomb shape)",
        malicious=True)


def overlapping_zip():
    """Two central-directory entries that point at the same local header."""
    data = zip_of([("a.bin", b"\x00" * 1000)], zipfile.ZIP_DEFLATED)
    cd = data.find(b"PK\x01\x02")
    eocd = data.find(b"PK\x05\x06")
    entry = data[cd:eocd]
    second = bytearray(entry)
    second[46:46 + 5] = b"b.bin"
    directory = entry + bytes(second)
    end = bytearray(data[eocd:])
    struct.pack_into("<HHII", end, 8, 2, 2, len(directory), cd)
    return data[:cd] + directory + bytes(end)


def keras_zip(config):
    # (A real archive also holds model.weights.h5; the h5 part of the corpus covers HDF5.)
    return zip_of([("metadata.json", json.dumps({"keras_version": "3.6.0"}).encode()),
                   ("config.json", json.dumps(config).encode())])


def keras_model(layers):
    return {"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "layers": layers},
            "registered_name": None}


def dense(name):
    return {"module": "keras.layers", "class_name": "Dense", "config": {"name": name, "units": 4,
            "activation": "relu"}, "registered_name": None}


# A marshalled code object, base64-encoded, as Keras writes a lambda (it would call eval(x)).
CODE = "4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAdAB8AIMBUwApAU4pAdoEZXZhbCkB2gF4qQByAwAAAPoHPHN0ZGluPtoIPGxhbWJkYT4BAAAA8wAAAAA="


def keras_files():
    put("benign/dense.keras", keras_zip(keras_model([dense("d1"), dense("d2")])), "safe", "Dense layers only")
    lam = {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "lam", "function": {
        "class_name": "__lambda__", "config": {"code": CODE, "defaults": None, "closure": None}}},
        "registered_name": None}
    put("malicious/lambda.keras", keras_zip(keras_model([dense("d1"), lam])), "dangerous", "a Lambda layer with bytecode")
    fn = {"module": "builtins", "class_name": "function", "config": "exec", "registered_name": "function"}
    act = dense("d3")
    act["config"]["activation"] = fn
    put("malicious/module_function.keras", keras_zip(keras_model([act])), "dangerous",
        "a serialised function from builtins (the CVE-2025-1550 escape from safe mode)")
    custom = {"module": "my_package.layers", "class_name": "Attention", "config": {"name": "att"},
              "registered_name": "my_package>Attention"}
    put("unknown/custom.keras", keras_zip(keras_model([dense("d1"), custom])), "unknown",
        "a custom layer from another package", malicious=False)


def skops_node(module, cls, loader, content=None):
    return {"__class__": cls, "__module__": module, "__loader__": loader, "content": content, "__id__": 1}


def skops_zip(schema):
    return zip_of([("schema.json", json.dumps(schema).encode()), ("1.npy", npy("<f8", (1,), b"\x00" * 8))])


def skops_files():
    state = skops_node("builtins", "dict", "DictNode", {"C": skops_node("builtins", "str", "JsonNode", "1.0")})
    model = skops_node("sklearn.linear_model._logistic", "LogisticRegression", "ObjectNode", state)
    model.update({"protocol": 2, "_skops_version": "0.10.0"})
    put("benign/model.skops", skops_zip(model), "safe", "a skops file of a scikit-learn estimator")
    hook = skops_node("builtins", "function", "FunctionNode", {"module_path": "builtins", "function": "eval"})
    evil = skops_node("sklearn.preprocessing._function_transformer", "FunctionTransformer", "ObjectNode",
                      skops_node("builtins", "dict", "DictNode", {"func": hook}))
    evil.update({"protocol": 2, "_skops_version": "0.10.0"})
    put("malicious/function.skops", skops_zip(evil), "dangerous", "a skops FunctionNode naming builtins.eval")
    popen = skops_node("subprocess", "Popen", "ObjectNode", skops_node("builtins", "dict", "DictNode", {}))
    popen.update({"protocol": 2, "_skops_version": "0.10.0"})
    put("malicious/object.skops", skops_zip(popen), "dangerous", "a skops ObjectNode building subprocess.Popen")


def safetensors(header, data):
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw + data


def safetensors_files():
    good = {"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]},
            "b": {"dtype": "F16", "shape": [2], "data_offsets": [16, 20]}, "__metadata__": {"format": "pt"}}
    put("benign/model.safetensors", safetensors(good, b"\x00" * 20), "safe", "a consistent header")
    overlap = {"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]},
               "b": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}}
    put("unknown/overlap.safetensors", safetensors(overlap, b"\x00" * 16), "unknown", "tensors that overlap",
        malicious=False)
    put("unknown/huge_header.safetensors", struct.pack("<Q", 2 ** 40) + b"{}", "unknown", "a header length past the file",
        malicious=False)
    put("unknown/bad_dtype.safetensors", safetensors({"w": {"dtype": "PY_OBJECT", "shape": [1],
        "data_offsets": [0, 8]}}, b"\x00" * 8), "unknown", "an unknown dtype", malicious=False)


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


def onnx_model(location):
    entry = field(1, b"location") + field(2, location.encode())
    tensor = varint(1 << 3) + varint(4) + varint(2 << 3) + varint(1) + field(8, b"weight") + field(13, entry) \
        + varint(14 << 3) + varint(1)
    node = field(1, b"x") + field(1, b"weight") + field(2, b"y") + field(4, b"Add")
    graph = field(1, node) + field(2, b"g") + field(5, tensor)
    return varint(1 << 3) + varint(8) + field(2, b"braid-tests") + field(7, graph)


def onnx_files():
    put("benign/model.onnx", onnx_model("model.onnx.data"), "safe", "external data beside the model")
    put("malicious/traversal.onnx", onnx_model("../../../../etc/passwd"), "dangerous", "external data that climbs out")
    put("malicious/absolute.onnx", onnx_model("/etc/shadow"), "dangerous", "external data at an absolute path")


def real():
    import numpy as np
    import pandas as pd
    import joblib
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler
    rng = np.random.default_rng(7)
    x = rng.random((200, 4))
    y = (x[:, 0] > 0.5).astype(int)
    forest = RandomForestClassifier(n_estimators=5, random_state=1).fit(x, y)
    pipe = Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression())]).fit(x, y)
    frame = pd.DataFrame({"a": np.arange(5), "b": list("vwxyz"), "t": pd.date_range("2024-01-01", periods=5)})
    for p in (2, 4, 5):
        put(f"real/forest_p{p}.pkl", pickle.dumps(forest, protocol=p), "safe", f"a scikit-learn forest, protocol {p}")
        put(f"real/pipeline_p{p}.pkl", pickle.dumps(pipe, protocol=p), "safe", f"a scikit-learn pipeline, protocol {p}")
        put(f"real/frame_p{p}.pkl", pickle.dumps(frame, protocol=p), "safe", f"a pandas DataFrame, protocol {p}")
    for name, compress in (("forest.joblib", 0), ("forest_zlib.joblib", 3), ("forest_gzip.joblib", ("gzip", 3)),
                           ("forest_xz.joblib", ("xz", 3)), ("forest_bz2.joblib", ("bz2", 3))):
        path = os.path.join(OUT, "real", name)
        joblib.dump(forest, path, compress=compress)
        manifest.append({"file": "real/" + name, "expect": "safe", "why": f"joblib.dump compress={compress}",
                         "malicious": False})
    import skops.io
    skops.io.dump(forest, os.path.join(OUT, "real", "forest.skops"))
    manifest.append({"file": "real/forest.skops", "expect": "safe", "why": "skops.io.dump of a forest", "malicious": False})
    np.save(os.path.join(OUT, "real", "floats.npy"), rng.random((10, 10)))
    manifest.append({"file": "real/floats.npy", "expect": "safe", "why": "numpy.save of floats", "malicious": False})
    np.save(os.path.join(OUT, "real", "strings.npy"), np.array(["a", {"k": 1}, None], dtype=object), allow_pickle=True)
    manifest.append({"file": "real/strings.npy", "expect": "safe", "why": "an object array of plain values",
                     "malicious": False})
    np.savez_compressed(os.path.join(OUT, "real", "arrays.npz"), a=rng.random(5), b=np.arange(3))
    manifest.append({"file": "real/arrays.npz", "expect": "safe", "why": "numpy.savez_compressed", "malicious": False})
    evil = np.array([1, Reduces(os.system, (SYSTEM,))], dtype=object)
    np.save(os.path.join(OUT, "real", "evil_objects.npy"), evil, allow_pickle=True)
    manifest.append({"file": "real/evil_objects.npy", "expect": "dangerous", "why": "numpy.save of a malicious object",
                     "malicious": True})
    payload = {"model": forest, "arrays": [rng.random(1000), np.arange(100)], "hook": Reduces(os.system, (SYSTEM,))}
    for name, compress in (("evil.joblib", 0), ("evil_zlib.joblib", 3)):
        joblib.dump(payload, os.path.join(OUT, "real", name), compress=compress)
        manifest.append({"file": "real/" + name, "expect": "dangerous", "why": f"joblib.dump of a model and arrays,"
                         f" then a malicious object, compress={compress}", "malicious": True})
    joblib.dump({"objects": np.array([Reduces(os.system, (SYSTEM,))], dtype=object)},
                os.path.join(OUT, "real", "evil_object_array.joblib"))
    manifest.append({"file": "real/evil_object_array.joblib", "expect": "dangerous",
                     "why": "joblib writes an object array as a pickle after its header", "malicious": True})


def h5():
    import h5py

    os.makedirs(os.path.join(OUT, "h5"), exist_ok=True)

    def model(path, layers):
        with h5py.File(os.path.join(OUT, path), "w") as f:
            f.attrs["keras_version"] = "2.15.0"
            f.attrs["backend"] = "tensorflow"
            f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {"name": "s", "layers": layers}})
            f.create_group("model_weights").create_dataset("w", data=[1.0, 2.0])

    plain = [{"class_name": "Dense", "config": {"name": "d", "units": 2}}]
    model("h5/dense.h5", plain)
    manifest.append({"file": "h5/dense.h5", "expect": "safe", "why": "a Keras 2 .h5 with Dense layers", "malicious": False})
    lam = {"class_name": "Lambda", "config": {"name": "lam", "function": [CODE, None, None],
                                               "function_type": "lambda", "module": "__main__"}}
    model("h5/lambda.h5", plain + [lam])
    manifest.append({"file": "h5/lambda.h5", "expect": "dangerous", "why": "a Keras 2 .h5 with a Lambda layer",
                     "malicious": True})


os.makedirs(OUT, exist_ok=True)
for part in PARTS:
    {"base": base, "real": real, "h5": h5}[part]()
with open(os.path.join(OUT, "manifest-" + "-".join(PARTS) + ".json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(len(manifest))
