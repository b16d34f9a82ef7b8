#!/usr/bin/env python3
"""Writes N synthetic conversations of about five turns as convo JSONL, deterministically
(same --count and --seed, same bytes). Stand-in until the simulator lands."""
import argparse
import json
import random
import sys

TOPICS = [
    ("webhooks", "why is my webhook not firing", "Check that webhooks are enabled in Settings > Integrations and that your endpoint returns 200."),
    ("billing", "I was charged twice this month", "I can see two charges on your invoice; I've flagged the duplicate for a refund."),
    ("api-keys", "where do I find my API key", "Open Settings > API keys and create a key; it is shown only once, so store it safely."),
    ("rate-limits", "I keep getting 429 errors", "Your plan allows 60 requests per minute; batch requests or upgrade for higher limits."),
    ("sso", "how do I set up SSO with Okta", "SSO is available on the enterprise plan: add the SAML app in Okta, then paste its metadata URL."),
    ("export", "can I export my data to CSV", "Yes: Reports > Export lets you download any view as CSV, up to one million rows."),
]
PLANS = ["free", "trial", "pro", "enterprise"]
FILLER = ("please note that the dashboard may take a few minutes to update after you change this setting, "
          "and that the change applies to every project in the workspace unless you override it per project. ")


def conversation(rng, index):
    topic, question, answer = TOPICS[rng.randrange(len(TOPICS))]
    start = 1795600000 + index * 37 + rng.randrange(30)
    turns = []
    t = start
    turns.append({"role": "user", "content": f"{question} (ref {rng.randrange(10**6)})",
                  "ts": f"{iso(t)}"})
    n = rng.choice([3, 4, 5, 5, 5, 6, 7])
    for k in range(1, n):
        t += rng.randrange(2, 90)
        if k % 2 == 1:
            if rng.random() < 0.25:
                turns.append({"role": "tool", "name": "search_docs", "arguments": {"query": topic, "limit": 3},
                              "content": f"3 results for {topic}: {FILLER[:rng.randrange(60, 160)]}"})
            else:
                turns.append({"role": "assistant", "content": answer + " " + FILLER[:rng.randrange(40, 200)],
                              "latency_ms": rng.randrange(300, 4000)})
        else:
            turns.append({"role": "user", "content": f"thanks, and what about {topic} for project {rng.randrange(1000)}?",
                          "ts": iso(t)})
    return {
        "id": f"c_{index:07d}",
        "started_at": iso(start),
        "agent": "support" if rng.random() < 0.8 else "sales",
        "user": {"id": f"u_{rng.randrange(40000)}", "account": f"acct_{rng.randrange(9000)}",
                 "plan": rng.choice(PLANS), "account_age_days": rng.randrange(0, 900)},
        "metadata": {"feature": topic, "channel": rng.choice(["web", "slack", "email"])},
        "turns": turns,
    }


def iso(seconds):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = sys.stdout
    for index in range(args.count):
        out.write(json.dumps(conversation(rng, index), ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
