#!/bin/sh
# Benchmarks the git layer (ConvoGit) on a 10,000-commit repository: walking and diffing the last
# 1,000 commits (what the pre-push hook does), and a propose-style commit, each next to the git
# CLI doing the same work in the same run.
#   bench/git_layer.sh [COMMITS_IN_REPO] [RANGE] [ROUNDS]
set -eu
cd "$(dirname "$0")/.."
total=${1:-10000}
range=${2:-1000}
rounds=${3:-5}
out=bench/out/git-layer-$total
if [ ! -d "$out/.git" ]; then
    rm -rf "$out"
    mkdir -p "$out"
    git -C "$out" init -q -b main
    python3 - "$total" <<'PY' | git -C "$out" fast-import --quiet
import sys
total = int(sys.argv[1])
out = sys.stdout
def data(text):  # ASCII only, so characters are bytes
    out.write(f"data {len(text)}\n{text}\n")
for i in range(total):
    out.write("commit refs/heads/main\n")
    out.write(f"committer Bench <bench@example.com> {1700000000 + i * 60} +0000\n")
    data(f"Change {i}\n\nTouch prompt {i % 50}.\n\nIntent: intent-{i % 20}\nConversation-Id: c_{i:05d}\n")
    if i == 0:
        for f in range(300):
            out.write(f"M 100644 inline src/module{f // 30}/file{f}.txt\n"); data(f"source {f}\n")
    out.write(f"M 100644 inline prompts/p{i % 50}.md\n")
    data("".join(f"# Section {s}\n\nLine {s} of prompt {i % 50}, revision {i}.\n\n" for s in range(20)))
    out.write(f"M 100644 inline src/module{i % 10}/file{i % 300}.txt\n"); data(f"source {i}\n")
PY
    git -C "$out" reset -q --hard main
fi
swift build -c release --product GitLayerBench >/dev/null
bin="$(swift build -c release --show-bin-path)/GitLayerBench"
if [ -z "${CONVO_BENCH_RESULTS:-}" ]; then
    exec "$bin" "$out" "$range" "$rounds"
fi
# Under bench/run: the same output, then its figures for the table.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$bin" "$out" "$range" "$rounds" >"$log" || status=$?
cat "$log"
[ "$status" = 0 ] || exit "$status"
python3 - "$log" <<'PY'
import re, sys
sys.path.insert(0, "bench")
from emit import emit
# "LABEL   12.3 ms   (git CLI 4.5 ms)", the baseline optional.
line = re.compile(r"^(?P<label>\S.*?)\s+(?P<ms>[\d.]+) ms(?:\s+\(git CLI\s+(?P<base_ms>[\d.]+) ms\))?$")
found = 0
for text in open(sys.argv[1]):
    m = line.match(text.rstrip("\n"))
    if m:
        found += 1
        emit(f"git layer: {m['label']}", float(m["ms"]), "ms", baseline=float(m["base_ms"]) if m["base_ms"] else None,
             baseline_name="git CLI" if m["base_ms"] else None)
if found == 0:
    sys.exit("bench/git_layer.sh: no figures found in the output")
PY
