import ConvoBase
import ConvoModel

/// The example harness's tools (`prompts/harness.yaml#tools.*`) as the agent calls them: names,
/// JSON arguments and plausible results built from the conversation's facts.
enum ToolCalls {
    /// A finished tool turn, without its timestamp.
    struct Call {
        var name: String
        var arguments: JSONValue
        var result: String
        var latencyMs: Int
    }

    static func make(_ use: ToolUse, intent: CompiledIntent, facts: ConversationFacts, userText: String, _ rng: inout SeededRandom) -> Call {
        switch use {
        case .searchDocs:
            let query: String
            if !intent.searchQueries.isEmpty, rng.chance(0.7) {
                query = intent.searchQueries[rng.below(intent.searchQueries.count)].render(&rng, SlotResolver(local: intent.slots, facts: facts))
            } else {
                query = queryFromUserText(userText)
            }
            return searchDocs(query: query, feature: intent.spec.intent.feature, &rng)
        case .checkSettings(let area):
            return checkSettings(area: area, intentID: intent.spec.intent.id, facts: facts, &rng)
        case .rateLimitUsage:
            return rateLimitUsage(facts: facts, &rng)
        case .listInvoices:
            return listInvoices(facts: facts, &rng)
        case .createTicket:
            return createTicket(subject: intent.spec.intent.title, facts: facts, &rng)
        }
    }

