#!/usr/bin/env python3
"""Writes a `git fast-import` stream for the governance benchmark (bench/git/run).

The repository: COMMITS commits on main. The first holds 50 Markdown prompts of 20 sections
each (prompts/pK.md), 300 source files, 50 intent files (intents/intent-K.intent, each touching
every section of prompts/pK.md, with an evidence sample) and .convo/config.yaml. Every later
commit edits one section of one prompt plus one source file, with `Intent: intent-K` and a
`Conversation-Id:` trailer, as convo proposals look. refs/remotes/origin/main is set PUSHED
commits below the tip, so pushing main sends exactly PUSHED commits that each touch a governed
file.

    make_repo.py COMMITS PUSHED | git fast-import --quiet
"""
import sys

commits = int(sys.argv[1])
pushed = int(sys.argv[2])
out = sys.stdout
PROMPTS, SECTIONS, SOURCES = 50, 20, 300


def data(text):  # ASCII only, so characters are bytes
    out.write(f"data {len(text)}\n{text}\n")


def prompt(k, revisions):
    return "".join(
        f"# Section {s}\n\nGuidance {s} of prompt {k}, revision {revisions[s]}.\n"
        f"Keep answers short and check the account's settings first.\n\n"
        for s in range(SECTIONS))


def intent(k):
    touches = "".join(f"  - prompts/p{k}.md#section-{s}\n" for s in range(SECTIONS))
    sample = ", ".join(f"c_{k:02d}{n:03d}" for n in range(20))
    return (f"id: intent-{k}\ntitle: Recurring question {k}\nkind: setup-friction\nstatus: open\n"
            f"stage: onboarding\nsummary: |\n  Users keep asking about topic {k}; the prompt does not cover it.\n"
            f"touches:\n{touches}"
            f"evidence:\n  conversations: {100 + k}\n  accounts: {90 + k}\n  first_seen: 2026-11-02\n"
            f"  last_seen: 2026-11-22\n  plans: {{pro: {30 + k}, trial: 70}}\n  churned: 4\n  sample: [{sample}]\n")


revisions = [[0] * SECTIONS for _ in range(PROMPTS)]
for i in range(commits):
    out.write("commit refs/heads/main\n")
    out.write(f"mark :{i + 1}\n")
    out.write(f"committer Bench <bench@example.com> {1700000000 + i * 60} +0000\n")
    k, s = i % PROMPTS, (i // PROMPTS) % SECTIONS
    if i == 0:
        data("Initial prompts, sources and intents\n")
        for f in range(SOURCES):
            out.write(f"M 100644 inline src/module{f // 30}/file{f}.txt\n")
            data(f"source {f}\n")
        for p in range(PROMPTS):
            out.write(f"M 100644 inline prompts/p{p}.md\n")
            data(prompt(p, revisions[p]))
            out.write(f"M 100644 inline intents/intent-{p}.intent\n")
            data(intent(p))
        out.write("M 100644 inline .convo/config.yaml\n")
        data('governed: ["prompts/**"]\n')
        continue
    data(f"Revise section {s} of prompt {k}\n\nRevision {i}.\n\nIntent: intent-{k}\nConversation-Id: c_{i:05d}\n")
    revisions[k][s] = i
    out.write(f"M 100644 inline prompts/p{k}.md\n")
    data(prompt(k, revisions[k]))
    out.write(f"M 100644 inline src/module{i % 10}/file{i % SOURCES}.txt\n")
    data(f"source {i}\n")

out.write("reset refs/remotes/origin/main\n")
out.write(f"from :{commits - pushed}\n\n")
