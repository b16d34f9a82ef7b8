import ConvoBase

/// The two OTLP/HTTP body encodings.
public enum OTLPEncoding: String, Sendable, Hashable {
    /// `application/x-protobuf`
    case protobuf
    /// `application/json` (OTLP/JSON: hex ids, integer enums, int64 as strings or numbers).
    case json

    /// The encoding a `Content-Type` header names (parameters like `charset` ignored); nil for
    /// anything else.
    public init?(contentType: String) {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { String($0) } ?? ""
        switch mediaType.trimmingWhitespace.lowercased() {
        case "application/x-protobuf", "application/protobuf": self = .protobuf
        case "application/json": self = .json
        default: return nil
        }
    }

    public var contentType: String {
        switch self {
        case .protobuf: return "application/x-protobuf"
        case .json: return "application/json"
        }
    }
}

/// A body that is not an OTLP export request at all (the whole request is refused with 400).
public struct OTLPDecodingError: UserFacingError, Hashable, CustomStringConvertible {
    public var message: String
    public var hints: [String]

    public init(_ message: String, hints: [String] = []) {
        self.message = message
        self.hints = hints
    }

    public var exitStatus: ExitStatus { .usage }
    public var description: String { message }
}

/// Decodes OTLP `ExportTraceServiceRequest` / `ExportLogsServiceRequest` bodies into the neutral
/// telemetry model. Records that are well-formed OTLP but unusable are returned as rejected
/// instead of failing the request, so one bad span does not cost the rest of the batch.
public enum OTLPDecoder {
    public static func decodeTraces(_ body: [UInt8], encoding: OTLPEncoding) throws(OTLPDecodingError) -> TelemetryBatch {
        switch encoding {
        case .protobuf: return try OTLPProtobufDecoder.traces(body)
        case .json: return try OTLPJSONDecoder.traces(try parseJSON(body))
        }
    }

    public static func decodeLogs(_ body: [UInt8], encoding: OTLPEncoding) throws(OTLPDecodingError) -> TelemetryBatch {
        switch encoding {
        case .protobuf: return try OTLPProtobufDecoder.logs(body)
        case .json: return try OTLPJSONDecoder.logs(try parseJSON(body))
        }
    }

    static func parseJSON(_ body: [UInt8]) throws(OTLPDecodingError) -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw OTLPDecodingError("the body is not valid JSON: \(error)",
                                    hints: ["send an OTLP/JSON export request, or use Content-Type: application/x-protobuf for binary OTLP"])
        }
    }
}
