import ConvoBase

/// OTLP/JSON → telemetry model. OTLP/JSON is not proto3 canonical JSON: ids are hex (any case),
/// enums are integers, int64 fields are decimal strings (numbers accepted too), keys are
/// lowerCamelCase, unknown fields are ignored and default values may be left out.
enum OTLPJSONDecoder {
    /// A problem inside one record; the record is rejected, the rest of the request kept.
    struct RecordError: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    static func traces(_ document: JSONValue) throws(OTLPDecodingError) -> TelemetryBatch {
        guard case .object(let root) = document else {
            throw OTLPDecodingError("expected an ExportTraceServiceRequest JSON object, found \(document.typeName)")
        }
        var batch = TelemetryBatch()
        for (r, resourceSpans) in try list(root["resourceSpans"], field: "resourceSpans").enumerated() {
            let path = "resourceSpans[\(r)]"
            guard case .object(let rs) = resourceSpans else { throw OTLPDecodingError("\(path): expected an object, found \(resourceSpans.typeName)") }
            let resource = try resourceAttributes(rs["resource"], path: path)
            for (s, scopeSpans) in try list(rs["scopeSpans"], field: "\(path).scopeSpans").enumerated() {
                let scopePath = "\(path).scopeSpans[\(s)]"
                guard case .object(let ss) = scopeSpans else { throw OTLPDecodingError("\(scopePath): expected an object, found \(scopeSpans.typeName)") }
                for (i, span) in try list(ss["spans"], field: "\(scopePath).spans").enumerated() {
                    let location = "\(scopePath).spans[\(i)]"
                    do {
                        batch.spans.append(try decodeSpan(span, resource: resource))
                    } catch {
                        batch.rejected.append(RejectedRecord(kind: .span, location: location, reason: error.reason))
                    }
                }
            }
        }
        return batch
    }

    static func logs(_ document: JSONValue) throws(OTLPDecodingError) -> TelemetryBatch {
        guard case .object(let root) = document else {
            throw OTLPDecodingError("expected an ExportLogsServiceRequest JSON object, found \(document.typeName)")
        }
        var batch = TelemetryBatch()
        for (r, resourceLogs) in try list(root["resourceLogs"], field: "resourceLogs").enumerated() {
            let path = "resourceLogs[\(r)]"
            guard case .object(let rl) = resourceLogs else { throw OTLPDecodingError("\(path): expected an object, found \(resourceLogs.typeName)") }
            let resource = try resourceAttributes(rl["resource"], path: path)
            for (s, scopeLogs) in try list(rl["scopeLogs"], field: "\(path).scopeLogs").enumerated() {
                let scopePath = "\(path).scopeLogs[\(s)]"
                guard case .object(let sl) = scopeLogs else { throw OTLPDecodingError("\(scopePath): expected an object, found \(scopeLogs.typeName)") }
                for (i, record) in try list(sl["logRecords"], field: "\(scopePath).logRecords").enumerated() {
                    let location = "\(scopePath).logRecords[\(i)]"
                    do {
                        batch.logRecords.append(try decodeLogRecord(record, resource: resource))
                    } catch {
                        batch.rejected.append(RejectedRecord(kind: .logRecord, location: location, reason: error.reason))
                    }
                }
            }
        }
        return batch
    }

    // MARK: Records

