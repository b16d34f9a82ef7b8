import Foundation

/// Phrases every intent can use through `$name` slots: greetings, sign-offs, the many ways people
/// spell the product's nouns, and generators that read the conversation's facts.
struct Vocabulary: Sendable {
    let phrases: [String: [Template]]

    static let shared = Vocabulary(phrases: Vocabulary.compile(Vocabulary.phraseLists))

    static func compile(_ lists: [String: [String]]) -> [String: [Template]] {
        lists.mapValues { $0.map(Template.init) }
    }

    typealias Generator = @Sendable (inout SeededRandom, ConversationFacts) -> String

    static let phraseLists: [String: [String]] = [
        // Openers and closers.
        "hi": [
            "hi", "hi", "hi", "hey", "hey", "hello", "hi there", "hey there", "hey team", "hi team", "hey relay team",
            "hello relay", "hi support", "quick q", "quick question", "yo", "morning", "good morning", "good afternoon",
            "hiya", "heya", "hey folks", "hi all", "hello support team", "hey guys", "hi relay", "hola", "greetings",
            "hey, quick one", "sorry to bother you", "hi again", "ok so", "hey so", "hello?",
        ],
        "thanks": [
            "thanks", "thanks!", "thx", "ty", "thank you", "thanks in advance", "appreciate it", "any help appreciated",
            "thanks a lot", "cheers", "tia", "would appreciate a quick reply", "thanks!!", "much appreciated",
            "let me know", "pls advise", "any ideas?", "help pls", "what am I missing?", "ideas?", "ty in advance",
        ],
        "frustration": [
            "this is really frustrating", "been at this for hours", "losing my mind here", "ugh", "seriously",
            "wtf", "I'm about to give up", "this is driving me crazy", "spent all day on this", "not happy",
            "come on", "this is ridiculous", "honestly considering other options", "ffs", "so annoying",
            "third time asking", "nothing in the docs helps",
        ],
        "urgency": [
            "kind of urgent", "this is blocking our launch", "we go live tomorrow", "our demo is in an hour",
            "customers are complaining", "this is blocking prod", "need this fixed asap", "urgent!!",
            "launch is friday", "boss is asking", "P1 for us", "its blocking the whole team",
        ],
        "tried": [
            "I already checked the url", "tried restarting everything", "regenerated the key twice",
            "followed the docs step by step", "went through the quickstart", "googled it, nothing",
            "asked chatgpt and it made stuff up", "checked our logs", "redeployed", "cleared cache",
            "tried from postman too", "tried with curl", "read the troubleshooting page",
            "double checked everything", "checked the status page, all green",
        ],
        // The product's nouns, spelt the ways people spell them.
        "webhook": ["webhook", "webhook", "webhook", "webhook", "web hook", "Webhook", "web-hook", "hook", "webhook endpoint"],
        "webhooks": ["webhooks", "webhooks", "webhooks", "web hooks", "hooks", "webhook events", "Webhooks", "webhook calls"],
        "endpoint": ["endpoint", "endpoint", "endpoint url", "url", "callback url", "receiver", "handler", "listener", "endpoint"],
        "fire": [
            "firing", "firing", "firing", "triggering", "getting called", "being sent", "coming through", "arriving",
            "hitting my server", "going out", "being delivered",
        ],
        "dashboard": ["dashboard", "dashboard", "dash", "console", "the UI", "the portal", "web app", "admin panel"],
        "apikey": ["API key", "api key", "API key", "key", "secret key", "api token", "token", "apikey", "API keys"],
        "app": ["my app", "our app", "our backend", "the server", "my service", "our api", "my code", "our system"],
        "prod": ["production", "prod", "live", "live mode", "prod env"],
        "testmode": ["test mode", "sandbox", "the test environment", "dev", "staging", "test env"],
        "docs": ["the docs", "docs", "your documentation", "the quickstart", "the guide", "the api reference"],
        "timeago": [
            "since yesterday", "for 2 hours", "all morning", "since we deployed", "since friday", "for like an hour now",
            "since this morning", "all day", "since last night", "for the past 3 days", "since the weekend",
            "for 20 min", "since we upgraded",
        ],
        "nothing": ["nothing", "nothing at all", "zero", "no requests", "nada", "literally nothing", "not a single request", "no events"],
        "competitor": ["svix", "hookdeck", "convoy", "aws eventbridge", "an in-house solution", "another provider", "pusher", "a competitor"],
                "card": ["my card", "our company card", "the visa", "the amex", "our credit card", "the card on file"],
        "weekday": ["monday", "tuesday", "wednesday", "thursday", "friday", "the 3rd", "the 15th"],
        "teammate": ["my coworker", "a teammate", "our new dev", "my cofounder", "two engineers", "the contractor", "my colleague", "our CTO"],
        "please": ["please", "pls", "plz", "please", "kindly", ""],
        "cant": ["can't", "cannot", "can not", "cant", "am unable to", "don't know how to"],
        "why": ["why", "why", "how come", "any idea why", "why on earth"],
    ]

