"""Load generator for `convo serve`: pre-encodes OTLP/HTTP protobuf trace requests (so the
client is not the bottleneck), then sends them from SENDERS processes over keep-alive
connections and reports conversations/s and request latency percentiles.

usage: loadgen.py PORT TOKEN CONVERSATIONS PER_REQUEST SENDERS

Each conversation is one trace: an `invoke_agent` root span (conversation id, user facts) and
two `chat` spans whose gen_ai.input.messages repeat the history (5 turns in the end).
"""
import http.client
import json
import multiprocessing
import os
import sys
import time

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span


def kv(key, value):
    if isinstance(value, int):
        return KeyValue(key=key, value=AnyValue(int_value=value))
    return KeyValue(key=key, value=AnyValue(string_value=value))


def msg(role, text):
    return {"role": role, "parts": [{"type": "text", "content": text}]}


def conversation_spans(n, base_ns):
    trace_id = (n + 1).to_bytes(16, "big")  # all-zero ids are invalid
    root_id = (n * 4 + 1).to_bytes(8, "big")
    cid = f"bench-{n:07d}"
    t0 = base_ns + n * 1_000_000
    spans = [Span(trace_id=trace_id, span_id=root_id, name="invoke_agent support", kind=Span.SPAN_KIND_INTERNAL,
                  start_time_unix_nano=t0, end_time_unix_nano=t0 + 9_000_000,
                  attributes=[kv("gen_ai.operation.name", "invoke_agent"), kv("gen_ai.conversation.id", cid),
                              kv("user.id", f"u{n % 5000}"), kv("app.user.plan", ["free", "trial", "pro"][n % 3]),
                              kv("app.user.account_age_days", n % 365)])]
    history = [msg("system", "You are the support agent for Relay."), msg("user", f"why is webhook {n} not firing")]
    out1 = msg("assistant", "Check that the endpoint returns 200 and that webhooks are enabled.")
    turns = [(list(history), out1)]
    history += [out1, msg("user", "it returns 200 already")]
    out2 = msg("assistant", "Then enable webhooks in Settings > Integrations.")
    turns.append((list(history), out2))
    for k, (inp, out) in enumerate(turns):
        start = t0 + 1_000_000 + k * 4_000_000
        spans.append(Span(trace_id=trace_id, span_id=(n * 4 + 2 + k).to_bytes(8, "big"), parent_span_id=root_id,
                          name="chat gpt-4o-mini", kind=Span.SPAN_KIND_CLIENT, start_time_unix_nano=start,
                          end_time_unix_nano=start + 3_000_000,
                          attributes=[kv("gen_ai.operation.name", "chat"), kv("gen_ai.request.model", "gpt-4o-mini"),
                                      kv("gen_ai.input.messages", json.dumps(inp)),
                                      kv("gen_ai.output.messages", json.dumps([out]))]))
    return spans


def encode(first, count, base_ns):
    spans = []
    for n in range(first, first + count):
        spans += conversation_spans(n, base_ns)
    request = ExportTraceServiceRequest(resource_spans=[ResourceSpans(
        resource={"attributes": [kv("service.name", "support-bot")]},
        scope_spans=[ScopeSpans(scope={"name": "bench"}, spans=spans)])])
    return request.SerializeToString()


def sender(args):
    port, token, bodies = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    latencies = []
    failures = 0
    for body in bodies:
        while True:
            start = time.perf_counter()
            conn.request("POST", "/v1/traces", body=body, headers={
                "Content-Type": "application/x-protobuf", "Authorization": f"Bearer {token}"})
            response = conn.getresponse()
            reply = response.read()
            latencies.append(time.perf_counter() - start)
            if response.status in (429, 503):
                time.sleep(float(response.getheader("Retry-After", "1")))
                continue
            # A 200 with a body carries partial_success: something was rejected.
            if response.status != 200 or reply:
                failures += 1
            break
    conn.close()
    return latencies, failures


def main():
    port, token, total, per_request, senders = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    base_ns = 1_795_000_000_000_000_000
    bodies = [encode(first, min(per_request, total - first), base_ns) for first in range(0, total, per_request)]
    shares = [(int(port), token, bodies[i::senders]) for i in range(senders)]
    with multiprocessing.Pool(senders) as pool:
        start = time.perf_counter()
        results = pool.map(sender, shares)
        elapsed = time.perf_counter() - start
    latencies = sorted(l for r in results for l in r[0])
    failures = sum(r[1] for r in results)
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    print(json.dumps({"conversations": total, "requests": len(bodies), "bytes_per_request": sum(map(len, bodies)) // len(bodies),
                      "seconds": round(elapsed, 3), "conversations_per_s": round(total / elapsed),
                      "p50_ms": round(p(0.50), 1), "p99_ms": round(p(0.99), 1), "failures": failures}))


if __name__ == "__main__":
    main()