    /// Models often search with the user's own first words.
    static func queryFromUserText(_ text: String) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "\n" }).prefix(8)
        return words.joined(separator: " ").lowercased()
    }

    static func searchDocs(query: String, feature: String, _ rng: inout SeededRandom) -> Call {
        var pages = docPages[feature] ?? []
        pages += docPages["general"] ?? []
        var chosen: [(String, String)] = []
        var remaining = pages
        for _ in 0..<min(3, remaining.count) {
            chosen.append(remaining.remove(at: rng.below(remaining.count)))
        }
        var lines: [String] = []
        for (index, page) in chosen.enumerated() {
            let score = Double(Int((0.9 - Double(index) * 0.11 - rng.unit() * 0.05) * 100)) / 100
            lines.append("\(index + 1). \(page.0) (docs.relay.dev\(page.1)) score=\(JSONWriter.format(score))")
        }
        let topK = rng.chance(0.8) ? 3 : 5
        return Call(name: "search_docs", arguments: .object(["query": .string(query), "top_k": .int(Int64(topK))]),
                    result: lines.joined(separator: "\n"), latencyMs: latency(median: 320, &rng))
    }

    static func checkSettings(area: String, intentID: String, facts: ConversationFacts, _ rng: inout SeededRandom) -> Call {
        var result: [String: JSONValue]
        switch area {
        case "webhooks":
            // The seed story: accounts asking why nothing fires never switched webhooks on.
            let enabled = intentID != "webhook-not-firing" || rng.chance(0.05)
            result = [
                "webhooks_enabled": .bool(enabled),
                "endpoints": .array([.object([
                    "url": .string(EndpointURL.make(&rng, facts)),
                    "status": .string(enabled ? rng.pick(["active", "active", "failing"]) : "active"),
                    "events": .array([.string(facts.eventType)]),
                ])]),
                "last_delivery_at": enabled ? .string(facts.day.start.adding(milliseconds: Int64(rng.below(86_400_000))).iso8601) : .null,
            ]
        case "api_keys":
            result = [
                "mode": .string(facts.liveMode ? "live" : "test"),
                "keys": .array([
                    .object(["prefix": .string("rk_test_…" + Mix.hex(rng.next(), digits: 4)), "last_used": .null]),
                    .object(["prefix": .string("rk_live_…" + Mix.hex(rng.next(), digits: 4)), "last_used": rng.chance(0.5) ? .null : .string(facts.day.iso8601)]),
                ]),
            ]
        case "environments":
            result = ["live_mode_enabled": .bool(facts.plan != .free), "endpoints": .object(["test": .int(Int64(rng.int(in: 1...3))), "live": .int(Int64(rng.int(in: 0...1)))])]
        case "billing":
            result = ["plan": .string(facts.plan.rawValue), "status": .string("active"), "mrr": .double(facts.mrr)]
            if facts.plan == .trial { result["trial_ends"] = .string(facts.day.adding(days: max(0, 14 - facts.accountAgeDays)).iso8601) }
        case "team":
            result = [
                "members": .int(Int64(rng.int(in: 1...9))),
                "pending_invites": .array([.object(["status": .string(rng.pick(["sent", "bounced", "expired"])), "sent_at": .string(facts.day.adding(days: -rng.int(in: 0...4)).iso8601)])]),
            ]
        case "sso":
            result = ["saml_enabled": .bool(rng.chance(0.3)), "scim_enabled": .bool(false), "enforced": .bool(false)]
        default:
            result = ["area": .string(area)]
        }
        return Call(name: "check_settings", arguments: .object(["account_id": .string(facts.accountID), "area": .string(area)]),
                    result: JSONValue.object(result).jsonText, latencyMs: latency(median: 140, &rng))
    }

    static func rateLimitUsage(facts: ConversationFacts, _ rng: inout SeededRandom) -> Call {
        let limit: Int
        switch facts.plan {
        case .free: limit = 10
        case .trial: limit = 25
        case .pro: limit = 100
        case .enterprise: limit = 500
        }
        let peak = Int(Double(limit) * (1.1 + rng.unit() * 1.6))
        let window = rng.pick(["1h", "24h", "24h", "7d"])
        let result = JSONValue.object([
            "limit_per_second": .int(Int64(limit)),
            "peak_per_second": .int(Int64(peak)),
            "throttled_requests": .int(Int64(rng.int(in: 40...25_000))),
            "window": .string(window),
        ])
        return Call(name: "get_rate_limit_usage", arguments: .object(["account_id": .string(facts.accountID), "window": .string(window)]),
                    result: result.jsonText, latencyMs: latency(median: 180, &rng))
    }

    static func listInvoices(facts: ConversationFacts, _ rng: inout SeededRandom) -> Call {
        let count = rng.int(in: 2...4)
        let amount = facts.mrr > 0 ? facts.mrr : Double(rng.pick([29, 49, 99]))
        var lines: [String] = []
        for month in 0..<count {
            let day = facts.day.adding(days: -30 * month - rng.int(in: 0...3))
            let status = month == 0 && rng.chance(0.2) ? "open" : "paid"
            lines.append("in_\(Mix.hex(rng.next(), digits: 10))  \(day.iso8601)  $\(JSONWriter.format(amount))  \(status)")
        }
        return Call(name: "list_invoices", arguments: .object(["account_id": .string(facts.accountID), "limit": .int(Int64(count))]),
                    result: lines.joined(separator: "\n"), latencyMs: latency(median: 260, &rng))
    }

    static func createTicket(subject: String, facts: ConversationFacts, _ rng: inout SeededRandom) -> Call {
        let priority = facts.plan == .enterprise ? "high" : rng.pick(["normal", "normal", "high"])
        let arguments = JSONValue.object([
            "account_id": .string(facts.accountID), "subject": .string(subject), "priority": .string(priority),
        ])
        let result = JSONValue.object(["ticket": .string(facts.ticketID), "status": .string("open")])
        return Call(name: "create_ticket", arguments: arguments, result: result.jsonText, latencyMs: latency(median: 420, &rng))
    }

    static func latency(median: Double, _ rng: inout SeededRandom) -> Int {
        max(15, Int(rng.logNormal(median: median, sigma: 0.55)))
    }

    /// Documentation pages by feature, for `search_docs` results.
    static let docPages: [String: [(String, String)]] = [
        "webhooks": [("Webhooks: getting started", "/webhooks"), ("Delivery and retries", "/webhooks/retries"), ("Verifying signatures", "/webhooks/signatures"),
                     ("Testing webhooks locally", "/webhooks/local-testing"), ("Event types", "/events/types")],
        "api-keys": [("API keys", "/keys"), ("Authentication", "/api/authentication"), ("Rolling keys", "/keys/rolling")],
        "sdk": [("Install the SDK", "/sdks/install"), ("SDK v4 migration guide", "/sdks/migrate-v4"), ("Supported runtimes", "/sdks/runtimes")],
        "environments": [("Test and live mode", "/environments"), ("Going live checklist", "/go-live"), ("Management API", "/api/management")],
        "rate-limits": [("Rate limits", "/rate-limits"), ("Batching events", "/api/batch"), ("Handling 429 responses", "/rate-limits/429")],
        "api": [("Errors", "/api/errors"), ("Idempotent requests", "/api/idempotency"), ("Calling the API from a browser", "/api/cors")],
        "billing": [("Plans and pricing", "/billing/plans"), ("Invoices", "/billing/invoices"), ("Refund policy", "/billing/refunds"), ("Usage and overages", "/billing/usage")],
        "team": [("Inviting teammates", "/team/invites"), ("Roles", "/team/roles"), ("SAML SSO", "/team/sso"), ("SCIM", "/team/scim")],
        "data": [("Exporting data", "/data/export"), ("Data retention", "/data/retention"), ("GDPR", "/privacy/gdpr")],
        "security": [("Security overview", "/security"), ("Webhook IP addresses", "/webhooks/ips")],
        "account": [("Signing in", "/account/sign-in"), ("Two-factor authentication", "/account/2fa"), ("Deleting your account", "/account/delete")],
        "support": [("Contact support", "/support")],
        "general": [("Quickstart", "/quickstart"), ("FAQ", "/faq")],
    ]
}