    static func decodeSpan(_ value: JSONValue, resource: Attributes) throws(RecordError) -> TelemetrySpan {
        guard case .object(let span) = value else { throw RecordError("expected an object, found \(value.typeName)") }
        guard let traceID = try id(span["traceId"], bytes: 16, field: "traceId") else { throw RecordError("traceId is missing") }
        guard let spanID = try id(span["spanId"], bytes: 8, field: "spanId") else { throw RecordError("spanId is missing") }
        let events = try recordList(span["events"], field: "events").enumerated().map { (index, event) throws(RecordError) -> SpanEvent in
            guard case .object(let e) = event else { throw RecordError("events[\(index)]: expected an object, found \(event.typeName)") }
            return SpanEvent(name: try string(e["name"], field: "events[\(index)].name") ?? "",
                             timeUnixNano: try uint64(e["timeUnixNano"], field: "events[\(index)].timeUnixNano"),
                             attributes: try attributes(e["attributes"], field: "events[\(index)].attributes"))
        }
        var statusCode = 0
        if let status = span["status"], !status.isNull {
            guard case .object(let s) = status else { throw RecordError("status: expected an object, found \(status.typeName)") }
            statusCode = Int(try uint64(s["code"], field: "status.code"))
        }
        return TelemetrySpan(
            key: SpanKey(traceID: traceID, spanID: spanID),
            parentSpanID: try id(span["parentSpanId"], bytes: 8, field: "parentSpanId"),
            name: try string(span["name"], field: "name") ?? "",
            kind: Int(try uint64(span["kind"], field: "kind")),
            startTimeUnixNano: try uint64(span["startTimeUnixNano"], field: "startTimeUnixNano"),
            endTimeUnixNano: try uint64(span["endTimeUnixNano"], field: "endTimeUnixNano"),
            attributes: try attributes(span["attributes"], field: "attributes"),
            resource: resource,
            events: events,
            droppedAttributesCount: Int(try uint64(span["droppedAttributesCount"], field: "droppedAttributesCount")),
            statusCode: statusCode)
    }

    static func decodeLogRecord(_ value: JSONValue, resource: Attributes) throws(RecordError) -> TelemetryLogRecord {
        guard case .object(let record) = value else { throw RecordError("expected an object, found \(value.typeName)") }
        let traceID = try id(record["traceId"], bytes: 16, field: "traceId")
        let spanID = try id(record["spanId"], bytes: 8, field: "spanId")
        let attrs = try attributes(record["attributes"], field: "attributes")
        var body: AnyValue?
        if let b = record["body"], !b.isNull { body = try anyValue(b, field: "body") }
        let eventName = try string(record["eventName"], field: "eventName")
        return TelemetryLogRecord(
            span: traceID.flatMap { t in spanID.map { SpanKey(traceID: t, spanID: $0) } },
            eventName: (eventName?.isEmpty ?? true) ? attrs.string("event.name") : eventName,
            timeUnixNano: try uint64(record["timeUnixNano"], field: "timeUnixNano"),
            observedTimeUnixNano: try uint64(record["observedTimeUnixNano"], field: "observedTimeUnixNano"),
            body: body,
            attributes: attrs,
            resource: resource)
    }

    // MARK: Fields

    static func resourceAttributes(_ value: JSONValue?, path: String) throws(OTLPDecodingError) -> Attributes {
        guard let value, !value.isNull else { return Attributes() }
        guard case .object(let resource) = value else { throw OTLPDecodingError("\(path).resource: expected an object, found \(value.typeName)") }
        do {
            return try attributes(resource["attributes"], field: "attributes")
        } catch {
            throw OTLPDecodingError("\(path).resource.\(error.reason)")
        }
    }

    static func list(_ value: JSONValue?, field: String) throws(OTLPDecodingError) -> [JSONValue] {
        switch value {
        case .none, .some(.null): return []
        case .some(.array(let items)): return items
        case .some(let other): throw OTLPDecodingError("\(field): expected an array, found \(other.typeName)")
        }
    }

    static func recordList(_ value: JSONValue?, field: String) throws(RecordError) -> [JSONValue] {
        switch value {
        case .none, .some(.null): return []
        case .some(.array(let items)): return items
        case .some(let other): throw RecordError("\(field): expected an array, found \(other.typeName)")
        }
    }

