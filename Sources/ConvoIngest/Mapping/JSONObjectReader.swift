import ConvoBase

/// Typed access to one JSON object of a record, with errors that name the field's full path
/// (`messages[2].content`).
struct JSONObjectReader {
    let values: [String: JSONValue]
    /// Path of this object inside the record; empty for the record itself.
    let path: String

    init(_ value: JSONValue, path: String = "") throws(RecordError) {
        guard case .object(let object) = value else {
            throw RecordError(field: path.isEmpty ? nil : path, "expected a JSON object, found \(value.typeName)")
        }
        self.values = object
        self.path = path
    }

    init(object: [String: JSONValue], path: String = "") {
        self.values = object
        self.path = path
    }

    subscript(key: String) -> JSONValue? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func string(_ key: String) throws(RecordError) -> String? {
        guard let value = self[key] else { return nil }
        guard case .string(let text) = value else {
            throw RecordError(field: field(key), "expected a string, found \(value.typeName)")
        }
        return text
    }

    /// A string, or a number written as its decimal text (ids are often either).
    func identifier(_ key: String) throws(RecordError) -> String? {
        switch self[key] {
        case .none: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        case .int(let number)?: return String(number)
        case let other?: throw RecordError(field: field(key), "expected a string id, found \(other.typeName)")
        }
    }

    func array(_ key: String) throws(RecordError) -> [JSONValue]? {
        guard let value = self[key] else { return nil }
        guard case .array(let items) = value else {
            throw RecordError(field: field(key), "expected an array, found \(value.typeName)")
        }
        return items
    }

    func object(_ key: String) throws(RecordError) -> JSONObjectReader? {
        guard let value = self[key] else { return nil }
        return try JSONObjectReader(value, path: field(key))
    }

    /// An instant: ISO 8601 text, or epoch seconds / milliseconds as a number.
    func timestamp(_ key: String) throws(RecordError) -> Timestamp? {
        switch self[key] {
        case .none: return nil
        case .string(let text)?:
            guard let ts = Timestamp(iso8601: text) else {
                throw RecordError(field: field(key), "'\(text.prefix(40))' is not an ISO 8601 timestamp (e.g. 2026-11-20T10:02:11Z)")
            }
            return ts
        case .int(let number)?:
            return number > 100_000_000_000 ? Timestamp(millisecondsSinceEpoch: number) : Timestamp(secondsSinceEpoch: number)
        case .double(let seconds)? where seconds.isFinite && abs(seconds) < 1e15:
            return Timestamp(millisecondsSinceEpoch: Int64((seconds * 1000).rounded()))
        case let other?:
            throw RecordError(field: field(key), "expected a timestamp, found \(other.typeName)")
        }
    }
}
