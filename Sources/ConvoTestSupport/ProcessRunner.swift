import Foundation

/// What a finished process printed and how it ended.
public struct ProcessResult: Sendable, CustomStringConvertible {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

public enum ProcessRunner {
    /// Runs a program to completion. Output is read concurrently so large outputs cannot deadlock.
    @discardableResult
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String]? = nil, stdin: Data? = nil) throws -> ProcessResult {
        let (process, out, err, input) = try launch(executable, arguments, in: directory, environment: environment)
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts a process, retrying while the executable is "busy" (ETXTBSY): a script a test has
    /// just written can still be open for writing in a child that another test thread forked at
    /// that moment, until that child execs. Each attempt uses a fresh `Process`.
    private static func launch(_ executable: URL, _ arguments: [String], in directory: URL?,
                               environment: [String: String]?) throws -> (Process, Pipe, Pipe, Pipe) {
        var attempt = 0
        while true {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            if let directory { process.currentDirectoryURL = directory }
            if let environment { process.environment = environment }
            let out = Pipe()
            let err = Pipe()
            let input = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = input
            do {
                try process.run()
                return (process, out, err, input)
            } catch let error as NSError {
                let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError
                let busy = underlying?.domain == NSPOSIXErrorDomain && underlying?.code == Int(ETXTBSY)
                attempt += 1
                guard busy, attempt < 20 else { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Finds a program on PATH.
    public static func which(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
