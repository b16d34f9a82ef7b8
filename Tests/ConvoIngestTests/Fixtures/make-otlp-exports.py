#!/usr/bin/env python3
"""Regenerates the OTLP JSON export fixtures with the real OpenTelemetry Python SDK (the versions
in scripts/requirements-test.txt): spans, log records and metrics are recorded in memory, encoded
by the SDK's own OTLP encoders (the messages its OTLP exporters send), and written the way the
collector's file exporter writes them: OTLP/JSON (lowerCamelCase, hex trace and span ids, int64
as decimal strings, enums as integers), one ExportTraceServiceRequest / ExportLogsServiceRequest /
ExportMetricsServiceRequest per line, or one pretty-printed document per file.
Not run by the tests; the output is committed (ids and times differ on every run).

  otlp-semconv.jsonl     semconv >= 1.37: gen_ai.input.messages / gen_ai.output.messages on chat
                         spans (JSON strings for sem-1, structured values for sem-2, whose chat
                         spans inherit the conversation id from their invoke_agent root); a chat
                         span's batch is written before its root's, as a batch boundary would.
  otlp-events.jsonl      semconv <= 1.36: chat spans without content and one log record per message
                         (gen_ai.user.message, gen_ai.choice, ...); the logs come first, then a
                         metrics line, then the spans.
  otlp-openllmetry.json  OpenLLMetry's flattened gen_ai.prompt.N.* / gen_ai.completion.N.* and
                         traceloop.association.properties.session_id, as one document.
"""
import base64
import json
import os
import sys

from google.protobuf import json_format
from opentelemetry import trace
from opentelemetry._logs import LogRecord
from opentelemetry.exporter.otlp.proto.common._log_encoder import encode_logs
from opentelemetry.exporter.otlp.proto.common.metrics_encoder import encode_metrics
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

HERE = os.path.dirname(os.path.abspath(__file__))
SYSTEM = "You are the support agent of Relay, a webhook delivery service."
resource = Resource.create({"service.name": "support-bot", "deployment.environment": "prod"})


def otlp_json(message):
    """OTLP/JSON as the collector's file exporter writes it: protobuf JSON with hex ids."""
    value = json_format.MessageToDict(message, use_integers_for_enums=True)

    def hexify(node):
        if isinstance(node, dict):
            for key, item in node.items():
                if key in ("traceId", "spanId", "parentSpanId") and isinstance(item, str):
                    node[key] = base64.b64decode(item).hex()
                else:
                    hexify(item)
        elif isinstance(node, list):
            for item in node:
                hexify(item)

    hexify(value)
    return value


def line(message):
    return json.dumps(otlp_json(message), ensure_ascii=False, separators=(",", ":"))


def new_tracer():
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider.get_tracer("convo.fixtures", "1.0.0"), exporter


def text(role, content):
    return {"role": role, "parts": [{"type": "text", "content": content}]}


def semconv():
    tracer, exporter = new_tracer()
    lines = []

    def chat(history, output, conversation_id, structured):
        with tracer.start_as_current_span("chat gpt-4o-mini", kind=trace.SpanKind.CLIENT) as span:
            span.set_attribute("gen_ai.operation.name", "chat")
            span.set_attribute("gen_ai.provider.name", "openai")
            span.set_attribute("gen_ai.request.model", "gpt-4o-mini")
            if conversation_id:
                span.set_attribute("gen_ai.conversation.id", conversation_id)
            encode = (lambda v: v) if structured else (lambda v: json.dumps(v, ensure_ascii=False))
            span.set_attribute("gen_ai.system_instructions", encode([{"type": "text", "content": SYSTEM}]))
            span.set_attribute("gen_ai.input.messages", encode(history))
            span.set_attribute("gen_ai.output.messages", encode([dict(output, finish_reason="stop")]))
            span.set_attribute("gen_ai.usage.input_tokens", 120 + 10 * len(history))

    def turn(conversation_id, user, facts, question, answer, history, structured, tool=None):
        with tracer.start_as_current_span("invoke_agent support") as root:
            root.set_attribute("gen_ai.operation.name", "invoke_agent")
            root.set_attribute("gen_ai.agent.name", "support")
            root.set_attribute("gen_ai.conversation.id", conversation_id)
            root.set_attribute("user.id", user)
            for key, value in facts.items():
                root.set_attribute(key, value)
            history.append(text("user", question))
            if tool:
                call = {"role": "assistant", "parts": [{"type": "tool_call", "id": tool["id"], "name": tool["name"],
                                                        "arguments": tool["arguments"]}]}
                chat(list(history), call, None if structured else conversation_id, structured)
                history.append(call)
                with tracer.start_as_current_span(f"execute_tool {tool['name']}") as span:
                    span.set_attribute("gen_ai.operation.name", "execute_tool")
                    span.set_attribute("gen_ai.tool.name", tool["name"])
                history.append({"role": "tool", "parts": [{"type": "tool_call_response", "id": tool["id"],
                                                           "response": tool["result"]}]})
            answer_message = text("assistant", answer)
            chat(list(history), answer_message, None if structured else conversation_id, structured)
            history.append(answer_message)
            # A batch boundary: the chat spans (ended first) go out before their root.
            if structured:
                lines.append(line(encode_spans(exporter.get_finished_spans())))
                exporter.clear()
        lines.append(line(encode_spans(exporter.get_finished_spans())))
        exporter.clear()

    history = []
    facts = {"app.user.plan": "trial", "app.user.account_age_days": 12}
    turn("sem-1", "u_17", facts, "My webhook is not firing", "Webhooks are disabled; enable them in Settings > Integrations.",
         history, False)
    turn("sem-1", "u_17", facts, "Did any deliveries fail today?", "Yes, 3 deliveries failed with 410 Gone.", history, False,
         tool={"id": "call_1", "name": "list_deliveries", "arguments": {"status": "failed", "since": "today"},
               "result": "3 failed: 410 Gone"})
    history = []
    facts = {"app.user.plan": "pro", "app.user.account_age_days": 400}
    turn("sem-2", "u_88", facts, "Can I rotate my signing secret? 🔑", "Yes: Settings > Webhooks > Rotate secret.", history, True)
    return lines


