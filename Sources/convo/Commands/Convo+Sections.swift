import ArgumentParser
import ConvoBase
import ConvoSections
import Foundation

extension Convo {
    struct Sections: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sections",
            abstract: "List the section addresses of governed files, with their line ranges.",
            discussion: """
                A section is what an intent can touch: a Markdown heading (nested headings joined \
                by '/'), a <!-- convo:section NAME --> region, a YAML or JSON key path, or a whole \
                file. Without PATH, every file matching `governed` in .convo/config.yaml is listed.

                Example:
                  convo sections prompts/support.md
                  convo sections --json | jq -r '.[].address'
                """
        )

        @Argument(help: "Files to list, relative to the current directory (default: every governed file).", completion: .file())
        var paths: [String] = []

        @Flag(help: "Print a JSON array of {address, path, anchor, kind, start_line, end_line, title}.")
        var json = false

        func run() async throws {
            let context = try CommandContext.current()
            let root = context.workspace.root
            var files: [FileSections] = []
            if paths.isEmpty {
                for path in SectionIndex.governedFiles(root: root, config: context.config) {
                    files.append(try SectionIndex.parseFile(path, root: root, format: SectionFormat(path: path) ?? .plain))
                }
            } else {
                for path in paths {
                    files.append(try SectionIndex.parseFile(try context.repositoryPath(path), root: root))
                }
            }
            let sections = files.flatMap(\.sections)
            if json {
                var writer = JSONWriter()
                writer.value(.array(sections.map(Self.jsonValue)))
                print(writer.string)
                return
            }
            var table = TextTable(["ADDRESS", "KIND", "LINES"])
            for section in sections {
                table.append([section.address, section.kind.rawValue, "\(section.startLine)-\(section.endLine)"])
            }
            print(table.rendered(), terminator: "")
        }

        static func jsonValue(_ section: Section) -> JSONValue {
            var object: [String: JSONValue] = [
                "address": .string(section.address),
                "path": .string(section.path),
                "anchor": section.anchor.map(JSONValue.string) ?? .null,
                "kind": .string(section.kind.rawValue),
                "start_line": .int(Int64(section.startLine)),
                "end_line": .int(Int64(section.endLine)),
            ]
            if let title = section.title { object["title"] = .string(title) }
            return .object(object)
        }
    }
}

extension CommandContext {
    /// A path the user typed (relative to the current directory, or absolute) as a path relative
    /// to the repository root.
    func repositoryPath(_ typed: String) throws -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let url = typed.hasPrefix("/") ? URL(fileURLWithPath: typed) : cwd.appendingPathComponent(typed)
        let relative = workspace.relativePath(of: url)
        guard !relative.hasPrefix("/") else {
            throw ConvoError.usage("'\(typed)' is outside the repository (\(workspace.root.path))")
        }
        return relative
    }
}
