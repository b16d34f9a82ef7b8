#!/usr/bin/env python3
"""Machine-readable bench results: one JSON line per figure, appended to $CONVO_BENCH_RESULTS.

bench/run sets CONVO_BENCH_RESULTS to a file per bench and builds its table from them; a bench
run on its own (variable unset) emits nothing, so what it prints is unchanged.

Each line: {"figure", "convo", "baseline", "unit", "better", "target", "met"}
  convo, baseline  numbers (baseline null when the bench has none)
  better           "lower" or "higher": which way is good, so the table's ratio is convo's
                   advantage (> 1 means convo beats the baseline)
  target           text, null when there is none; met true/false, null when not judged

From a shell:
    python3 bench/emit.py --figure "ingest 100k" --convo 1.2 --baseline 3.4 --unit s \
        --target "< 5 s" --met yes
From Python (cwd = repository root, as every bench runs):
    sys.path.insert(0, "bench"); from emit import emit, count_label
"""
import argparse
import json
import math
import os
import sys

UNITS_HIGHER_IS_BETTER = {"/s", "conv/s", "texts/s", "sent/s", "x", "NMI", "ARI", "ACC", "cos"}


def enabled():
    return bool(os.environ.get("CONVO_BENCH_RESULTS"))


def count_label(count):
    """A count as figures name it: 100000 → "100k", 981 → "981"."""
    return f"{count // 1000}k" if count >= 1000 and count % 1000 == 0 else f"{count:,}"


def emit(figure, convo, unit, baseline=None, better=None, target=None, met=None, baseline_name=None):
    """Appends one figure; does nothing unless CONVO_BENCH_RESULTS is set."""
    path = os.environ.get("CONVO_BENCH_RESULTS")
    if not path:
        return
    for name, value in (("convo", convo), ("baseline", baseline)):
        if value is not None and (not isinstance(value, (int, float)) or not math.isfinite(value)):
            raise ValueError(f"emit: {name} of {figure!r} is not a finite number: {value!r}")
    if better is None:
        better = "higher" if unit in UNITS_HIGHER_IS_BETTER else "lower"
    if better not in ("lower", "higher"):
        raise ValueError(f"emit: better must be lower or higher, not {better!r}")
    line = {"figure": figure, "convo": convo, "baseline": baseline, "unit": unit, "better": better,
            "target": target, "met": met}
    if baseline_name:
        line["baseline_name"] = baseline_name
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description="Append one bench figure to $CONVO_BENCH_RESULTS.")
    parser.add_argument("--figure", required=True)
    parser.add_argument("--convo", required=True, type=float)
    parser.add_argument("--baseline", type=float)
    parser.add_argument("--baseline-name")
    parser.add_argument("--unit", required=True)
    parser.add_argument("--better", choices=["lower", "higher"])
    parser.add_argument("--target")
    parser.add_argument("--met", choices=["yes", "no"])
    args = parser.parse_args()
    emit(args.figure, args.convo, args.unit, baseline=args.baseline, better=args.better, target=args.target,
         met=None if args.met is None else args.met == "yes", baseline_name=args.baseline_name)


if __name__ == "__main__":
    sys.exit(main())
