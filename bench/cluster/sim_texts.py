#!/usr/bin/env python3
"""The clustering text of each simulated conversation, for the scikit-learn baseline, with its
ground-truth intent: {"id", "text", "label"} JSONL. The text is what `convo cluster` weighs most:
the user's turns, the first one twice (it states the problem); off-topic conversations are
labelled "off-topic".

usage: sim_texts.py CONVERSATIONS.jsonl TRUTH.jsonl OUT.jsonl
"""
import json
import sys


def main():
    conversations, truth, out = sys.argv[1:4]
    labels = {}
    with open(truth, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            labels[row["conversation"]] = row["intent"] or "off-topic"
    with open(conversations, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            c = json.loads(line)
            users = [t["content"] for t in c["turns"] if t["role"] == "user" and t["content"]][:6]
            text = "\n".join(users[:1] + users)
            w.write(json.dumps({"id": c["id"], "text": text, "label": labels.get(c["id"], "off-topic")}) + "\n")


if __name__ == "__main__":
    main()
