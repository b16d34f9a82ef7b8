import ConvoBase
import Foundation
import SwiftProtobuf

/// Binary OTLP → telemetry model, through the generated messages (kept internal to this module).
enum OTLPProtobufDecoder {
    static func traces(_ body: [UInt8]) throws(OTLPDecodingError) -> TelemetryBatch {
        let request: OTLPExportTraceServiceRequest
        do {
            request = try OTLPExportTraceServiceRequest(serializedBytes: body)
        } catch {
            throw OTLPDecodingError("the body is not a protobuf ExportTraceServiceRequest (\(error))",
                                    hints: ["check that the exporter sends OTLP/HTTP protobuf to /v1/traces"])
        }
        var batch = TelemetryBatch()
        for (r, resourceSpans) in request.resourceSpans.enumerated() {
            let resource = attributes(resourceSpans.resource.attributes)
            for (s, scopeSpans) in resourceSpans.scopeSpans.enumerated() {
                for (i, span) in scopeSpans.spans.enumerated() {
                    let location = "resourceSpans[\(r)].scopeSpans[\(s)].spans[\(i)]"
                    guard span.traceID.count == 16, span.traceID.contains(where: { $0 != 0 }) else {
                        batch.rejected.append(RejectedRecord(kind: .span, location: location,
                                                             reason: "traceId must be 16 non-zero bytes, found \(span.traceID.count) bytes"))
                        continue
                    }
                    guard span.spanID.count == 8, span.spanID.contains(where: { $0 != 0 }) else {
                        batch.rejected.append(RejectedRecord(kind: .span, location: location,
                                                             reason: "spanId must be 8 non-zero bytes, found \(span.spanID.count) bytes"))
                        continue
                    }
                    let parent: String? = span.parentSpanID.count == 8 && span.parentSpanID.contains(where: { $0 != 0 })
                        ? Hex.encode(span.parentSpanID) : nil
                    batch.spans.append(TelemetrySpan(
                        key: SpanKey(traceID: Hex.encode(span.traceID), spanID: Hex.encode(span.spanID)),
                        parentSpanID: parent,
                        name: span.name,
                        kind: span.kind.rawValue,
                        startTimeUnixNano: span.startTimeUnixNano,
                        endTimeUnixNano: span.endTimeUnixNano,
                        attributes: attributes(span.attributes),
                        resource: resource,
                        events: span.events.map { SpanEvent(name: $0.name, timeUnixNano: $0.timeUnixNano, attributes: attributes($0.attributes)) },
                        droppedAttributesCount: Int(span.droppedAttributesCount),
                        statusCode: span.status.code.rawValue))
                }
            }
        }
        return batch
    }

    static func logs(_ body: [UInt8]) throws(OTLPDecodingError) -> TelemetryBatch {
        let request: OTLPExportLogsServiceRequest
        do {
            request = try OTLPExportLogsServiceRequest(serializedBytes: body)
        } catch {
            throw OTLPDecodingError("the body is not a protobuf ExportLogsServiceRequest (\(error))",
                                    hints: ["check that the exporter sends OTLP/HTTP protobuf to /v1/logs"])
        }
        var batch = TelemetryBatch()
        for (r, resourceLogs) in request.resourceLogs.enumerated() {
            let resource = attributes(resourceLogs.resource.attributes)
            for (s, scopeLogs) in resourceLogs.scopeLogs.enumerated() {
                for (i, record) in scopeLogs.logRecords.enumerated() {
                    let location = "resourceLogs[\(r)].scopeLogs[\(s)].logRecords[\(i)]"
                    var span: SpanKey?
                    if !record.traceID.isEmpty || !record.spanID.isEmpty {
                        guard record.traceID.count == 16, record.spanID.count == 8 else {
                            batch.rejected.append(RejectedRecord(kind: .logRecord, location: location,
                                                                 reason: "traceId/spanId must be 16/8 bytes, found \(record.traceID.count)/\(record.spanID.count)"))
                            continue
                        }
                        if record.traceID.contains(where: { $0 != 0 }) && record.spanID.contains(where: { $0 != 0 }) {
                            span = SpanKey(traceID: Hex.encode(record.traceID), spanID: Hex.encode(record.spanID))
                        }
                    }
                    let attrs = attributes(record.attributes)
                    batch.logRecords.append(TelemetryLogRecord(
                        span: span,
                        eventName: record.eventName.isEmpty ? attrs.string("event.name") : record.eventName,
                        timeUnixNano: record.timeUnixNano,
                        observedTimeUnixNano: record.observedTimeUnixNano,
                        body: record.hasBody ? value(record.body) : nil,
                        attributes: attrs,
                        resource: resource))
                }
            }
        }
        return batch
    }

    static func attributes(_ pairs: [OTLPKeyValue]) -> Attributes {
        Attributes(pairs.map { KeyValue($0.key, $0.hasValue ? value($0.value) : .empty) })
    }

    static func value(_ any: OTLPAnyValue) -> AnyValue {
        switch any.value {
        case .stringValue(let s): return .string(s)
        case .boolValue(let b): return .bool(b)
        case .intValue(let i): return .int(i)
        case .doubleValue(let d): return .double(d)
        case .bytesValue(let data): return .bytes([UInt8](data))
        case .arrayValue(let array): return .array(array.values.map(value))
        case .kvlistValue(let list): return .kvlist(list.values.map { KeyValue($0.key, $0.hasValue ? value($0.value) : .empty) })
        case .none: return .empty
        }
    }
}
