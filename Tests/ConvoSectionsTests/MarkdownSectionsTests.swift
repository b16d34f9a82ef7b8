import ConvoBase
import ConvoSections
import ConvoTestSupport
import Testing

@Suite("Markdown sections")
struct MarkdownSectionsTests {
    func parse(_ text: String, path: String = "p.md") throws -> FileSections {
        try SectionParser.parse(path: path, text: text)
    }

    func anchors(_ text: String, path: String = "p.md") throws -> [String] {
        try parse(text, path: path).sections.compactMap(\.anchor)
    }

    @Test func nestedHeadingsJoinSlugsWithSlash() throws {
        let text = """
            intro
            # Setup
            text
            ## API keys
            keys
            ### Rolling a key!
            roll
            ## SDK installation
            sdk
            # Webhooks
            hooks
            """
        let file = try parse(text)
        #expect(file.sections.map(\.address) == [
            "p.md", "p.md#setup", "p.md#setup/api-keys", "p.md#setup/api-keys/rolling-a-key",
            "p.md#setup/sdk-installation", "p.md#webhooks",
        ])
        let setup = try #require(file.section(anchor: "setup"))
        #expect((setup.startLine, setup.endLine) == (2, 9))
        #expect(setup.content == "# Setup\ntext")
        #expect(setup.childOrder == ["setup/api-keys", "setup/sdk-installation"])
        let keys = try #require(file.section(anchor: "setup/api-keys"))
        #expect((keys.startLine, keys.endLine) == (4, 7))
        #expect(file.section(anchor: nil)?.content == "intro")
        #expect(file.section(anchor: "webhooks")?.endLine == 11)
    }

    @Test func skippedLevelsNestUnderTheNearestShallowerHeading() throws {
        #expect(try anchors("# A\n### C\n## B\n# D\n") == ["a", "a/c", "a/b", "d"])
    }

    @Test func duplicateSlugsGetNumberedLikeGitHub() throws {
        let text = "# Examples\n# Examples\n# Examples\n## Notes\n# Other\n## Notes\n## Notes\n"
        #expect(try anchors(text) == ["examples", "examples-1", "examples-2", "examples-2/notes", "other",
                                      "other/notes", "other/notes-1"])
    }

    @Test func headingTextIsSluggedAsGitHubRendersIt() throws {
        let text = "# Billing & plans: FAQ\n# `convo` **rocks**\n# [Webhooks](https://relay.dev/docs)\n# Closing ##\n# Café déjà vu\n#\n"
        #expect(try anchors(text) == ["billing-plans-faq", "convo-rocks", "webhooks", "closing", "cafe-deja-vu", "section"])
    }

    @Test func notHeadings() throws {
        let text = """
            #hashtag is text
            ####### seven is text
                # indented code
            \\# escaped
            """
        #expect(try anchors(text) == [])
    }

    @Test func headingsInsideFencesAreNotSections() throws {
        let text = """
            # Real
            ```bash
            # a shell comment
            ```
            ~~~~ python
            # python comment
            ~~~
            # still inside: a shorter closing fence does not close
            ~~~~~
            ````markdown
            ```
            # inside a nested fence
            ```
            ````
            # After
            """
        let file = try parse(text)
        #expect(file.sections.compactMap(\.anchor) == ["real", "after"])
        #expect(file.section(anchor: "real")?.endLine == 14)
    }

    @Test func anUnclosedFenceRunsToTheEnd() throws {
        #expect(try anchors("# A\n```\n# not a heading\n") == ["a"])
    }

    @Test func backtickRunWithBacktickInInfoIsNotAFence() throws {
        #expect(try anchors("``` a`b\n# Heading\n") == ["heading"])
    }

    @Test func headingsInsideHTMLCommentsAreNotSections() throws {
        let text = """
            <!--
            # commented out
            -->
            # Visible
            <!-- one line --> 
            <!-- starts
            ## hidden
            ends -->
            ## Child
            """
        #expect(try anchors(text) == ["visible", "visible/child"])
    }

    @Test func setextHeadings() throws {
        let text = """
            Overview
            ========
            Some text.

            Details of
            the thing
            ---------
            more

            ---
            - item
            ---
            """
        let file = try parse(text)
        #expect(file.sections.compactMap(\.anchor) == ["overview", "overview/details-of-the-thing"])
        #expect(file.section(anchor: "overview/details-of-the-thing")?.startLine == 5)
    }

    @Test func regionsAreSectionsAndTakeTheirLinesFromTheHeading() throws {
        let text = """
            # Refunds
            Intro.
            <!-- convo:section refund-policy -->
            We refund duplicates.
            <!-- /convo:section -->
            After.
            """
        let file = try parse(text)
        let region = try #require(file.section(anchor: "refund-policy"))
        #expect(region.kind == .markdownRegion)
        #expect((region.startLine, region.endLine) == (3, 5))
        #expect(region.content.contains("We refund duplicates."))
        let heading = try #require(file.section(anchor: "refunds"))
        #expect(heading.content == "# Refunds\nIntro.\nAfter.")
        #expect(heading.childOrder == ["refund-policy"])
        #expect(file.innermost(line: 4)?.anchor == "refund-policy")
        #expect(file.innermost(line: 6)?.anchor == "refunds")
    }

    @Test func regionMarkersInsideFencesAreText() throws {
        let text = "```\n<!-- convo:section x -->\n```\n"
        #expect(try anchors(text) == [])
    }

    @Test func malformedRegionsAreErrorsWithLines() throws {
        #expect(throws: SectionError("region 'x' is never closed", file: "p.md", line: 2,
                                     hints: ["add '<!-- /convo:section -->' where the region ends"])) {
            try parse("a\n<!-- convo:section x -->\nb\n")
        }
        let stray = #expect(throws: SectionError.self) { try parse("a\n\n<!-- /convo:section -->\n") }
        #expect(stray?.location?.line == 3)
        let duplicate = #expect(throws: SectionError.self) {
            try parse("# Setup\n<!-- convo:section setup -->\nx\n<!-- /convo:section -->\n")
        }
        #expect(duplicate?.location?.line == 2)
        #expect(duplicate?.message.contains("defined twice") == true)
    }

    @Test func promptFrontMatterBelongsToTheFile() throws {
        let text = "---\nmodel: gpt-4o\n# not a heading\n---\n# Body\ntext\n"
        let file = try parse(text, path: "agents/support.prompt")
        #expect(file.sections.compactMap(\.anchor) == ["body"])
        #expect(file.section(anchor: nil)?.content.contains("model: gpt-4o") == true)
    }

    @Test func crlfAndTrailingBlankLines() throws {
        let file = try parse("# A\r\ntext\r\n\r\n\r\n# B\r\nb\r\n\r\n")
        #expect(file.section(anchor: "a")?.endLine == 2)
        #expect(file.section(anchor: "b")?.endLine == 6)
        #expect(file.section(anchor: "a")?.content == "# A\ntext")
    }

    @Test func emptyFileHasOnlyTheFileSection() throws {
        let file = try parse("")
        #expect(file.sections.map(\.address) == ["p.md"])
    }
}

@Suite("Governed files")
struct GovernedFilesTests {
    @Test func walksOnlyWhatTheGlobsReach() throws {
        let scratch = try ScratchDirectory()
        for path in ["prompts/a.md", "prompts/deep/b.yaml", "prompts/.hidden/c.md", "other/d.md", "agents/x.prompt",
                     "agents/nested/y.prompt", ".git/config.md", "README.md"] {
            try scratch.write(path, "# X\n")
        }
        var config = ConvoConfig()
        config.governed = ["prompts/**", "agents/*.prompt", "*.md"]
        #expect(SectionIndex.governedFiles(root: scratch.url, config: config) ==
                ["README.md", "agents/x.prompt", "prompts/a.md", "prompts/deep/b.yaml"])
        let index = try SectionIndex.load(root: scratch.url, config: config)
        #expect(index.contains("prompts/a.md#x"))
        #expect(index.contains("agents/x.prompt#x"))
    }

    @Test func aByteOrderMarkIsNotPartOfTheFirstHeading() throws {
        let file = try SectionParser.parse(path: "p.md", text: "\u{FEFF}# Title\ntext\n")
        #expect(file.sections.compactMap(\.anchor) == ["title"])
    }
}
