"""Sends conversations to `convo serve` with the OpenTelemetry Python SDK and the OTLP/HTTP
protobuf exporters, the way an instrumented agent would.

usage: otel_client.py ENDPOINT TOKEN {semconv|events} N EXPECTED_JSONL

semconv: semantic conventions >= 1.37: one trace per user turn, an `invoke_agent` root span
         carrying the conversation id and the user's facts, and `chat` child spans whose
         `gen_ai.input.messages` (the whole history) / `gen_ai.output.messages` are JSON strings
         (even conversations) or structured values (odd ones). Every third conversation names
         its id only on the root span, so the chat spans must inherit it.
events:  semantic conventions <= 1.36: chat spans with no content, one log record per message
         (`gen_ai.user.message`, `gen_ai.choice`, ...) sent on /v1/logs. The logger provider is
         shut down first, so log records reach the server before their spans.
"""
import json
import sys
import time

from opentelemetry import trace
from opentelemetry._logs import LogRecord
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor
from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

import scenarios

endpoint, token, mode, n, expected_path = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
headers = {"Authorization": f"Bearer {token}"}
resource = Resource.create({"service.name": "support-bot"})

tracer_provider = TracerProvider(resource=resource)
tracer_provider.add_span_processor(BatchSpanProcessor(
    OTLPSpanExporter(endpoint=f"{endpoint}/v1/traces", headers=headers), max_export_batch_size=256, schedule_delay_millis=200))
tracer = tracer_provider.get_tracer("convo.test.client", "1.0.0")
logger_provider = LoggerProvider(resource=resource)
logger_provider.add_log_record_processor(BatchLogRecordProcessor(
    OTLPLogExporter(endpoint=f"{endpoint}/v1/logs", headers=headers), max_export_batch_size=256, schedule_delay_millis=200))
event_logger = logger_provider.get_logger("convo.test.client", "1.0.0")


def text_msg(role, text):
    return {"role": role, "parts": [{"type": "text", "content": text}]}


def attr(value, structured):
    return value if structured else json.dumps(value, ensure_ascii=False)


def chat_semconv(conv, history, output, structured, inherit):
    with tracer.start_as_current_span("chat gpt-4o-mini", kind=trace.SpanKind.CLIENT) as span:
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.provider.name", "openai")
        span.set_attribute("gen_ai.request.model", "gpt-4o-mini")
        if not inherit:
            span.set_attribute("gen_ai.conversation.id", conv["id"])
        span.set_attribute("gen_ai.system_instructions", attr([{"type": "text", "content": scenarios.SYSTEM}], structured))
        span.set_attribute("gen_ai.input.messages", attr(history, structured))
        span.set_attribute("gen_ai.output.messages", attr([dict(output, finish_reason="stop")], structured))
        span.set_attribute("gen_ai.usage.input_tokens", 100 + len(history))
        time.sleep(0.001)


def emit(name, body):
    event_logger.emit(LogRecord(event_name=name, body=body, attributes={"gen_ai.system": "openai"}))


def chat_events(conv, history, output):
    with tracer.start_as_current_span("chat gpt-4o-mini", kind=trace.SpanKind.CLIENT) as span:
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.system", "openai")
        # Alternate between the two conversation-id conventions.
        span.set_attribute("gen_ai.conversation.id" if int(conv["id"][-4:]) % 2 == 0 else "session.id", conv["id"])
        span.set_attribute("user.id", conv["user_id"])
        span.set_attribute("app.user.plan", conv["plan"])
        span.set_attribute("account_age_days", conv["account_age_days"])
        emit("gen_ai.system.message", {"content": scenarios.SYSTEM})
        for m in history:
            if m["role"] == "user":
                emit("gen_ai.user.message", {"content": m["content"]})
            elif m["role"] == "assistant" and m.get("tool_calls"):
                emit("gen_ai.assistant.message", {"tool_calls": m["tool_calls"]})
            elif m["role"] == "assistant":
                emit("gen_ai.assistant.message", {"content": m["content"]})
            elif m["role"] == "tool":
                emit("gen_ai.tool.message", {"content": m["content"], "id": m["tool_call_id"]})
        if output.get("tool_calls"):
            emit("gen_ai.choice", {"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant"},
                                   "tool_calls": output["tool_calls"]})
        else:
            emit("gen_ai.choice", {"index": 0, "finish_reason": "stop", "message": {"content": output["content"]}})
        time.sleep(0.001)


def send_semconv(conv, i):
    structured = i % 2 == 1
    inherit = i % 3 == 0
    history = []
    for t in conv["turns"]:
        with tracer.start_as_current_span("invoke_agent support") as root:
            root.set_attribute("gen_ai.operation.name", "invoke_agent")
            root.set_attribute("gen_ai.agent.name", "support")
            root.set_attribute("gen_ai.conversation.id", conv["id"])
            root.set_attribute("user.id", conv["user_id"])
            root.set_attribute("app.user.plan", conv["plan"])
            root.set_attribute("app.user.account_age_days", conv["account_age_days"])
            history.append(text_msg("user", t["user"]))
            if t["tool"]:
                tool = t["tool"]
                call = {"role": "assistant", "parts": [{"type": "tool_call", "id": tool["id"], "name": tool["name"],
                                                        "arguments": tool["arguments"]}]}
                chat_semconv(conv, list(history), call, structured, inherit)
                history.append(call)
                with tracer.start_as_current_span(f"execute_tool {tool['name']}") as tspan:
                    tspan.set_attribute("gen_ai.operation.name", "execute_tool")
                    tspan.set_attribute("gen_ai.tool.name", tool["name"])
                history.append({"role": "tool", "parts": [{"type": "tool_call_response", "id": tool["id"],
                                                           "response": tool["result"]}]})
            answer = text_msg("assistant", t["assistant"])
            chat_semconv(conv, list(history), answer, structured, inherit)
            history.append(answer)


def send_events(conv):
    history = []
    for t in conv["turns"]:
        history.append({"role": "user", "content": t["user"]})
        if t["tool"]:
            tool = t["tool"]
            call = {"role": "assistant", "tool_calls": [{"id": tool["id"], "type": "function", "function": {
                "name": tool["name"], "arguments": json.dumps(tool["arguments"])}}]}
            chat_events(conv, list(history), call)
            history.append(call)
            history.append({"role": "tool", "content": tool["result"], "tool_call_id": tool["id"]})
        answer = {"role": "assistant", "content": t["assistant"]}
        chat_events(conv, list(history), answer)
        history.append(answer)


convs = [scenarios.conversation(mode, i) for i in range(n)]
for i, conv in enumerate(convs):
    if mode == "semconv":
        send_semconv(conv, i)
    else:
        send_events(conv)
# Logs first: their records reach the server before the spans they belong to.
logger_provider.shutdown()
tracer_provider.shutdown()
scenarios.write_expected(expected_path, convs)
print(f"sent {n} conversations ({mode})")
