#!/usr/bin/env python3
"""The baseline of issue 4: scikit-learn TF-IDF (word 1-2 grams, sublinear tf) + MiniBatchKMeans
told the number of clusters, on the same JSONL texts; writes {"id", "cluster"} lines.

usage: sklearn_baseline.py TEXTS.jsonl K PRED.jsonl
"""
import json
import sys

from sklearn.cluster import MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    source, k, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rows = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in rows]
    matrix = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2).fit_transform(texts)
    labels = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=2048).fit_predict(matrix)
    with open(out, "w", encoding="utf-8") as f:
        for r, c in zip(rows, labels):
            f.write(json.dumps({"id": r["id"], "cluster": int(c)}) + "\n")


if __name__ == "__main__":
    main()
