#!/usr/bin/env python3
"""Writes a random-weight GGUF with the shape of a small real model, for engine benchmarks only.

The test model (tiny-llama-random.gguf) generates a token in about a millisecond, so per-token
overheads that vanish on a real model dominate its figures. This script keeps the test model's
tokenizer (its metadata is copied) and builds a llama-architecture model of a chosen shape with
random Q4_0 weights: its output is gibberish, but llama.cpp does the same work per token as for a
real model of that size. Default shape: Qwen2.5-1.5B's (28 layers, 1536 wide, 8960 FFN, 12 heads,
2 KV heads), about 0.8 GB.

    python3 scripts/make-benchmark-model.py ../shared/models/tiny-llama-random.gguf /tmp/bench-1.5b.gguf
    bin/medscribe bench --model /tmp/bench-1.5b.gguf --prompt-tokens 512 --gen-tokens 64 --runs 3
"""
import struct
import sys

import numpy as np

GGUF_TYPES = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
F32, Q4_0 = 0, 2


def read_value(f, kind):
    if kind == 8:
        (n,) = struct.unpack("<Q", f.read(8))
        return f.read(n)
    if kind == 9:
        (inner, count) = struct.unpack("<IQ", f.read(12))
        return (inner, [read_value(f, inner) for _ in range(count)])
    fmt = GGUF_TYPES[kind]
    return struct.unpack("<" + fmt, f.read(struct.calcsize(fmt)))[0]


def write_value(out, kind, value):
    if kind == 8:
        out.write(struct.pack("<Q", len(value)) + value)
    elif kind == 9:
        inner, items = value
        out.write(struct.pack("<IQ", inner, len(items)))
        for item in items:
            write_value(out, inner, item)
    else:
        out.write(struct.pack("<" + GGUF_TYPES[kind], value))


def tokenizer_metadata(path):
    with open(path, "rb") as f:
        assert f.read(4) == b"GGUF"
        (_version, _tensors, count) = struct.unpack("<IQQ", f.read(20))
        kept = []
        for _ in range(count):
            (n,) = struct.unpack("<Q", f.read(8))
            key = f.read(n)
            (kind,) = struct.unpack("<I", f.read(4))
            value = read_value(f, kind)
            if key.startswith(b"tokenizer."):
                kept.append((key, kind, value))
        return kept


def main():
    source, target = sys.argv[1], sys.argv[2]
    layers, width, ffn, heads, kv_heads = 28, 1536, 8960, 12, 2
    tokenizer = tokenizer_metadata(source)
    vocab = next(len(v[1]) for k, _, v in tokenizer if k == b"tokenizer.ggml.tokens")
    kv_width = width // heads * kv_heads
    meta = [
        (b"general.architecture", 8, b"llama"),
        (b"general.name", 8, b"random benchmark model (Qwen2.5-1.5B shape)"),
        (b"general.file_type", 4, 2),
        (b"llama.context_length", 4, 32768),
        (b"llama.embedding_length", 4, width),
        (b"llama.block_count", 4, layers),
        (b"llama.feed_forward_length", 4, ffn),
        (b"llama.attention.head_count", 4, heads),
        (b"llama.attention.head_count_kv", 4, kv_heads),
        (b"llama.attention.layer_norm_rms_epsilon", 6, 1e-6),
        (b"llama.rope.dimension_count", 4, width // heads),
    ] + tokenizer
    tensors = [("token_embd.weight", Q4_0, (width, vocab)), ("output_norm.weight", F32, (width,)),
               ("output.weight", Q4_0, (width, vocab))]
    for i in range(layers):
        p = "blk.%d." % i
        tensors += [(p + "attn_norm.weight", F32, (width,)), (p + "attn_q.weight", Q4_0, (width, width)),
                    (p + "attn_k.weight", Q4_0, (width, kv_width)), (p + "attn_v.weight", Q4_0, (width, kv_width)),
                    (p + "attn_output.weight", Q4_0, (width, width)), (p + "ffn_norm.weight", F32, (width,)),
                    (p + "ffn_gate.weight", Q4_0, (width, ffn)), (p + "ffn_up.weight", Q4_0, (width, ffn)),
                    (p + "ffn_down.weight", Q4_0, (ffn, width))]

    def nbytes(kind, dims):
        n = int(np.prod(dims))
        return n * 4 if kind == F32 else n // 32 * 18

    rng = np.random.default_rng(1)
    with open(target, "wb") as out:
        out.write(b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(meta)))
        for key, kind, value in meta:
            out.write(struct.pack("<Q", len(key)) + key + struct.pack("<I", kind))
            write_value(out, kind, value)
        offset = 0
        for name, kind, dims in tensors:
            encoded = name.encode()
            out.write(struct.pack("<Q", len(encoded)) + encoded + struct.pack("<I", len(dims)))
            out.write(struct.pack("<%dQ" % len(dims), *dims) + struct.pack("<IQ", kind, offset))
            offset += (nbytes(kind, dims) + 31) // 32 * 32
        out.write(b"\0" * ((32 - out.tell() % 32) % 32))
        for name, kind, dims in tensors:
            size = nbytes(kind, dims)
            if kind == F32:
                data = np.ones(dims, dtype=np.float32).tobytes()
            else:
                blocks = size // 18
                raw = rng.integers(0, 256, size=(blocks, 18), dtype=np.uint8)
                raw[:, 0:2] = np.frombuffer(np.float16(0.002).tobytes(), dtype=np.uint8)
                data = raw.tobytes()
            out.write(data + b"\0" * ((32 - size % 32) % 32))


if __name__ == "__main__":
    main()
