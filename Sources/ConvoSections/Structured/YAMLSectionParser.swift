import ConvoBase
import Yams

/// Sections of a YAML file: one per mapping key, addressed by its dotted path. In the W&B
/// `config-defaults.yaml` shape (`key: {desc: …, value: …}`) only the top-level keys are sections,
/// since a key's `value` and `desc` are one setting.
struct YAMLSectionParser {
    let path: String
    let text: String
    let lines: SourceLines

    func parse() throws(SectionError) -> [Section] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw SectionError(yaml: error, file: path)
        }
        let lastLine = max(1, lines.count)
        guard let root else {
            return [Section(path: path, anchor: nil, kind: .file, startLine: 1, endLine: lastLine, content: "null")]
        }
        let fileValue = CanonicalValue.ownValue(of: root)
        var sections = [Section(path: path, anchor: nil, kind: .file, startLine: 1, endLine: lastLine, content: fileValue)]
        guard case .mapping(let mapping) = root else { return sections }
        let wandb = YAMLSectionParser.isWandbShape(path: path, mapping: mapping)
        collect(mapping, prefix: nil, end: lastLine, descend: !wandb, into: &sections)
        return sections
    }

    private func collect(_ mapping: Node.Mapping, prefix: String?, end parentEnd: Int, descend: Bool,
                         into sections: inout [Section]) {
        let pairs = Array(mapping)
        for (position, pair) in pairs.enumerated() {
            let key = CanonicalValue.keyText(pair.key)
            let anchor = prefix.map { "\($0).\(key)" } ?? key
            let start = pair.key.mark?.line ?? 1
            var end = parentEnd
            if position + 1 < pairs.count, let next = pairs[position + 1].key.mark?.line {
                end = max(start, next - 1)
            }
            end = lines.trimmedEnd(start: start, end: min(end, parentEnd), skipComments: true)
            let content = descend ? CanonicalValue.ownValue(of: pair.value) : CanonicalValue.json(pair.value)
            sections.append(Section(path: path, anchor: anchor, kind: .yamlKey, startLine: start, endLine: end,
                                    title: key, content: content))
            if descend, case .mapping(let child) = pair.value {
                collect(child, prefix: anchor, end: end, descend: true, into: &sections)
            }
        }
    }

    /// W&B's `config-defaults.yaml`: by name, or by shape (every top-level key but
    /// `wandb_version` maps to `{value: …}` with at most a `desc` beside it).
    static func isWandbShape(path: String, mapping: Node.Mapping) -> Bool {
        let name = path.split(separator: "/").last ?? ""
        if name == "config-defaults.yaml" || name == "config-defaults.yml" { return true }
        var settings = 0
        for (key, value) in mapping {
            if key.string == "wandb_version" { continue }
            guard case .mapping(let inner) = value, inner["value"] != nil else { return false }
            guard inner.keys.allSatisfy({ $0.string == "value" || $0.string == "desc" }) else { return false }
            settings += 1
        }
        return settings > 0
    }
}

/// Values in one canonical text form, so that quoting, flow vs block style, key order and
/// comments never count as a change.
enum CanonicalValue {
    /// A mapping's own value is only that it is a mapping: its keys are sections of their own.
    static func ownValue(of node: Node) -> String {
        if case .mapping = node { return "{}" }
        return json(node)
    }

    static func json(_ node: Node) -> String {
        var writer = JSONWriter()
        writer.value(jsonValue(node))
        return writer.string
    }

    static func keyText(_ node: Node) -> String {
        if case .scalar(let scalar) = node { return scalar.string }
        return json(node)
    }

    static func jsonValue(_ node: Node, depth: Int = 0) -> JSONValue {
        guard depth < 256 else { return .null }
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case .float:
                guard let value = node.float, value.isFinite else { return .string(scalar.string) }
                return value.rounded() == value && abs(value) < 9e15 ? .int(Int64(value)) : .double(value)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[keyText(key)] = jsonValue(value, depth: depth + 1) }
            return .object(object)
        case .sequence(let sequence):
            return .array(sequence.map { jsonValue($0, depth: depth + 1) })
        case .alias:
            return .string("*alias")
        }
    }
}
