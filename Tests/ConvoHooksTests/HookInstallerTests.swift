import ConvoTestSupport
import Foundation
@testable import ConvoHooks
import Testing

@Suite("HookInstaller")
struct HookInstallerTests {
    /// A hooks directory and a stand-in for the convo binary that records its arguments and
    /// stdin, and exits with the status in `status`.
    struct Fixture {
        let scratch: ScratchDirectory
        var hooks: String { scratch.file("hooks").path }
        var hook: String { hooks + "/pre-push" }
        /// In a directory whose name needs quoting in a shell.
        var fake: String { scratch.file("bin dir/it's convo").path }

        init(status: Int32 = 0) throws {
            scratch = try ScratchDirectory(prefix: "convo-hooks")
            try scratch.write("bin dir/it's convo", """
                #!/bin/sh
                echo "args: $*" >> "\(scratch.file("convo.log").path)"
                cat >> "\(scratch.file("convo.log").path)"
                exit \(status)

                """)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        }

        var installer: HookInstaller { HookInstaller(hooksDirectory: hooks, executable: fake) }

        func writeHook(_ text: String) throws {
            try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: hook))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        }

        func hookText() throws -> String { try String(contentsOfFile: hook, encoding: .utf8) }

        /// Runs the installed hook as git would: arguments, and the ref list on stdin.
        func runHook(stdin: String) throws -> ProcessResult {
            try ProcessRunner.run(URL(fileURLWithPath: hook), ["origin", "git@example.com:a/b.git"], in: scratch.url,
                                  environment: ["PATH": "/usr/bin:/bin"], stdin: Data(stdin.utf8))
        }

        func log(_ name: String) throws -> String { try scratch.read(name) }
    }

    let refs = "refs/heads/main 1111111111111111111111111111111111111111 refs/heads/main 2222222222222222222222222222222222222222\n"

    @Test func createsAnExecutableHookThatPassesGitsInputToConvo() throws {
        let fixture = try Fixture()
        #expect(try fixture.installer.install() == .created)
        let text = try fixture.hookText()
        #expect(text.hasPrefix("#!/bin/sh\n" + HookInstaller.startMarker + "\n"))
        #expect(text.hasSuffix(HookInstaller.endMarker + "\n"))
        #expect(FileManager.default.isExecutableFile(atPath: fixture.hook))
        let result = try fixture.runHook(stdin: refs)
        #expect(result.status == 0, "\(result)")
        #expect(try fixture.log("convo.log") == "args: hook pre-push origin git@example.com:a/b.git\n" + refs)
    }

    @Test func installingAgainChangesNothingAndANewBinaryPathReplacesOnlyTheBlock() throws {
        let fixture = try Fixture()
        try fixture.writeHook("#!/bin/sh\necho hello\n")
        #expect(try fixture.installer.install() == .added)
        let once = try fixture.hookText()
        #expect(try fixture.installer.install() == .unchanged)
        #expect(try fixture.hookText() == once)
        let moved = HookInstaller(hooksDirectory: fixture.hooks, executable: "/opt/convo/bin/convo")
        #expect(try moved.install() == .updated)
        let text = try fixture.hookText()
        #expect(text.components(separatedBy: HookInstaller.startMarker).count == 2)
        #expect(text.contains("convo_bin='/opt/convo/bin/convo'"))
        #expect(text.hasSuffix("echo hello\n"))
    }

    @Test func aForeignShellHookRunsAfterTheCheckWithTheSameInputAndNotAfterARefusal() throws {
        let fixture = try Fixture()
        let foreign = "#!/bin/sh\nset -e\necho \"foreign: $1\" > \"\(fixture.scratch.file("foreign.log").path)\"\n"
            + "cat >> \"\(fixture.scratch.file("foreign.log").path)\"\nexit 0\n"
        try fixture.writeHook(foreign)
        #expect(try fixture.installer.install() == .added)
        let passed = try fixture.runHook(stdin: refs)
        #expect(passed.status == 0, "\(passed)")
        #expect(try fixture.log("foreign.log") == "foreign: origin\n" + refs)
        #expect(try fixture.log("convo.log").hasSuffix(refs))

        let refusing = try Fixture(status: 1)
        try refusing.writeHook(foreign.replacingOccurrences(of: fixture.scratch.url.path, with: refusing.scratch.url.path))
        _ = try refusing.installer.install()
        let refused = try refusing.runHook(stdin: refs)
        #expect(refused.status == 1)
        #expect(!refusing.scratch.exists("foreign.log"))

        #expect(try fixture.installer.uninstall() == .removedBlock)
        #expect(try fixture.hookText() == foreign)
        #expect(FileManager.default.isExecutableFile(atPath: fixture.hook), "git skips a hook that is not executable")
    }

    @Test func aHookInAnotherLanguageIsChainedThenRestored() throws {
        let fixture = try Fixture()
        let python = "#!/usr/bin/env python3\nimport sys\nopen(sys.argv[0] + '.ran', 'w').write(sys.argv[1] + sys.stdin.read())\n"
        try fixture.writeHook(python)
        #expect(try fixture.installer.install() == .chained)
        #expect(try String(contentsOfFile: fixture.installer.chainedPath, encoding: .utf8) == python)
        #expect(try fixture.hookText().contains("pre-push.convo-chained\" \"$@\""))
        #expect(try fixture.installer.install() == .unchanged, "the chained hook stays chained")
        let result = try ProcessRunner.run(URL(fileURLWithPath: fixture.hook), ["origin", "url"], in: fixture.scratch.url,
                                           stdin: Data(refs.utf8))
        #expect(result.status == 0, "\(result)")
        #expect(try String(contentsOfFile: fixture.installer.chainedPath + ".ran", encoding: .utf8) == "origin" + refs)
        #expect(try fixture.installer.uninstall() == .restoredChained)
        #expect(try fixture.hookText() == python)
    }

    @Test func uninstallDeletesOnlyAFileThatHeldNothingElse() throws {
        let fixture = try Fixture()
        #expect(try fixture.installer.uninstall() == .notInstalled)
        _ = try fixture.installer.install()
        #expect(try fixture.installer.uninstall() == .deletedFile)
        #expect(!FileManager.default.fileExists(atPath: fixture.hook))
    }

    @Test func aChainTargetInTheWayIsAnError() throws {
        let fixture = try Fixture()
        try fixture.writeHook("#!/usr/bin/env node\nprocess.exit(0)\n")
        try Data("old".utf8).write(to: URL(fileURLWithPath: fixture.installer.chainedPath))
        #expect(throws: HookInstallError.self) { try fixture.installer.install() }
        #expect(try fixture.hookText() == "#!/usr/bin/env node\nprocess.exit(0)\n")
    }

    @Test func tellsShellScriptsApart() {
        #expect(HookInstaller.isShellScript("#!/bin/sh\n"))
        #expect(HookInstaller.isShellScript("#!/usr/bin/env bash\n"))
        #expect(HookInstaller.isShellScript("#!/bin/bash -e\n"))
        #expect(HookInstaller.isShellScript("echo no shebang\n"))
        #expect(!HookInstaller.isShellScript("#!/usr/bin/env python3\n"))
        #expect(!HookInstaller.isShellScript("#!/usr/bin/env -S node --no-warnings\n"))
        #expect(!HookInstaller.isShellScript("#!/usr/bin/perl\n"))
        #expect(HookInstaller.shellQuoted("/a b/it's") == "'/a b/it'\\''s'")
    }
}
