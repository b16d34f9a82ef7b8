#!/usr/bin/env python3
"""The table of bench/run: reads the figures each bench emitted (bench/emit.py) and how each bench
ended, prints one aligned table and writes it as Markdown.

    summary.py RESULTS_DIR MARKDOWN_OUT TITLE NAME...

RESULTS_DIR holds NAME.jsonl (figures) and NAME.status ("EXIT SECONDS") for each bench NAME; a
bench without a status file was not run. ratio is convo's advantage over the baseline (baseline /
convo when lower is better, convo / baseline when higher is), so > 1 means convo is ahead.
"""
import json
import os
import sys

COLUMNS = ["figure", "convo", "baseline", "ratio", "target", "met?"]
RIGHT = {"convo", "baseline", "ratio"}
DASH = "—"


def number(value, unit):
    """A value with its unit, at a precision that suits the unit and size."""
    if unit == "cos":
        return f"{value:.6f}"
    if unit in ("NMI", "ARI", "ACC"):
        return f"{value:.1f} {unit}"
    magnitude = abs(value)
    if unit in ("MB", "MiB") or magnitude >= 1000:
        text = f"{value:,.0f}"
    elif magnitude >= 100:
        text = f"{value:.0f}" if unit.endswith("/s") else f"{value:.1f}"
    elif magnitude >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.2f}"
    return f"{text} {unit}"


def ratio(figure):
    convo, baseline = figure["convo"], figure.get("baseline")
    if baseline is None:
        return DASH
    numerator, denominator = (baseline, convo) if figure.get("better", "lower") == "lower" else (convo, baseline)
    if denominator == 0:
        return DASH
    value = numerator / denominator
    return f"{value:.2f}×" if value < 10 else f"{value:.1f}×" if value < 100 else f"{value:,.0f}×"


def met(value):
    return DASH if value is None else "yes" if value else "no"


def load(directory, name):
    """(rows, status): the bench's figures as table rows, and None, (exit, seconds) or an error."""
    rows, problem = [], None
    path = os.path.join(directory, f"{name}.jsonl")
    if os.path.exists(path):
        for number_, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                figure = json.loads(line)
                unit = figure["unit"]
                baseline = figure.get("baseline")
                rows.append([figure["figure"], number(figure["convo"], unit),
                             DASH if baseline is None else number(baseline, unit), ratio(figure),
                             figure.get("target") or DASH, met(figure.get("met"))])
            except (ValueError, KeyError, TypeError) as error:
                problem = f"line {number_} of {path} unreadable: {error}"
    status_path = os.path.join(directory, f"{name}.status")
    if not os.path.exists(status_path):
        return rows, None, problem
    exit_code, seconds = open(status_path).read().split()
    return rows, (int(exit_code), float(seconds)), problem


def aligned(rows):
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.rjust(width) if COLUMNS[i] in RIGHT else cell.ljust(width)
                 for i, (cell, width) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown(rows):
    def escape(cell):
        return cell.replace("|", "\\|")
    lines = ["| " + " | ".join(COLUMNS) + " |",
             "|" + "|".join("---:" if column in RIGHT else "---" for column in COLUMNS) + "|"]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def main():
    directory, markdown_path, title, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    rows = [COLUMNS]
    failed, timings, baselines = [], [], {}
    for name in names:
        figures, status, problem = load(directory, name)
        if status is None:
            continue
        exit_code, seconds = status
        timings.append(f"{name} {seconds:.0f} s")
        rows += figures
        reason = (f"exit {exit_code}" if exit_code != 0 else problem if problem
                  else "no figures" if not figures else None)
        if reason:
            log = os.path.join("bench/out/logs", f"{name}.log")
            failed.append((name, reason, log))
            rows.append([f"{name}: FAILED ({reason}; see {log})", "FAILED", DASH, DASH, DASH, DASH])
        path = os.path.join(directory, f"{name}.jsonl")
        if os.path.exists(path):
            for line in open(path, encoding="utf-8"):
                try:
                    figure = json.loads(line)
                except ValueError:
                    continue
                if figure.get("baseline_name"):
                    baselines.setdefault(name, [])
                    if figure["baseline_name"] not in baselines[name]:
                        baselines[name].append(figure["baseline_name"])

    print(title)
    print(aligned(rows))
    print("ratio: convo's advantage over the baseline (> 1: convo ahead); met?: — where no target applies")
    print("time per bench: " + ", ".join(timings))
    for name, reason, log in failed:
        print(f"FAILED {name}: {reason}; last lines of {log}:")
        try:
            tail = open(log, encoding="utf-8", errors="replace").read().splitlines()[-8:]
        except OSError:
            tail = []
        for line in tail:
            print(f"    {line}")

    with open(markdown_path, "w", encoding="utf-8") as out:
        out.write(f"# Benchmarks\n\n{title}\n\n{markdown(rows)}\n\n")
        out.write("ratio: convo's advantage over the baseline (baseline ÷ convo for times and memory, convo ÷ "
                  "baseline for rates); above 1 convo is ahead. met?: — where no target applies at this size.\n\n")
        if baselines:
            out.write("Baselines, measured in the same run:\n\n")
            out.write("".join(f"- {name}: {', '.join(names_)}\n" for name, names_ in baselines.items()))
            out.write("\n")
        out.write("Time per bench (builds included): " + ", ".join(timings) + ".\n")
        if failed:
            out.write("\nFailed: " + "; ".join(f"{name} ({reason}, `{log}`)" for name, reason, log in failed) + ".\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
