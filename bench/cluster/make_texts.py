#!/usr/bin/env python3
"""Writes N support-style texts derived from BANKING77 (all split), perturbed the way people
type (typos, greetings, sign-offs, case), as {"id", "text", "label"} JSONL. Deterministic.

usage: make_texts.py BANKING77_ALL.jsonl N OUT.jsonl
"""
import json
import random
import sys

PREFIXES = ["", "", "", "hi, ", "hello ", "hey - ", "Hi there. ", "urgent: ", "quick question: "]
SUFFIXES = ["", "", "", "?", "??", "!!", " please", " thanks", " asap", " thank you!"]


def typo(text, rnd):
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return text
    i = rnd.choice(candidates)
    w = list(words[i])
    p = 1 + rnd.randrange(len(w) - 2)
    kind = rnd.randrange(3)
    if kind == 0:
        w[p], w[p - 1] = w[p - 1], w[p]
    elif kind == 1:
        del w[p]
    else:
        w.insert(p, w[p])
    words[i] = "".join(w)
    return " ".join(words)


def main():
    source, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    base = [json.loads(line) for line in open(source, encoding="utf-8") if line.strip()]
    rnd = random.Random(20261127)
    with open(out, "w", encoding="utf-8") as f:
        for i in range(count):
            row = base[rnd.randrange(len(base))]
            text = row["text"]
            if rnd.random() < 0.5:
                text = typo(text, rnd)
            r = rnd.random()
            if r < 0.15:
                text = text.lower()
            elif r < 0.2:
                text = text.upper()
            text = rnd.choice(PREFIXES) + text + rnd.choice(SUFFIXES)
            f.write(json.dumps({"id": "t%d" % i, "text": text, "label": row["label"]}) + "\n")


if __name__ == "__main__":
    main()
