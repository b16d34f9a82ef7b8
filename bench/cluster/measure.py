#!/usr/bin/env python3
"""Runs a command and prints its wall-clock seconds and peak resident memory as one JSON line.

usage: measure.py COMMAND [ARG...]
"""
import json
import resource
import subprocess
import sys
import time

start = time.monotonic()
completed = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
seconds = time.monotonic() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": round(seconds, 2), "peak_mib": round(peak_kib / 1024, 1),
                  "status": completed.returncode, "stderr": completed.stderr[-2000:]}))
sys.exit(0)
