"""Sends conversations to `convo serve` with the Agnost SDK (identify + begin/end + track).

usage: agnost_client.py ENDPOINT TOKEN N EXPECTED_JSONL

The first user turn of each conversation goes through begin()/end(), later ones through
track(); tool calls are not part of the Agnost protocol, so the expected transcript has none
(tool turns are folded into the answer) and no system turn.
"""
import sys
import time

import agnost

import scenarios

endpoint, token, n, expected_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
agnost.init(token, endpoint=endpoint)

convs = []
for i in range(n):
    conv = scenarios.conversation("agnost", i)
    for t in conv["turns"]:
        t["tool"] = None
    convs.append(conv)
    agnost.identify(conv["user_id"], {"plan": conv["plan"], "account_age_days": conv["account_age_days"],
                                      "name": f"User {i}", "email": f"user{i}@example.com"})
    for k, t in enumerate(conv["turns"]):
        if k == 0:
            interaction = agnost.begin(user_id=conv["user_id"], agent_name="support", input=t["user"],
                                       conversation_id=conv["id"], properties={"turn": k, "model": "gpt-4o-mini"})
            interaction.end(output=t["assistant"])
        else:
            agnost.track(user_id=conv["user_id"], input=t["user"], output=t["assistant"], agent_name="support",
                         conversation_id=conv["id"], properties={"turn": k})
# shutdown() drains the queue from this thread while the background sender is still sending,
# so the last events can arrive out of order (and the protocol carries no time or sequence to
# repair it). Let the sender empty the queue in order first, as an application that waits for
# delivery would.
deadline = time.time() + 60
while agnost._client.queue_size > 0 and time.time() < deadline:
    time.sleep(0.05)
time.sleep(0.2)
agnost.shutdown()
scenarios.write_expected(expected_path, convs, with_system=False)
print(f"sent {n} conversations (agnost)")
