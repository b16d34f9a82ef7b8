import Foundation

/// Headless Chromium (Debian package `chromium`) for tests that render HTML: a screenshot to
/// look at and assert on, and the DOM after parsing.
///
/// Tests that need it use `.enabled(if: Chromium.shouldRun, Chromium.skipComment)`: they skip,
/// saying why, when it is missing — unless `CONVO_REQUIRE_CHROMIUM=1` (set by `scripts/test`,
/// so CI), where they run and fail.
public enum Chromium {
    public static var executable: URL? {
        ProcessRunner.which("chromium") ?? ProcessRunner.which("chromium-browser")
    }

    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CONVO_REQUIRE_CHROMIUM"] == "1" }

    public static var shouldRun: Bool { executable != nil || isRequired }

    public static let skipReason = "Chromium is not installed (install it with CONVO_WITH_CHROMIUM=1 scripts/bootstrap, "
        + "or apt-get install chromium); CONVO_REQUIRE_CHROMIUM=1 makes this a failure instead"

    /// Renders `page` at `width`×`height` CSS pixels into `png`.
    @discardableResult
    public static func screenshot(of page: URL, to png: URL, width: Int = 1280, height: Int = 2400,
                                  scratch: URL) throws -> ProcessResult {
        try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", page.absoluteString], scratch: scratch)
    }

    /// The page's DOM, serialized after parsing (what a browser makes of the markup).
    public static func dumpDOM(of page: URL, scratch: URL) throws -> ProcessResult {
        try run(["--dump-dom", page.absoluteString], scratch: scratch)
    }

    static func run(_ arguments: [String], scratch: URL) throws -> ProcessResult {
        guard let executable else { throw ChromiumMissing() }
        let profile = scratch.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--no-first-run", "--disable-extensions", "--user-data-dir=\(profile.path)"]
        // No network, no fonts from anywhere but the system: the page must stand alone.
        return try ProcessRunner.run(executable, flags + arguments,
                                     environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                                   "HOME": scratch.path, "LANG": "C.UTF-8"])
    }
}

public struct ChromiumMissing: Error, CustomStringConvertible {
    public var description: String { Chromium.skipReason }
}
