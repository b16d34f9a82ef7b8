import Foundation

/// A temporary directory removed when the value is released, so every test works in a clean
/// place of its own.
public final class ScratchDirectory: @unchecked Sendable {
    public let url: URL

    public init(prefix: String = "convo-test") throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Resolve symlinks (/tmp on macOS) so paths compare equal to what git reports.
        _ = url.resolvingSymlinksInPath()
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    public var path: String { url.path }

    public func file(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes a file, creating directories on the way.
    @discardableResult
    public func write(_ relative: String, _ contents: String) throws -> URL {
        let target = file(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: target)
        return target
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOf: file(relative), encoding: .utf8)
    }

    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: file(relative).path)
    }
}

/// Paths of the project itself, for tests that use the worked example or the shared data.
public enum ProjectPaths {
    /// The package root (the directory holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` next to the checkout, where the datasets live; nil when absent.
    public static var shared: URL? {
        let candidates = [
            ProcessInfo.processInfo.environment["CONVO_SHARED_DIR"].map { URL(fileURLWithPath: $0) },
            root.deletingLastPathComponent().appendingPathComponent("shared"),
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}

extension ProjectPaths {
    /// The Python with the test clients installed (`scripts/test` sets `CONVO_TEST_PYTHON`, and
    /// creates `.venv`); nil when neither exists.
    public static var python: URL? {
        if let path = ProcessInfo.processInfo.environment["CONVO_TEST_PYTHON"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        let venv = root.appendingPathComponent(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: venv.path) ? venv : nil
    }
}
