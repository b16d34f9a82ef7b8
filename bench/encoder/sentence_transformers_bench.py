"""Baseline for bench/encoder/run: sentence-transformers + PyTorch on the same texts and CPU.

Prints one JSON object like the Swift bench: load time (model load plus a first tiny encode),
sentences per second per pass, CPU milliseconds per sentence, peak RSS. With --vectors, writes
the last pass's embeddings as little-endian float32 so the run can compare both engines.
"""
import argparse
import json
import os
import resource
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("texts")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--threads", type=int, help="torch threads (default: torch's choice, one per core)")
    parser.add_argument("--vectors")
    args = parser.parse_args()

    with open(args.texts, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle if line.strip()]

    start = time.perf_counter()
    import torch
    from sentence_transformers import SentenceTransformer

    if args.threads:
        torch.set_num_threads(args.threads)

    model = SentenceTransformer(args.model, device="cpu")
    model.encode(["warm up"])
    load_seconds = time.perf_counter() - start

    rates, cpu_ms = [], []
    vectors = None
    for _ in range(args.passes):
        wall, cpu = time.perf_counter(), time.process_time()
        vectors = model.encode(texts, batch_size=args.batch_size, normalize_embeddings=True,
                               convert_to_numpy=True)
        rates.append(len(texts) / (time.perf_counter() - wall))
        cpu_ms.append((time.process_time() - cpu) / len(texts) * 1000)

    if args.vectors and vectors is not None:
        vectors.astype("<f4").tofile(args.vectors)

    report = {
        "engine": "sentence-transformers",
        "texts": len(texts),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "batch_size": args.batch_size,
        "load_seconds": load_seconds,
        "sentences_per_second": rates,
        "cpu_ms_per_sentence": cpu_ms,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    json.dump(report, sys.stdout, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
