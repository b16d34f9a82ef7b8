import ConvoBase
import ConvoModel
import ConvoStore

/// `convo ingest --accounts FILE`: account facts from billing, as JSONL (or a JSON array) or as
/// CSV with a header row. Columns / keys: `id` (or `account`, `account_id`), `plan`, `mrr`,
/// `signup_date`, `churn_date` (dates as `YYYY-MM-DD` or ISO 8601 timestamps). Bad rows are
/// rejected like transcript records; the rest land.
public final class AccountsIngestor {
    private let store: any ConversationStore
    private let options: IngestOptions
    private let rejectedWriter: RejectedRecordWriter?
    private let report: (Diagnostic) -> Void
    private var result = IngestReport()
    private var pending: [Account] = []

    public init(store: any ConversationStore, options: IngestOptions = IngestOptions(), rejected: RejectedRecordWriter?,
                report: @escaping (Diagnostic) -> Void) {
        self.store = store
        self.options = options
        self.rejectedWriter = rejected
        self.report = report
    }

    static let columns: [String: [String]] = [
        "id": ["id", "account", "account_id", "accountid"],
        "plan": ["plan", "plan_tier", "tier"],
        "mrr": ["mrr", "monthly_revenue"],
        "signup_date": ["signup_date", "signup", "signed_up", "signed_up_at", "signup_at", "created_at"],
        "churn_date": ["churn_date", "churned_at", "churn", "cancelled_at", "canceled_at"],
    ]

    public func ingest(paths: [String]) throws -> IngestReport {
        result = IngestReport()
        for path in paths {
            do {
                try ingest(path: path)
            } catch let error as IngestInputError {
                result.unusableInputs += 1
                report(Diagnostic(error: error))
            }
        }
        try flush()
        return result
    }

    private func ingest(path: String) throws {
        let name = path == "-" ? "<stdin>" : path
        let source = try ByteSource(path: path)
        var firstChunk: [UInt8]?
        var sawContent = false
        var csv: CSVRecordSplitter?
        var framer: RecordFramer?
        var header: [String]?
        while let chunk = try source.next() {
            if firstChunk == nil {
                firstChunk = chunk
                if chunk.prefix(8192).contains(0) {
                    throw IngestInputError("the input is binary data, not CSV or JSON text", source: name)
                }
                var start = 0
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
                let firstByte = chunk[start...].first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
                if firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") {
                    framer = RecordFramer(maxRecordBytes: options.maxRecordBytes)
                } else {
                    csv = CSVRecordSplitter(maxRecordBytes: options.maxRecordBytes)
                }
            }
            sawContent = sawContent || !chunk.isEmpty
            if var splitter = csv {
                try splitter.feed(chunk) { fields, line, raw in try csvRow(fields, line: line, raw: raw, header: &header, name: name) }
                csv = splitter
            } else if var jsonFramer = framer {
                try jsonFramer.feed(chunk) { event in try jsonEvent(event, name: name) }
                framer = jsonFramer
            }
        }
        if var splitter = csv {
            try splitter.finish { fields, line, raw in try csvRow(fields, line: line, raw: raw, header: &header, name: name) }
        } else if var jsonFramer = framer {
            try jsonFramer.finish { event in try jsonEvent(event, name: name) }
        }
        if !sawContent {
            report(Diagnostic(.warning, at: SourceLocation(file: name), "no accounts (the input is empty)"))
        }
    }

    private func csvRow(_ fields: [String]?, line: Int, raw: [UInt8], header: inout [String]?, name: String) throws {
        guard let fields else {
            try reject(name, line, RecordError("row is longer than \(options.maxRecordBytes) bytes"), raw: nil)
            return
        }
        if fields.count == 1 && fields[0].trimmingWhitespace.isEmpty { return }
        guard let columns = header else {
            let names = fields.map { $0.trimmingWhitespace.lowercased().replacingSpaces }
            guard names.contains(where: { AccountsIngestor.columns["id"]?.contains($0) == true }) else {
                throw IngestInputError("the CSV header has no account id column (found: \(names.joined(separator: ", ")))",
                                       source: name, line: line,
                                       hints: ["name the columns: id, plan, mrr, signup_date, churn_date"])
            }
            header = names
            return
        }
        var object: [String: JSONValue] = [:]
        for (index, column) in columns.enumerated() where index < fields.count {
            let value = fields[index].trimmingWhitespace
            if !value.isEmpty { object[column] = .string(value) }
        }
        if fields.count > columns.count {
            try reject(name, line, RecordError("row has \(fields.count) fields but the header has \(columns.count)"), raw: raw)
            return
        }
        try account(from: object, line: line, raw: raw, name: name)
    }

    private func jsonEvent(_ event: FramerEvent, name: String) throws {
        switch event {
        case .record(let bytes, let line):
            do {
                let value = try RecordParsing.parse(bytes, maxDepth: options.maxDepth)
                guard case .object(let object) = value else {
                    throw RecordError("expected an account object, found \(value.typeName)")
                }
                try account(from: object, line: line, raw: Array(bytes), name: name)
            } catch let error as RecordError {
                try reject(name, line + error.lineOffset, error, raw: Array(bytes))
            }
        case .oversize(let line, let count):
            try reject(name, line, RecordError("record is \(count) bytes, over the limit of \(options.maxRecordBytes) bytes"), raw: nil)
        case .malformed(let line, let message, let raw):
            try reject(name, line, RecordError(message), raw: raw)
        }
    }

    private func account(from object: [String: JSONValue], line: Int, raw: [UInt8], name: String) throws {
        do {
            var fields: [String: (key: String, value: JSONValue)] = [:]
            for (canonical, aliases) in AccountsIngestor.columns {
                for alias in aliases {
                    if let value = object[alias], !value.isNull { fields[canonical] = (alias, value); break }
                }
            }
            guard let id = fields["id"] else { throw RecordError(field: "id", "missing; every account needs an id") }
            var account = Account(id: try text(id.value, field: id.key))
            guard !account.id.isEmpty else { throw RecordError(field: id.key, "must not be empty") }
            if let plan = fields["plan"] { account.plan = try text(plan.value, field: plan.key) }
            if let mrr = fields["mrr"] { account.mrr = try money(mrr.value, field: mrr.key) }
            if let signup = fields["signup_date"] { account.signupDate = try day(signup.value, field: signup.key) }
            if let churn = fields["churn_date"] { account.churnDate = try day(churn.value, field: churn.key) }
            result.records += 1
            pending.append(account)
            if pending.count >= options.batchSize { try flush() }
        } catch let error as RecordError {
            try reject(name, line, error, raw: raw)
        }
    }

    private func text(_ value: JSONValue, field: String) throws(RecordError) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: throw RecordError(field: field, "expected a string, found \(value.typeName)")
        }
    }

    private func money(_ value: JSONValue, field: String) throws(RecordError) -> Double {
        if let number = value.doubleValue, number.isFinite { return number }
        guard case .string(let text) = value else { throw RecordError(field: field, "expected a number, found \(value.typeName)") }
        var cleaned = text.trimmingWhitespace
        while let first = cleaned.first, "$€£¥".contains(first) { cleaned.removeFirst() }
        cleaned = cleaned.filter { $0 != "," && $0 != "_" && $0 != " " }
        guard let number = Double(cleaned), number.isFinite else {
            throw RecordError(field: field, "'\(text.prefix(40))' is not an amount (e.g. 49.00)")
        }
        return number
    }

    private func day(_ value: JSONValue, field: String) throws(RecordError) -> Day {
        guard case .string(let text) = value else { throw RecordError(field: field, "expected a date string, found \(value.typeName)") }
        if let day = Day(iso8601: text) ?? Timestamp(iso8601: text)?.day { return day }
        throw RecordError(field: field, "'\(text.prefix(40))' is not a date (e.g. 2026-11-20)")
    }

    private func reject(_ name: String, _ line: Int, _ error: RecordError, raw: [UInt8]?) throws {
        let rejection = RecordRejection(location: SourceLocation(file: name, line: line), error: error, raw: raw)
        result.rejected += 1
        report(rejection.diagnostic)
        try rejectedWriter?.append(rejection)
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        result.merge += try store.mergeAccounts(pending)
        pending.removeAll(keepingCapacity: true)
    }
}

