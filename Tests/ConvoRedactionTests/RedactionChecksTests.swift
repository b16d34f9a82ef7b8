import Foundation
import Testing
@testable import ConvoBase

/// The pre-push hook asks `containsPersonalData` of whole intent files: the file's own fields
/// (dates, weeks, ids, SHAs, addresses, numbers) must not trip it, and one leaked value must.
@Suite struct IntentFileScanTests {
    func designExample() throws -> String {
        let url = try #require(Bundle.module.url(forResource: "design-example", withExtension: "intent", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func aRedactedIntentFileIsClean() throws {
        let redactor = try Redactor()
        let text = try designExample()
        #expect(redactor.findings(in: text).map { String(text[$0.range]) } == [])
    }

    @Test(arguments: [
        ("    - webhook never triggers after I set it up", "    - webhook never triggers, mail me at ops@acme.io"),
        ("    - why is my webhook not firing", "    - why is my webhook not firing, key sk-proj-abc123DEF456ghi789JKL012mno"),
        ("    - why is my webhook not firing", "    - webhook from 198.51.100.23 not firing"),
        ("    - why is my webhook not firing", "    - charged 4242 4242 4242 4242 and the webhook is not firing"),
    ])
    func oneLeakedValueIsFound(original: String, leaked: String) throws {
        let text = try designExample().replacingOccurrences(of: original, with: leaked)
        #expect(try Redactor().containsPersonalData(text))
    }
}

@Suite struct RedactionChecksTests {
    @Test func luhn() {
        func digits(_ text: String) -> [UInt8] { text.utf8.map { $0 - 0x30 } }
        #expect(RedactionChecks.luhn(digits("79927398713")))
        #expect(!RedactionChecks.luhn(digits("79927398710")))
        #expect(RedactionChecks.luhn(digits("4111111111111111")))
        #expect(!RedactionChecks.luhn(digits("4111111111111112")))
    }

    @Test func cardShape() {
        #expect(RedactionChecks.isCardNumber("4111 1111 1111 1111"))
        #expect(!RedactionChecks.isCardNumber("4111-1111 1111-1111"))   // mixed separators
        #expect(!RedactionChecks.isCardNumber("41 11111111111111"))     // a 2-digit group
        #expect(!RedactionChecks.isCardNumber("4444444444444441"))       // not Luhn
        #expect(!RedactionChecks.isCardNumber("0000000000000000"))       // Luhn, but one repeated digit
    }

    @Test(arguments: [
        ("2001:db8::1", true), ("::ffff:192.0.2.1", true), ("1:2:3:4:5:6:7:8", true), ("fe80::1%en0", true),
        ("::", false), ("::1", false), ("a::b", false), ("1::2::3", false), ("12345::1", false),
        ("1:2:3:4:5:6:7", false), ("10:02:11", false), ("::ffff:999.0.2.1", false),
    ])
    func ipv6(candidate: String, valid: Bool) {
        #expect(RedactionChecks.isIPv6(candidate) == valid)
    }

    @Test func keyNames() {
        #expect(RedactionChecks.secretFamily(ofKeyName: "OPENAI_API_KEY") == .token)
        #expect(RedactionChecks.secretFamily(ofKeyName: "clientSecret") == .password)
        #expect(RedactionChecks.secretFamily(ofKeyName: "X-Auth-Token") == .token)
        #expect(RedactionChecks.secretFamily(ofKeyName: "db.password") == .password)
        #expect(RedactionChecks.secretFamily(ofKeyName: "monkey") == nil)
        #expect(RedactionChecks.secretFamily(ofKeyName: "oauth") == nil)
        #expect(RedactionChecks.secretFamily(ofKeyName: "turkey") == nil)
    }
}
