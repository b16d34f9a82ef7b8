import ConvoBase

/// The identity of a span: what log records and child spans point at.
public struct SpanKey: Sendable, Hashable, CustomStringConvertible {
    /// 32 lowercase hex digits.
    public var traceID: String
    /// 16 lowercase hex digits.
    public var spanID: String

    public init(traceID: String, spanID: String) {
        self.traceID = traceID
        self.spanID = spanID
    }

    public var description: String { "\(traceID)/\(spanID)" }
}

/// One span, with its resource's attributes folded in (resource facts like `service.name` or
/// a `user.id` set process-wide belong to every span of that resource).
public struct TelemetrySpan: Sendable, Hashable {
    public var key: SpanKey
    public var parentSpanID: String?
    public var name: String
    /// OTLP `SpanKind` number (0 unspecified … 5 consumer).
    public var kind: Int
    public var startTimeUnixNano: UInt64
    public var endTimeUnixNano: UInt64
    public var attributes: Attributes
    public var resource: Attributes
    public var events: [SpanEvent]
    /// Non-zero when the SDK dropped attributes: flattened message lists may be cut short.
    public var droppedAttributesCount: Int
    /// OTLP status code: 0 unset, 1 ok, 2 error.
    public var statusCode: Int

    public init(key: SpanKey, parentSpanID: String? = nil, name: String = "", kind: Int = 0,
                startTimeUnixNano: UInt64 = 0, endTimeUnixNano: UInt64 = 0, attributes: Attributes = Attributes(),
                resource: Attributes = Attributes(), events: [SpanEvent] = [], droppedAttributesCount: Int = 0,
                statusCode: Int = 0) {
        self.key = key
        self.parentSpanID = parentSpanID
        self.name = name
        self.kind = kind
        self.startTimeUnixNano = startTimeUnixNano
        self.endTimeUnixNano = endTimeUnixNano
        self.attributes = attributes
        self.resource = resource
        self.events = events
        self.droppedAttributesCount = droppedAttributesCount
        self.statusCode = statusCode
    }
}

public struct SpanEvent: Sendable, Hashable {
    public var name: String
    public var timeUnixNano: UInt64
    public var attributes: Attributes

    public init(name: String, timeUnixNano: UInt64 = 0, attributes: Attributes = Attributes()) {
        self.name = name
        self.timeUnixNano = timeUnixNano
        self.attributes = attributes
    }
}

/// One log record. GenAI events (semconv ≤1.36) are log records whose event name is
/// `gen_ai.user.message` and so on, tied to their chat span by trace and span id.
public struct TelemetryLogRecord: Sendable, Hashable {
    /// The span the record was emitted in; nil when the record carries no trace context.
    public var span: SpanKey?
    /// The `event_name` field, or the older `event.name` attribute.
    public var eventName: String?
    public var timeUnixNano: UInt64
    public var observedTimeUnixNano: UInt64
    public var body: AnyValue?
    public var attributes: Attributes
    public var resource: Attributes

    public init(span: SpanKey? = nil, eventName: String? = nil, timeUnixNano: UInt64 = 0, observedTimeUnixNano: UInt64 = 0,
                body: AnyValue? = nil, attributes: Attributes = Attributes(), resource: Attributes = Attributes()) {
        self.span = span
        self.eventName = eventName
        self.timeUnixNano = timeUnixNano
        self.observedTimeUnixNano = observedTimeUnixNano
        self.body = body
        self.attributes = attributes
        self.resource = resource
    }

    /// When the event happened: its own time, else when the SDK observed it.
    public var effectiveTimeUnixNano: UInt64 { timeUnixNano != 0 ? timeUnixNano : observedTimeUnixNano }
}

/// A record that could not be used, and why; the server counts these in `partial_success`
/// and appends them to `.convo/rejected/`.
public struct RejectedRecord: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case span
        case logRecord = "log record"
        case line
    }

    public var kind: Kind
    /// Where the record was: `resourceSpans[0].scopeSpans[1].spans[4]`, or a file line.
    public var location: String
    public var reason: String
    /// The span the record belongs to, when known: a file import locates the rejection by the
    /// line that span came from, even when assembly rejects it later.
    public var span: SpanKey?

    public init(kind: Kind, location: String, reason: String, span: SpanKey? = nil) {
        self.kind = kind
        self.location = location
        self.reason = reason
        self.span = span
    }

    public var description: String { "\(kind.rawValue) \(location): \(reason)" }
}

/// What one OTLP request (or one line of an export file) held.
public struct TelemetryBatch: Sendable, Hashable {
    public var spans: [TelemetrySpan] = []
    public var logRecords: [TelemetryLogRecord] = []
    /// Records that were well-formed OTLP but unusable (a trace id of the wrong length, …).
    public var rejected: [RejectedRecord] = []

    public init(spans: [TelemetrySpan] = [], logRecords: [TelemetryLogRecord] = [], rejected: [RejectedRecord] = []) {
        self.spans = spans
        self.logRecords = logRecords
        self.rejected = rejected
    }
}

extension Timestamp {
    /// OTLP times are nanoseconds since the epoch; 0 means "not set".
    init?(unixNano: UInt64) {
        guard unixNano != 0 else { return nil }
        self.init(nanosecondsSinceEpoch: unixNano)
    }
}