def events():
    tracer, span_exporter = new_tracer()
    log_exporter = InMemoryLogRecordExporter()
    logger_provider = LoggerProvider(resource=resource)
    logger_provider.add_log_record_processor(SimpleLogRecordProcessor(log_exporter))
    logger = logger_provider.get_logger("convo.fixtures", "1.0.0")
    reader = InMemoryMetricReader()
    meter = MeterProvider(resource=resource, metric_readers=[reader]).get_meter("convo.fixtures")
    tokens = meter.create_histogram("gen_ai.client.token.usage", unit="{token}")

    def emit(name, body):
        logger.emit(LogRecord(event_name=name, body=body, attributes={"gen_ai.system": "openai"}))

    history = []
    for question, answer in [("How do I retry a failed delivery?", "Open the delivery and press Retry."),
                             ("Can retries be automatic?", "Yes, enable automatic retries with backoff.")]:
        with tracer.start_as_current_span("chat gpt-4o-mini", kind=trace.SpanKind.CLIENT) as span:
            span.set_attribute("gen_ai.operation.name", "chat")
            span.set_attribute("gen_ai.system", "openai")
            span.set_attribute("session.id", "ev-1")
            span.set_attribute("user.id", "u_42")
            span.set_attribute("app.user.plan", "team")
            emit("gen_ai.system.message", {"content": SYSTEM})
            for message in history:
                emit(f"gen_ai.{message['role']}.message", {"content": message["content"]})
            emit("gen_ai.user.message", {"content": question})
            emit("gen_ai.choice", {"index": 0, "finish_reason": "stop", "message": {"content": answer}})
            tokens.record(150, {"gen_ai.token.type": "input"})
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return [line(encode_logs(log_exporter.get_finished_logs())),
            line(encode_metrics(reader.get_metrics_data())),
            line(encode_spans(span_exporter.get_finished_spans()))]


def openllmetry():
    tracer, exporter = new_tracer()
    question = {"gen_ai.prompt.0.role": "system", "gen_ai.prompt.0.content": SYSTEM,
                "gen_ai.prompt.1.role": "user", "gen_ai.prompt.1.content": "Why was my endpoint disabled?"}
    call = {"id": "call_9", "name": "endpoint_status", "arguments": '{"endpoint": "ep_1"}'}

    def chat(attributes):
        with tracer.start_as_current_span("openai.chat", kind=trace.SpanKind.CLIENT) as span:
            span.set_attributes({"llm.request.type": "chat", "gen_ai.system": "openai", "gen_ai.request.model": "gpt-4o-mini",
                                 "traceloop.association.properties.session_id": "ol-1"})
            span.set_attributes(attributes)

    with tracer.start_as_current_span("support.workflow") as root:
        root.set_attributes({"traceloop.span.kind": "workflow", "traceloop.workflow.name": "support",
                             "traceloop.association.properties.session_id": "ol-1",
                             "traceloop.association.properties.user_id": "u_7"})
        chat(dict(question, **{"gen_ai.completion.0.role": "assistant", "gen_ai.completion.0.finish_reason": "tool_calls",
                               "gen_ai.usage.prompt_tokens": 64},
                  **{f"gen_ai.completion.0.tool_calls.0.{key}": value for key, value in call.items()}))
        chat(dict(question, **{"gen_ai.prompt.2.role": "assistant", "gen_ai.prompt.3.role": "tool",
                               "gen_ai.prompt.3.tool_call_id": "call_9",
                               "gen_ai.prompt.3.content": "disabled after 50 consecutive failures",
                               "gen_ai.completion.0.role": "assistant", "gen_ai.completion.0.finish_reason": "stop",
                               "gen_ai.completion.0.content": "It failed 50 times in a row; fix it and re-enable it."},
                  **{f"gen_ai.prompt.2.tool_calls.0.{key}": value for key, value in call.items()}))
    return json.dumps(otlp_json(encode_spans(exporter.get_finished_spans())), ensure_ascii=False, indent=2)


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"wrote {name}", file=sys.stderr)


write("otlp-semconv.jsonl", "\n".join(semconv()))
write("otlp-events.jsonl", "\n".join(events()))
write("otlp-openllmetry.json", openllmetry())
