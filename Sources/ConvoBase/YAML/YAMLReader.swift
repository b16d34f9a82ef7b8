import Yams

/// A problem in a YAML file convo reads (config, intent files), located to the line.
public struct YAMLFileError: UserFacingError, Equatable {
    public var location: SourceLocation?
    public var message: String
    public var hints: [String]

    public init(_ message: String, file: String, line: Int?, hints: [String] = []) {
        self.location = SourceLocation(file: file, line: line)
        self.message = message
        self.hints = hints
    }

    public var exitStatus: ExitStatus { .usage }
}

/// Typed, located access to a YAML mapping, so every error says file, line and field.
public struct YAMLMap {
    public let mapping: Node.Mapping
    public let file: String
    /// Dotted path of this mapping within the document, for messages (`rank.plan_weights`).
    public let path: String

    public init(mapping: Node.Mapping, file: String, path: String = "") {
        self.mapping = mapping
        self.file = file
        self.path = path
    }

    /// Parses a document whose top level must be a mapping; an empty document is an empty mapping.
    public static func parse(_ text: String, file: String) throws(YAMLFileError) -> YAMLMap {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw YAMLMap.describe(error, file: file)
        } catch {
            throw YAMLFileError("cannot parse YAML: \(error)", file: file, line: nil)
        }
        guard let node else { return YAMLMap(mapping: Node.Mapping([]), file: file) }
        guard case .mapping(let mapping) = node else {
            throw YAMLFileError("expected a mapping of keys at the top level", file: file, line: node.mark?.line)
        }
        return YAMLMap(mapping: mapping, file: file)
    }

    static func describe(_ error: YamlError, file: String) -> YAMLFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let where_ = context.map { " \($0.text)" } ?? ""
            return YAMLFileError("invalid YAML: \(problem)\(where_)", file: file, line: mark.line,
                                 hints: ["check the indentation and quoting near line \(mark.line)"])
        case .composer(let context, let problem, let mark, _):
            let where_ = context.map { " \($0.text)" } ?? ""
            return YAMLFileError("invalid YAML: \(problem)\(where_)", file: file, line: mark.line)
        default:
            return YAMLFileError("invalid YAML: \(error)", file: file, line: nil)
        }
    }

    public func fieldName(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public var keys: [String] { mapping.keys.compactMap(\.string) }

    public func node(_ key: String) -> Node? { mapping[key] }

    public func line(of key: String) -> Int? {
        for (k, _) in mapping where k.string == key { return k.mark?.line }
        return mapping.mark?.line
    }

    func fail(_ key: String, _ expected: String, found node: Node) -> YAMLFileError {
        YAMLFileError("field '\(fieldName(key))' must be \(expected)", file: file, line: node.mark?.line ?? line(of: key))
    }

    /// Fails on keys not in `allowed`, suggesting the closest one.
    public func rejectUnknownKeys(allowed: [String]) throws(YAMLFileError) {
        for (keyNode, _) in mapping {
            guard let key = keyNode.string else { continue }
            if !allowed.contains(key) {
                let close = Suggestions.closest(to: key, in: allowed, limit: 1)
                var hints = close.map { "did you mean '\($0)'?" }
                hints.append("known keys here: \(allowed.joined(separator: ", "))")
                throw YAMLFileError("unknown field '\(fieldName(key))'", file: file, line: keyNode.mark?.line, hints: hints)
            }
        }
    }

    private func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain {
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
        return false
    }

    public func string(_ key: String) throws(YAMLFileError) -> String? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else { throw fail(key, "a string", found: node) }
        return scalar.string
    }

    public func int(_ key: String) throws(YAMLFileError) -> Int? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .scalar = node, let value = node.int else { throw fail(key, "a whole number", found: node) }
        return value
    }

    public func double(_ key: String) throws(YAMLFileError) -> Double? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init) else {
            throw fail(key, "a number", found: node)
        }
        return value
    }

    public func bool(_ key: String) throws(YAMLFileError) -> Bool? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .scalar = node, let value = node.bool else { throw fail(key, "true or false", found: node) }
        return value
    }

    public func map(_ key: String) throws(YAMLFileError) -> YAMLMap? {
        guard let node = node(key), !isNull(node) else { return nil }
        guard case .mapping(let mapping) = node else { throw fail(key, "a mapping of keys", found: node) }
        return YAMLMap(mapping: mapping, file: file, path: fieldName(key))
    }

    /// A list of strings; a single scalar is accepted as a one-item list.
    public func stringList(_ key: String) throws(YAMLFileError) -> [String]? {
        guard let node = node(key), !isNull(node) else { return nil }
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            var out: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    throw YAMLFileError("items of '\(fieldName(key))' must be strings", file: file, line: item.mark?.line)
                }
                out.append(scalar.string)
            }
            return out
        default:
            throw fail(key, "a list of strings", found: node)
        }
    }

    /// A mapping from names to numbers, such as `plan_weights`.
    public func numberMap(_ key: String) throws(YAMLFileError) -> [String: Double]? {
        guard let sub = try map(key) else { return nil }
        var out: [String: Double] = [:]
        for name in sub.keys {
            guard let value = try sub.double(name) else {
                throw YAMLFileError("field '\(sub.fieldName(name))' must be a number", file: file, line: sub.line(of: name))
            }
            out[name] = value
        }
        return out
    }
}
