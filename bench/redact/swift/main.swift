// Measures the redactor on exemplar-like texts, against two baselines run in the same process:
// building a Redactor per text (what a caller that does not share one pays), and the earlier
// placeholder (one email regex compiled per call). Prints one line per variant.
import ConvoBase
import Foundation

/// A fixed-seed generator, so every run redacts the same texts.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

let prose = [
    "why is my webhook not firing after I set it up yesterday",
    "webhook never triggers, endpoint returns 200 on localhost:3000",
    "how do I rotate my api key? the old one still works after 2026-11-20",
    "upgraded to v10.4.1 and now rate limits hit at 429 every 10:02:11",
    "invite email never arrived for my teammate, tried 3 times",
    "billing page shows $49.99/month but I am on the trial plan",
    "cannot find Settings > Integrations, commit 9fceb02 broke it?",
    "conversation 550e8400-e29b-41d4-a716-446655440000 got cut off",
    "the docs say Bearer token auth but I get 401 Unauthorized",
    "is there a way to export my data as CSV before I cancel",
]
let personal = [
    "reach me at jane.doe@example.com or +1 415 555 2671",
    "card 4111 1111 1111 1111 was charged twice",
    "my key sk-proj-abc123DEF456ghi789JKL012mno345PQR678 leaked",
    "server 203.0.113.42 cannot reach the webhook",
    "password=hunter22 in the config, token=ya29.a0AfH6SMBx3jK9Lm2Np4Qr6St8Uv0Wx",
]

let count = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20_000
var random = SplitMix64(state: 42)
let texts: [String] = (0..<count).map { _ in
    var text = random.pick(prose)
    if random.next() % 10 == 0 { text += ". " + random.pick(personal) }
    if random.next() % 3 == 0 { text += " " + random.pick(prose) }
    return text
}
let characters = texts.reduce(0) { $0 + $1.count }

func measure(_ name: String, _ texts: [String], _ body: (String) -> String) {
    let clock = ContinuousClock()
    var changed = 0
    let elapsed = clock.measure {
        for text in texts where body(text) != text { changed += 1 }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let perText = seconds / Double(texts.count) * 1e6
    let label = name.padding(toLength: 36, withPad: " ", startingAt: 0)
    print(label + String(format: "%7d texts  %8.3f s  %8.1f µs/text  %9.0f texts/s  (%d changed)",
                         texts.count, seconds, perText, Double(texts.count) / seconds, changed))
}

print("redact bench: \(count) texts, \(characters) characters, 10% holding personal data")
do {
    let shared = try Redactor()
    measure("Redactor, shared (convo)", texts, shared.redact)
    let email = try NSRegularExpression(pattern: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#)
    measure("floor: one precompiled email regex", texts) { text in
        email.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<email>")
    }
    // The baselines are slower per text; a tenth of the texts keeps the run short.
    let sample = Array(texts.prefix(max(1, count / 10)))
    measure("baseline: Redactor per text", sample) { text in (try? Redactor())?.redact(text) ?? text }
    measure("baseline: old placeholder (email)", sample) { text in
        guard let email = try? NSRegularExpression(pattern: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#) else { return text }
        return email.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<email>")
    }
} catch {
    print("error: \(error)")
    exit(1)
}
