import ConvoBase
import Foundation
import SwiftProtobuf

/// OTLP/HTTP response bodies, in the encoding of the request (OTLP spec: the server MUST answer
/// in the request's content type).
public enum OTLPResponse {
    /// `ExportTraceServiceResponse`: empty on full success; `partial_success` only when spans
    /// were rejected (or as a warning with a message and zero rejected).
    public static func traces(rejected: Int, message: String?, encoding: OTLPEncoding) -> [UInt8] {
        var response = OTLPExportTraceServiceResponse()
        if rejected > 0 || !(message ?? "").isEmpty {
            response.partialSuccess.rejectedSpans = Int64(rejected)
            response.partialSuccess.errorMessage = message ?? ""
        }
        switch encoding {
        case .protobuf: return serialize(response)
        case .json:
            guard response.hasPartialSuccess else { return Array("{}".utf8) }
            return json(["partialSuccess": .object(["rejectedSpans": .string(String(rejected)), "errorMessage": .string(message ?? "")])])
        }
    }

    /// `ExportLogsServiceResponse`, like `traces`.
    public static func logs(rejected: Int, message: String?, encoding: OTLPEncoding) -> [UInt8] {
        var response = OTLPExportLogsServiceResponse()
        if rejected > 0 || !(message ?? "").isEmpty {
            response.partialSuccess.rejectedLogRecords = Int64(rejected)
            response.partialSuccess.errorMessage = message ?? ""
        }
        switch encoding {
        case .protobuf: return serialize(response)
        case .json:
            guard response.hasPartialSuccess else { return Array("{}".utf8) }
            return json(["partialSuccess": .object(["rejectedLogRecords": .string(String(rejected)), "errorMessage": .string(message ?? "")])])
        }
    }

    /// A `google.rpc.Status` error body; `code` is the gRPC code matching the HTTP status.
    public static func status(httpStatus: Int, message: String, encoding: OTLPEncoding) -> [UInt8] {
        var status = RPCStatus()
        status.code = grpcCode(httpStatus: httpStatus)
        status.message = message
        switch encoding {
        case .protobuf: return serialize(status)
        case .json: return json(["code": .int(Int64(status.code)), "message": .string(message)])
        }
    }

    /// google.rpc.Code for an HTTP status (the mapping gRPC gateways use).
    static func grpcCode(httpStatus: Int) -> Int32 {
        switch httpStatus {
        case 400: return 3      // INVALID_ARGUMENT
        case 401: return 16     // UNAUTHENTICATED
        case 403: return 7      // PERMISSION_DENIED
        case 404: return 5      // NOT_FOUND
        case 413: return 11     // OUT_OF_RANGE
        case 429: return 8      // RESOURCE_EXHAUSTED
        case 503: return 14     // UNAVAILABLE
        default: return httpStatus >= 500 ? 13 : 3
        }
    }

    static func serialize(_ message: some SwiftProtobuf.Message) -> [UInt8] {
        // Serializing a message built in memory cannot fail: no required fields in proto3.
        (try? message.serializedBytes()) ?? []
    }

    static func json(_ object: [String: JSONValue]) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(.object(object))
        return writer.bytes
    }
}

/// Builds OTLP protobuf request bodies, for tests, benchmarks and tools that send telemetry to
/// `convo serve` (the inverse of `OTLPDecoder` for the fields convo reads).
public enum OTLPRequestEncoder {
    public static func traces(_ spans: [TelemetrySpan]) -> [UInt8] {
        var request = OTLPExportTraceServiceRequest()
        var byResource: [Attributes: [TelemetrySpan]] = [:]
        var order: [Attributes] = []
        for span in spans {
            if byResource[span.resource] == nil { order.append(span.resource) }
            byResource[span.resource, default: []].append(span)
        }
        for resource in order {
            var resourceSpans = OTLPResourceSpans()
            resourceSpans.resource.attributes = keyValues(resource)
            var scope = OTLPScopeSpans()
            scope.spans = (byResource[resource] ?? []).map { span in
                var s = OTLPSpan()
                s.traceID = Data(hexBytes(span.key.traceID))
                s.spanID = Data(hexBytes(span.key.spanID))
                if let parent = span.parentSpanID { s.parentSpanID = Data(hexBytes(parent)) }
                s.name = span.name
                s.kind = OTLPSpan.SpanKind(rawValue: span.kind) ?? .unspecified
                s.startTimeUnixNano = span.startTimeUnixNano
                s.endTimeUnixNano = span.endTimeUnixNano
                s.attributes = keyValues(span.attributes)
                s.events = span.events.map { event in
                    var e = OTLPSpan.Event()
                    e.name = event.name
                    e.timeUnixNano = event.timeUnixNano
                    e.attributes = keyValues(event.attributes)
                    return e
                }
                return s
            }
            resourceSpans.scopeSpans = [scope]
            request.resourceSpans.append(resourceSpans)
        }
        return OTLPResponse.serialize(request)
    }

    static func keyValues(_ attributes: Attributes) -> [OTLPKeyValue] {
        attributes.values.keys.sorted().map { key in
            var kv = OTLPKeyValue()
            kv.key = key
            kv.value = anyValue(attributes[key] ?? .empty)
            return kv
        }
    }

    static func anyValue(_ value: AnyValue) -> OTLPAnyValue {
        var v = OTLPAnyValue()
        switch value {
        case .string(let s): v.stringValue = s
        case .bool(let b): v.boolValue = b
        case .int(let i): v.intValue = i
        case .double(let d): v.doubleValue = d
        case .bytes(let b): v.bytesValue = Data(b)
        case .array(let items):
            var array = OTLPArrayValue()
            array.values = items.map(anyValue)
            v.arrayValue = array
        case .kvlist(let pairs):
            var list = OTLPKeyValueList()
            list.values = pairs.map { pair in
                var kv = OTLPKeyValue()
                kv.key = pair.key
                kv.value = anyValue(pair.value)
                return kv
            }
            v.kvlistValue = list
        case .empty: break
        }
        return v
    }

    static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var high: UInt8?
        for c in hex.utf8 {
            let nibble: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = c - UInt8(ascii: "A") + 10
            default: continue
            }
            if let h = high {
                bytes.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }
}
