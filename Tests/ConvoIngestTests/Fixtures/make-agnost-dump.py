#!/usr/bin/env python3
"""Regenerates agnost-payloads.jsonl with the real Agnost SDK (pip install agnost==0.1.13):
a receiver on 127.0.0.1 writes each capture-session / capture-event body, as sent, one per line.
Not run by the tests; the output is committed (event ids are random UUIDs)."""
import http.server
import os
import sys
import threading

import agnost

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "agnost-payloads.jsonl")
bodies = []


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        bodies.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
agnost.init("org-fixture", endpoint=f"http://127.0.0.1:{server.server_port}")

agnost.identify("user_123", {"plan": "pro", "account_age_days": 412, "name": "Ana", "email": "ana@example.com"})
agnost.track(user_id="user_123", input="I was charged twice", output="I've flagged the duplicate charge.",
             agent_name="billing-agent", conversation_id="conv-42", properties={"turn": 0, "model": "gpt-4o-mini"},
             latency=7137)
interaction = agnost.begin(user_id="user_123", agent_name="billing-agent", input="merci 🙏", conversation_id="conv-42")
interaction.end(output="De rien ! Anything else?", latency=900)
agnost.track(user_id="user_123", input={"format": "csv"}, output=None, agent_name="billing-agent",
             conversation_id="conv-42", success=False, latency=12)
agnost.track(user_id="user_9", input="hi", output="Hello! How can I help?", conversation_id="conv-43")
agnost.shutdown()
server.shutdown()

with open(OUT, "wb") as f:
    for body in bodies:
        f.write(body + b"\n")
print(f"wrote {len(bodies)} payloads to {OUT}", file=sys.stderr)