/// Splits CSV (RFC 4180) into rows of fields: quoted fields may hold commas, quotes (`""`) and
/// newlines. Rows longer than the limit are reported as nil fields and skipped.
struct CSVRecordSplitter {
    let maxRecordBytes: Int
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var raw: [UInt8] = []
    private var inQuotes = false
    private var quoteSeen = false
    private var line = 1
    private var rowLine = 1
    private var oversize = false
    private var started = false

    init(maxRecordBytes: Int) {
        self.maxRecordBytes = maxRecordBytes
    }

    mutating func feed(_ chunk: [UInt8], _ row: ([String]?, Int, [UInt8]) throws -> Void) rethrows {
        var bytes = chunk[...]
        if !started {
            started = true
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        for byte in bytes {
            if oversize {
                if byte == 0x0A && !inQuotes { try endRow(row) }
                else if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
                continue
            }
            raw.append(byte)
            if raw.count > maxRecordBytes {
                oversize = true
                continue
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    inQuotes = false
                    quoteSeen = true
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                if quoteSeen { field.append(byte) }  // "" inside a quoted field
                inQuotes = true
            case UInt8(ascii: ","):
                endField()
            case 0x0A:
                try endRow(row)
            case 0x0D:
                break
            default:
                quoteSeen = false
                field.append(byte)
            }
        }
    }

    mutating func finish(_ row: ([String]?, Int, [UInt8]) throws -> Void) rethrows {
        if !raw.isEmpty || oversize { try endRow(row) }
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        quoteSeen = false
    }

    private mutating func endRow(_ row: ([String]?, Int, [UInt8]) throws -> Void) rethrows {
        let startLine = rowLine
        if oversize {
            try row(nil, startLine, [])
        } else {
            endField()
            var rawLine = raw
            while let last = rawLine.last, last == 0x0A || last == 0x0D { rawLine.removeLast() }
            try row(fields, startLine, rawLine)
        }
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        oversize = false
        inQuotes = false
        quoteSeen = false
        line += 1
        rowLine = line
    }
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    var replacingSpaces: String {
        String(map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
