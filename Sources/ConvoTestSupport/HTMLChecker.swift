import Foundation

/// Checks a generated HTML page with Python's own parsers: every element closed and nested
/// properly (`html.parser`), the whole page well-formed XML (`xml.dom.minidom`), ids unique,
/// every in-page link pointing at an id, and nothing loaded from elsewhere (no `src`, no
/// `http(s)` links, no `url(` or `@import` in styles).
public enum HTMLChecker {
    public struct Result: Sendable {
        /// Empty when the page passes.
        public var problems: [String]
        /// How many elements of each tag the page has.
        public var tags: [String: Int]
        /// Every text node, joined by newlines (what a reader sees, without markup).
        public var text: String
    }

    static let script = #"""
        import sys, json, html.parser, xml.dom.minidom
        VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
        class Checker(html.parser.HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.stack, self.problems, self.ids, self.links, self.tags, self.text = [], [], set(), [], {}, []
                self.in_style = False
            def attributes(self, tag, attrs):
                self.tags[tag] = self.tags.get(tag, 0) + 1
                for name, value in attrs:
                    value = value or ""
                    if name == "id":
                        if value in self.ids: self.problems.append("duplicate id %r" % value)
                        self.ids.add(value)
                    if name == "href":
                        if value.startswith("#"): self.links.append(value[1:])
                        else: self.problems.append("link leaves the page: %r" % value)
                    if name == "src": self.problems.append("external resource: <%s src=%r>" % (tag, value))
                    if name == "style" and ("url(" in value or "@import" in value):
                        self.problems.append("style loads something: %r" % value)
                if tag in ("script", "link", "img", "iframe", "object", "embed"):
                    self.problems.append("unexpected <%s>" % tag)
            def handle_starttag(self, tag, attrs):
                self.attributes(tag, attrs)
                if tag == "style": self.in_style = True
                if tag not in VOID: self.stack.append((tag, self.getpos()))
            def handle_startendtag(self, tag, attrs):
                self.attributes(tag, attrs)
            def handle_endtag(self, tag):
                if tag == "style": self.in_style = False
                if not self.stack or self.stack[-1][0] != tag:
                    self.problems.append("line %d: </%s> does not close %s" % (self.getpos()[0], tag, self.stack[-1] if self.stack else "anything"))
                else:
                    self.stack.pop()
            def handle_data(self, data):
                if self.in_style:
                    if "url(" in data or "@import" in data: self.problems.append("the stylesheet loads something")
                elif data.strip():
                    self.text.append(data.strip())
        source = open(sys.argv[1], encoding="utf-8").read()
        checker = Checker()
        checker.feed(source)
        checker.close()
        problems = checker.problems
        problems += ["<%s> opened at line %d is never closed" % (tag, pos[0]) for tag, pos in checker.stack]
        problems += ["link to missing id #%s" % target for target in checker.links if target not in checker.ids]
        try:
            xml.dom.minidom.parseString(source.replace("<!DOCTYPE html>", "", 1).encode("utf-8"))
        except Exception as error:
            problems.append("not well-formed XML: %s" % error)
        print(json.dumps({"problems": problems, "tags": checker.tags, "text": "\n".join(checker.text)}))
        """#

    /// Runs the checks on `file`.
    public static func check(_ file: URL) throws -> Result {
        guard let python = ProcessRunner.which("python3") ?? ProjectPaths.python else { throw HTMLCheckerError("python3 is not installed") }
        let result = try ProcessRunner.run(python, ["-c", script, file.path])
        guard result.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw HTMLCheckerError("the checker failed: \(result)")
        }
        return Result(problems: object["problems"] as? [String] ?? ["no problems list"],
                      tags: object["tags"] as? [String: Int] ?? [:],
                      text: object["text"] as? String ?? "")
    }
}

public struct HTMLCheckerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