    /// Slots computed from the conversation's facts, or random identifiers that make every paste unique.
    static let generators: [String: Generator] = [
        "plan_phrase": { rng, facts in
            switch facts.plan {
            case .trial: return rng.pick(["we're on the trial", "still on the free trial", "I'm on a trial account", "trial user here", "we are trialing relay", "evaluating relay on the trial"])
            case .free: return rng.pick(["we're on the free plan", "free tier user", "on the free tier", "just using the free plan for now", "hobby project on the free plan"])
            case .pro: return rng.pick(["we're on pro", "paying customer (pro plan)", "pro plan", "we pay for pro", "on the pro tier"])
            case .enterprise: return rng.pick(["we're an enterprise customer", "enterprise plan", "we're on an enterprise contract", "enterprise account here"])
            }
        },
        "age_phrase": { rng, facts in
            switch facts.accountAgeDays {
            case 0: return rng.pick(["just signed up today", "signed up an hour ago", "brand new here", "literally just created my account"])
            case 1: return rng.pick(["signed up yesterday", "new account since yesterday", "started yesterday"])
            case 2...4: return rng.pick(["signed up a couple days ago", "new to relay", "started the trial this week", "first week using relay"])
            case 5...30: return rng.pick(["new-ish customer", "started a few weeks ago", "still getting set up"])
            case 31...365: return rng.pick(["been using relay for a few months", "customer since earlier this year", "we've been on relay a while"])
            default: return rng.pick(["customer for over a year", "long time user", "been with you for years", "we've used relay since 2024"])
            }
        },
        "sdk": { rng, facts in rng.pick([facts.stack.sdk, facts.stack.sdk, facts.stack.package, "\(facts.stack.language) sdk", "the \(facts.stack.language) library"]) },
        "package": { _, facts in facts.stack.package },
        "lang": { _, facts in facts.stack.language },
        "framework": { _, facts in facts.stack.framework },
        "host": { _, facts in facts.stack.host },
        "event": { _, facts in facts.eventType },
        "account": { _, facts in facts.accountID },
        "company": { _, facts in facts.company },
        "first_name": { _, facts in facts.firstName },
        "url": { rng, facts in EndpointURL.make(&rng, facts) },
        "email": { rng, facts in
            rng.pick([facts.firstName.lowercased(), facts.firstName.lowercased() + ".dev", "dev", "eng", "admin"]) + "@" + facts.company + rng.pick([".io", ".com", ".dev", ".co"])
        },
        "key_masked": { rng, facts in
            (facts.liveMode ? "rk_live_" : "rk_test_") + "…" + Mix.hex(rng.next(), digits: 4)
        },
        "key_prefix": { _, facts in facts.liveMode ? "rk_live_" : "rk_test_" },
        "req_id": { rng, _ in "req_" + Mix.hex(rng.next(), digits: 14) },
        "evt_id": { rng, _ in "evt_" + Mix.hex(rng.next(), digits: 16) },
        "ep_id": { rng, _ in "we_" + Mix.hex(rng.next(), digits: 12) },
        "invoice_no": { rng, facts in "RL-\(facts.day.components.year)-" + String(100_000 + rng.below(900_000)) },
        "amount": { rng, facts in
            let base = facts.mrr > 0 ? facts.mrr : Double(rng.pick([29, 49, 99, 149]))
            return "$" + Int(base).description + (rng.chance(0.5) ? ".00" : "")
        },
        "n_small": { rng, _ in String(rng.int(in: 2...9)) },
        "n_events": { rng, _ in String(rng.pick([12, 40, 150, 300, 1_200, 5_000, 20_000])) },
        "minutes": { rng, _ in String(rng.pick([5, 10, 15, 20, 30, 45, 90])) },
        "status_code": { rng, _ in rng.pick(["200", "200", "201", "204", "400", "404", "500", "502", "504"]) },
        "seats": { rng, _ in String(rng.pick([3, 5, 8, 12, 25, 40, 120])) },
        "rps": { rng, _ in String(rng.pick([50, 100, 150, 250, 500, 1_000])) },
        // One identity provider per account, so a conversation names the same one throughout.
        "idp": { rng, facts in
            let providers = ["okta", "azure ad", "entra id", "google workspace", "onelogin", "jumpcloud", "auth0", "ping identity"]
            let name = providers[Int(Mix.hash(facts.accountID) % UInt64(providers.count))]
            return rng.chance(0.3) ? name.capitalized : name
        },
        "city": { rng, _ in rng.pick(SharedPhrases.cities) },
        "ticket": { _, facts in facts.ticketID },
        "key_full": { rng, facts in (facts.liveMode ? "rk_live_" : "rk_test_") + Mix.hex(rng.next(), digits: 16) + Mix.hex(rng.next(), digits: 8) },
        "version": { rng, _ in "\(rng.int(in: 3...4)).\(rng.int(in: 0...9)).\(rng.int(in: 0...12))" },
    ]
}

/// Plausible customer endpoint URLs: ngrok tunnels, localhost, and production routes.
enum EndpointURL {
    static func make(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let path = rng.pick(["/webhooks/relay", "/api/webhooks", "/hooks/relay", "/api/relay/events", "/webhook", "/v1/events/incoming", "/relay-webhook"])
        switch rng.below(5) {
        case 0: return "https://" + Mix.hex(rng.next(), digits: 8) + ".ngrok-free.app" + path
        case 1: return "http://localhost:" + rng.pick(["3000", "8000", "8080", "5000", "4000"]) + path
        case 2: return "https://api." + facts.company + ".com" + path
        case 3: return "https://" + facts.company + "-staging." + rng.pick(["vercel.app", "herokuapp.com", "fly.dev", "onrender.com"]) + path
        default: return "https://" + facts.company + ".com" + path
        }
    }
}
