"""Deterministic conversations the client scripts send, and the transcript convo must store.

Each conversation has 2-3 user turns; every third one calls a tool. `expected()` is the
transcript in convo's own shape: the Swift test compares the store against it.
"""
import json
import random

PLANS = ["free", "trial", "pro", "enterprise"]
SYSTEM = "You are the support agent for Relay, a webhook delivery service."
QUESTIONS = [
    "why is my webhook not firing",
    "I keep getting 429 from the API",
    "how do I rotate my API key?",
    "merci 🙏 ça marche",
    "the dashboard shows \"pending\" forever",
    "can I get a refund for last month",
]


def conversation(prefix, i):
    rng = random.Random(f"{prefix}-{i}")
    turns = []
    for k in range(2 + i % 2):
        question = f"{rng.choice(QUESTIONS)} (#{i}.{k})"
        tool = None
        if (i + k) % 3 == 0:
            tool = {"id": f"call_{i}_{k}", "name": "get_delivery_log",
                    "arguments": {"endpoint": f"ep_{i}", "limit": k + 1},
                    "result": f"{k + 2} deliveries failed with 500"}
        answer = f"Answer {k} for conversation {i}: check Settings > Integrations."
        turns.append({"user": question, "tool": tool, "assistant": answer})
    return {
        "id": f"{prefix}-{i:04d}",
        "user_id": f"u_{i}",
        "plan": PLANS[i % len(PLANS)],
        "account_age_days": i % 90,
        "turns": turns,
    }


def expected(conv, with_system=True):
    out = []
    if with_system:
        out.append({"role": "system", "content": SYSTEM})
    for t in conv["turns"]:
        out.append({"role": "user", "content": t["user"]})
        if t["tool"]:
            out.append({"role": "tool", "name": t["tool"]["name"], "arguments": t["tool"]["arguments"],
                        "content": t["tool"]["result"]})
        out.append({"role": "assistant", "content": t["assistant"]})
    return {"id": conv["id"], "user": {"id": conv["user_id"], "plan": conv["plan"],
                                       "account_age_days": conv["account_age_days"]},
            "turns": out}


def write_expected(path, convs, with_system=True):
    with open(path, "w", encoding="utf-8") as f:
        for c in convs:
            f.write(json.dumps(expected(c, with_system), ensure_ascii=False) + "\n")