    static func string(_ value: JSONValue?, field: String) throws(RecordError) -> String? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.string(let s)): return s
        case .some(let other): throw RecordError("\(field): expected a string, found \(other.typeName)")
        }
    }

    /// int64/fixed64 fields: decimal strings per OTLP/JSON, plain numbers accepted.
    static func uint64(_ value: JSONValue?, field: String) throws(RecordError) -> UInt64 {
        switch value {
        case .none, .some(.null): return 0
        case .some(.int(let i)) where i >= 0: return UInt64(i)
        case .some(.double(let d)) where d >= 0 && d < 1.8e19 && d.rounded() == d: return UInt64(d)
        case .some(.string(let s)):
            if s.isEmpty { return 0 }
            guard let n = UInt64(s) else { throw RecordError("\(field): '\(s)' is not a non-negative whole number") }
            return n
        case .some(let other): throw RecordError("\(field): expected a non-negative whole number, found \(other.typeName)")
        }
    }

    /// Trace and span ids: hex in any case; "" means absent.
    static func id(_ value: JSONValue?, bytes: Int, field: String) throws(RecordError) -> String? {
        guard let text = try string(value, field: field), !text.isEmpty else { return nil }
        guard let normalized = Hex.normalize(text, byteCount: bytes) else {
            throw RecordError("\(field): '\(text.prefix(80))' is not \(bytes * 2) hex digits (OTLP/JSON ids are hex, not base64)")
        }
        if normalized.utf8.allSatisfy({ $0 == UInt8(ascii: "0") }) { return nil }
        return normalized
    }

    static func attributes(_ value: JSONValue?, field: String) throws(RecordError) -> Attributes {
        Attributes(try attributesInOrder(value, field: field))
    }

    static func anyValue(_ value: JSONValue, field: String) throws(RecordError) -> AnyValue {
        guard case .object(let object) = value else { throw RecordError("\(field): expected an AnyValue object, found \(value.typeName)") }
        if let s = object["stringValue"], !s.isNull {
            guard case .string(let text) = s else { throw RecordError("\(field).stringValue: expected a string, found \(s.typeName)") }
            return .string(text)
        }
        if let b = object["boolValue"], !b.isNull {
            guard case .bool(let flag) = b else { throw RecordError("\(field).boolValue: expected a boolean, found \(b.typeName)") }
            return .bool(flag)
        }
        if let i = object["intValue"], !i.isNull {
            switch i {
            case .int(let n): return .int(n)
            case .string(let s):
                guard let n = Int64(s) else { throw RecordError("\(field).intValue: '\(s)' is not a 64-bit integer") }
                return .int(n)
            default:
                guard let n = i.intValue else { throw RecordError("\(field).intValue: expected an integer, found \(i.typeName)") }
                return .int(n)
            }
        }
        if let d = object["doubleValue"], !d.isNull {
            switch d {
            case .int(let n): return .double(Double(n))
            case .double(let x): return .double(x)
            case .string(let s):
                switch s {
                case "NaN": return .double(.nan)
                case "Infinity": return .double(.infinity)
                case "-Infinity": return .double(-.infinity)
                default:
                    guard let x = Double(s) else { throw RecordError("\(field).doubleValue: '\(s)' is not a number") }
                    return .double(x)
                }
            default: throw RecordError("\(field).doubleValue: expected a number, found \(d.typeName)")
            }
        }
        if let a = object["arrayValue"], !a.isNull {
            guard case .object(let array) = a else { throw RecordError("\(field).arrayValue: expected an object, found \(a.typeName)") }
            var values: [AnyValue] = []
            for (index, item) in try recordList(array["values"], field: "\(field).arrayValue.values").enumerated() {
                values.append(try anyValue(item, field: "\(field).arrayValue.values[\(index)]"))
            }
            return .array(values)
        }
        if let k = object["kvlistValue"], !k.isNull {
            guard case .object(let list) = k else { throw RecordError("\(field).kvlistValue: expected an object, found \(k.typeName)") }
            return .kvlist(try attributesInOrder(list["values"], field: "\(field).kvlistValue.values"))
        }
        if let bytes = object["bytesValue"], !bytes.isNull {
            guard case .string(let text) = bytes, let decoded = Base64.decode(text) else {
                throw RecordError("\(field).bytesValue: expected a base64 string")
            }
            return .bytes(decoded)
        }
        return .empty
    }

    /// Like `attributes` but keeps every pair in order (kvlist bodies of log events).
    static func attributesInOrder(_ value: JSONValue?, field: String) throws(RecordError) -> [KeyValue] {
        var pairs: [KeyValue] = []
        for (index, item) in try recordList(value, field: field).enumerated() {
            guard case .object(let kv) = item else { throw RecordError("\(field)[\(index)]: expected an object, found \(item.typeName)") }
            guard let key = try string(kv["key"], field: "\(field)[\(index)].key") else {
                throw RecordError("\(field)[\(index)]: key is missing")
            }
            let v: AnyValue
            if let raw = kv["value"], !raw.isNull { v = try anyValue(raw, field: "\(field)[\(index)].value") } else { v = .empty }
            pairs.append(KeyValue(key, v))
        }
        return pairs
    }
}
