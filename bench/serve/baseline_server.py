"""The straightforward baseline the benchmark compares `convo serve` with: Python's
ThreadingHTTPServer decoding the same OTLP protobuf with opentelemetry-proto and writing each
request's conversations (latest chat span's history + output) to SQLite in one transaction.

usage: baseline_server.py PORT_FILE DB
"""
import json
import sqlite3
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

port_file, db_path = sys.argv[1], sys.argv[2]
db = sqlite3.connect(db_path, check_same_thread=False)
db.execute("PRAGMA journal_mode=WAL")
db.execute("CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, user_id TEXT, plan TEXT)")
db.execute("CREATE TABLE IF NOT EXISTS turns (conversation TEXT, ordinal INTEGER, role TEXT, content TEXT, PRIMARY KEY (conversation, ordinal))")
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        request = ExportTraceServiceRequest.FromString(body)
        convs = {}
        by_span = {}
        for rs in request.resource_spans:
            for ss in rs.scope_spans:
                for span in ss.spans:
                    attrs = {kv.key: kv.value for kv in span.attributes}
                    by_span[span.span_id] = attrs
        for rs in request.resource_spans:
            for ss in rs.scope_spans:
                for span in ss.spans:
                    attrs = {kv.key: kv.value for kv in span.attributes}
                    cid = attrs.get("gen_ai.conversation.id") or by_span.get(span.parent_span_id, {}).get("gen_ai.conversation.id")
                    if cid is None:
                        continue
                    c = convs.setdefault(cid.string_value, {"user": None, "plan": None, "turns": [], "start": 0})
                    if "user.id" in attrs:
                        c["user"], c["plan"] = attrs["user.id"].string_value, attrs["app.user.plan"].string_value
                    if "gen_ai.input.messages" in attrs and span.start_time_unix_nano >= c["start"]:
                        c["start"] = span.start_time_unix_nano
                        msgs = json.loads(attrs["gen_ai.input.messages"].string_value) + json.loads(attrs["gen_ai.output.messages"].string_value)
                        c["turns"] = [(m["role"], "".join(p.get("content", "") for p in m["parts"])) for m in msgs]
        with lock:
            with db:
                for cid, c in convs.items():
                    db.execute("INSERT OR REPLACE INTO conversations VALUES (?, ?, ?)", (cid, c["user"], c["plan"]))
                    db.execute("DELETE FROM turns WHERE conversation = ?", (cid,))
                    db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?)", [(cid, i, r, t) for i, (r, t) in enumerate(c["turns"])])
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
with open(port_file, "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
