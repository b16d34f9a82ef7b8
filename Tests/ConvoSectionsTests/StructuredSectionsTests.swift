import ConvoSections
import Testing

@Suite("YAML and JSON sections")
struct StructuredSectionsTests {
    @Test func yamlKeysAreDottedPathsWithLineRanges() throws {
        let text = """
            # comment
            model:
              name: gpt-4o
              temperature: 0.2

            tools:
              search:
                description: >-
                  Search the docs.
                  Quote titles.
                parameters: {query: {type: string}}
              # trailing comment
            top: [1, 2]
            """
        let file = try SectionParser.parse(path: "h.yaml", text: text)
        let rows = file.sections.map { "\($0.address) \($0.kind.rawValue) \($0.startLine)-\($0.endLine)" }
        #expect(rows == [
            "h.yaml file 1-13",
            "h.yaml#model yaml-key 2-4",
            "h.yaml#model.name yaml-key 3-3",
            "h.yaml#model.temperature yaml-key 4-4",
            "h.yaml#tools yaml-key 6-11",
            "h.yaml#tools.search yaml-key 7-11",
            "h.yaml#tools.search.description yaml-key 8-10",
            "h.yaml#tools.search.parameters yaml-key 11-11",
            "h.yaml#tools.search.parameters.query yaml-key 11-11",
            "h.yaml#tools.search.parameters.query.type yaml-key 11-11",
            "h.yaml#top yaml-key 13-13",
        ])
        #expect(file.section(anchor: "tools.search.description")?.content == #""Search the docs. Quote titles.""#)
        #expect(file.section(anchor: "model")?.content == "{}")
        #expect(file.section(anchor: "top")?.content == "[1,2]")
    }

    @Test func wandbConfigDefaultsHasOneSectionPerSetting() throws {
        let text = "wandb_version: 1\nretrieval_top_k:\n  desc: docs per question\n  value: 6\nrerank: {desc: x, value: true}\n"
        for path in ["prompts/wandb/config-defaults.yaml", "other.yaml"] {
            let file = try SectionParser.parse(path: path, text: text)
            #expect(file.sections.compactMap(\.anchor) == ["wandb_version", "retrieval_top_k", "rerank"])
            #expect(file.section(anchor: "retrieval_top_k")?.endLine == 4)
        }
    }

    @Test func jsonKeysWithExactLines() throws {
        let text = """
            {
              "model": {"name": "gpt-4o",
                        "temperature": 0.2},
              "tools": {
                "search": {
                  "description": "Search \\"docs\\"",
                  "args": [{"q": 1}, {"q": 2}]
                }
              },
              "a.b": null
            }
            """
        let file = try SectionParser.parse(path: "h.json", text: text)
        let rows = file.sections.map { "\($0.address) \($0.kind.rawValue) \($0.startLine)-\($0.endLine)" }
        #expect(rows == [
            "h.json file 1-11",
            "h.json#model json-key 2-3",
            "h.json#model.name json-key 2-2",
            "h.json#model.temperature json-key 3-3",
            "h.json#tools json-key 4-9",
            "h.json#tools.search json-key 5-8",
            "h.json#tools.search.description json-key 6-6",
            "h.json#tools.search.args json-key 7-7",
            "h.json#a.b json-key 10-10",
        ])
        #expect(file.section(anchor: "tools.search.description")?.content == #""Search \"docs\"""#)
    }

    @Test func malformedInputNamesFileAndLine() throws {
        let yaml = #expect(throws: SectionError.self) {
            try SectionParser.parse(path: "h.yaml", text: "a: 1\nb: [1, 2\nc: 3\n")
        }
        #expect(yaml?.location?.file == "h.yaml")
        #expect(yaml?.location?.line != nil)
        let duplicate = #expect(throws: SectionError.self) {
            try SectionParser.parse(path: "h.yaml", text: "a: 1\nb: 2\na: 3\n")
        }
        #expect(duplicate?.message.contains("duplicate key 'a'") == true)
        let json = #expect(throws: SectionError.self) {
            try SectionParser.parse(path: "h.json", text: "{\n  \"a\": 1,\n  \"b\": tru\n}")
        }
        #expect(json?.location?.line == 3)
        let jsonDuplicate = #expect(throws: SectionError.self) {
            try SectionParser.parse(path: "h.json", text: "{\"a\": 1,\n \"a\": 2}")
        }
        #expect(jsonDuplicate?.location?.line == 2)
        // YAML accepts this; JSON does not.
        #expect(throws: SectionError.self) { try SectionParser.parse(path: "h.json", text: "{a: 1}") }
        let unknown = #expect(throws: SectionError.self) { try SectionParser.parse(path: "notes.txt", text: "x") }
        #expect(unknown?.location?.file == "notes.txt")
        #expect(unknown?.message.contains("unknown file type") == true)
    }

    @Test func absurdNestingIsAnErrorNotACrash() throws {
        let depth = 100_000
        let yaml = "a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        #expect(throws: SectionError.self) { try SectionParser.parse(path: "d.yaml", text: yaml) }
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: SectionError.self) { try SectionParser.parse(path: "d.json", text: json) }
        let markdown = String(repeating: "> ", count: depth) + "# deep\n" + String(repeating: "#", count: depth) + " x\n"
        #expect(try SectionParser.parse(path: "d.md", text: markdown).sections.count == 1)
    }

    @Test func topLevelListOrScalarIsTheFileValue() throws {
        let file = try SectionParser.parse(path: "l.yaml", text: "- a\n- b\n")
        #expect(file.sections.count == 1)
        #expect(file.sections[0].content == #"["a","b"]"#)
        #expect(try SectionParser.parse(path: "e.json", text: "[]").sections.count == 1)
    }
}
