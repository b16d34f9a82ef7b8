import ConvoBase
import Foundation

/// What users paste into a support chat: HTTP responses, stack traces, logs, JSON, card
/// statements. Pastes are never given typos; their ids and numbers are random, so no two
/// conversations paste the same bytes.
enum Paste: String, Sendable, CaseIterable {
    case unauthorized
    case rateLimited
    case signatureMismatch
    case installFailure
    case deliveryLog
    case duplicateDeliveries
    case eventPayload
    case serverError
    case timeout
    case cors
    case wrongEnvironment
    case sdkUpgradeError
    case samlError
    case loginError
    case cardStatement
    case planResponse
    case curlRequest
    case inviteError
    case exportError

    /// Whether this is an error people paste instead of describing the problem.
    var isError: Bool {
        switch self {
        case .eventPayload, .curlRequest, .cardStatement, .duplicateDeliveries, .planResponse: return false
        default: return true
        }
    }

    /// A short lead-in people type before a paste of this kind.
    static func leadIns(for kind: Paste) -> [String] {
        switch kind {
        case .eventPayload: return ["", "payload:", "the event looks like this:", "example event:", "here's one:", "fwiw:"]
        case .curlRequest: return ["", "my request:", "this is what we send:", "here's my curl:", "request:", "fwiw:"]
        case .cardStatement: return ["", "from the statement:", "see:", "statement:", "look:"]
        case .duplicateDeliveries: return ["", "our logs:", "see:", "look at this:", "from our db:"]
        case .planResponse: return ["", "the api says:", "GET /v1/account returns:", "see:"]
        default:
            return ["getting this:", "error:", "here's the response:", "logs:", "this is what I get:", "", "", "see below",
                    "output:", "stack trace:", "pasting the error:", "fwiw:", "here:", "console says:"]
        }
    }

    func render(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        switch self {
        case .unauthorized: return Paste.unauthorized(&rng, facts)
        case .rateLimited: return Paste.rateLimited(&rng, facts)
        case .signatureMismatch: return Paste.signatureMismatch(&rng, facts)
        case .installFailure: return Paste.installFailure(&rng, facts)
        case .deliveryLog: return Paste.deliveryLog(&rng, facts)
        case .duplicateDeliveries: return Paste.duplicateDeliveries(&rng, facts)
        case .eventPayload: return Paste.eventPayload(&rng, facts)
        case .serverError: return Paste.serverError(&rng, facts)
        case .timeout: return Paste.timeout(&rng, facts)
        case .cors: return Paste.cors(&rng, facts)
        case .wrongEnvironment: return Paste.wrongEnvironment(&rng, facts)
        case .sdkUpgradeError: return Paste.sdkUpgradeError(&rng, facts)
        case .samlError: return Paste.samlError(&rng, facts)
        case .loginError: return Paste.loginError(&rng, facts)
        case .cardStatement: return Paste.cardStatement(&rng, facts)
        case .planResponse: return Paste.planResponse(&rng, facts)
        case .curlRequest: return Paste.curlRequest(&rng, facts)
        case .inviteError: return Paste.inviteError(&rng, facts)
        case .exportError: return Paste.exportError(&rng, facts)
        }
    }

    // MARK: Pieces

    static func hex(_ rng: inout SeededRandom, _ digits: Int) -> String { Mix.hex(rng.next(), digits: digits) }

    static func requestID(_ rng: inout SeededRandom) -> String { "req_" + hex(&rng, 14) }

    static func time(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        facts.day.start.adding(milliseconds: Int64(rng.below(86_400_000))).iso8601
    }

    static func errorJSON(type: String, code: String?, message: String, _ rng: inout SeededRandom) -> String {
        var error: [String: JSONValue] = ["type": .string(type), "message": .string(message), "request_id": .string(requestID(&rng))]
        if let code { error["code"] = .string(code) }
        let value = JSONValue.object(["error": .object(error)])
        return rng.chance(0.5) ? value.jsonText : pretty(value)
    }

    /// Two-space indented JSON with sorted keys, the way browsers' dev tools copy it.
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        switch value {
        case .object(let object):
            guard !object.isEmpty else { return "{}" }
            let inner = indent + "  "
            let members = object.keys.sorted().map { key in inner + JSONValue.string(key).jsonText + ": " + pretty(object[key] ?? .null, indent: inner) }
            return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            let inner = indent + "  "
            return "[\n" + items.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return value.jsonText
        }
    }

    static func stackFrames(_ facts: ConversationFacts, _ rng: inout SeededRandom, sdkFile: String, appFile: String) -> String {
        switch facts.stack.language {
        case "python":
            return """
            Traceback (most recent call last):
              File "/app/\(appFile).py", line \(rng.int(in: 12...240)), in \(rng.pick(["handle", "post", "webhook", "sync_orders", "main"]))
                \(rng.pick(["client.events.send(payload)", "relay.Webhook.construct_event(body, sig, secret)", "resp = client.request(\"POST\", path)"]))
              File "/usr/local/lib/python3.\(rng.int(in: 9...12))/site-packages/relay/\(sdkFile).py", line \(rng.int(in: 40...400)), in \(rng.pick(["request", "verify", "_handle_error"]))
            """
        case "go":
            return """
            goroutine \(rng.int(in: 1...80)) [running]:
            github.com/relayhq/relay-go/v\(rng.int(in: 3...4)).(*Client).\(rng.pick(["Do", "Send", "Verify"]))(...)
            \t/go/pkg/mod/github.com/relayhq/relay-go/v4@v4.\(rng.int(in: 0...6)).\(rng.int(in: 0...9))/\(sdkFile).go:\(rng.int(in: 30...300))
            main.\(rng.pick(["handler", "sendEvent", "main"]))()
            \t/src/\(appFile).go:\(rng.int(in: 10...200)) +0x\(hex(&rng, 3))
            """
        case "ruby":
            return """
            /usr/local/bundle/gems/relay-ruby-\(rng.int(in: 2...3)).\(rng.int(in: 0...9)).0/lib/relay/\(sdkFile).rb:\(rng.int(in: 20...200)):in `\(rng.pick(["request", "verify!", "execute"]))'
            /app/app/controllers/\(appFile)_controller.rb:\(rng.int(in: 5...80)):in `create'
            """
        case "java":
            return """
            \tat dev.relay.\(sdkFile.capitalized).\(rng.pick(["execute", "verify", "send"]))(\(sdkFile.capitalized).java:\(rng.int(in: 40...400)))
            \tat com.\(facts.company).\(appFile.capitalized)Controller.handle(\(appFile.capitalized)Controller.java:\(rng.int(in: 20...150)))
            \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)
            """
        case "php":
            return """
            #0 /var/www/vendor/relay/relay-php/src/\(sdkFile.capitalized).php(\(rng.int(in: 30...200))): Relay\\\(sdkFile.capitalized)->request()
            #1 /var/www/app/Http/Controllers/\(appFile.capitalized)Controller.php(\(rng.int(in: 10...90))): Relay\\Client->send()
            """
        case "c#":
            return """
               at Relay.Net.\(sdkFile.capitalized).SendAsync(HttpRequestMessage request) in /_/src/Relay.Net/\(sdkFile.capitalized).cs:line \(rng.int(in: 40...300))
               at \(facts.company.capitalized).Api.\(appFile.capitalized)Controller.Post() in /src/Controllers/\(appFile.capitalized)Controller.cs:line \(rng.int(in: 10...90))
            """
        default:
            return """
                at \(sdkFile.capitalized).\(rng.pick(["request", "verify", "_send"])) (/app/node_modules/@relay/node/dist/\(sdkFile).js:\(rng.int(in: 20...400)):\(rng.int(in: 5...40)))
                at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
                at async \(rng.pick(["handler", "POST", "sendEvent", "Object.<anonymous>"])) (/app/\(rng.pick(["src", "routes", "api", "lib"]))/\(appFile).\(facts.stack.language == "typescript" ? "ts" : "js"):\(rng.int(in: 8...160)):\(rng.int(in: 3...30)))
            """
        }
    }

    // MARK: Errors by kind

    static func unauthorized(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let masked = (facts.liveMode ? "rk_live_" : "rk_test_") + "****" + hex(&rng, 4)
        switch rng.below(4) {
        case 0:
            return "HTTP/1.1 401 Unauthorized\ncontent-type: application/json\n\n"
                + errorJSON(type: "authentication_error", code: "invalid_api_key", message: "Invalid API key provided: \(masked)", &rng)
        case 1:
            return errorJSON(type: "authentication_error", code: rng.pick(["invalid_api_key", "api_key_revoked", "missing_api_key"]),
                             message: rng.pick(["Invalid API key provided: \(masked)", "No API key provided. Set the Authorization header.", "This API key has been revoked."]), &rng)
        case 2:
            return "RelayAuthenticationError: Invalid API key provided: \(masked)\n" + stackFrames(facts, &rng, sdkFile: "client", appFile: rng.pick(["relay", "events", "index", "send"]))
        default:
            return "{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"Invalid API key\"}"
        }
    }

    static func rateLimited(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let limit = rng.pick([25, 100, 100, 250, 500])
        switch rng.below(4) {
        case 0:
            return """
            HTTP/2 429
            retry-after: \(rng.int(in: 1...60))
            x-ratelimit-limit: \(limit)
            x-ratelimit-remaining: 0
            x-ratelimit-reset: \(1_795_000_000 + rng.below(9_000_000))

            """ + errorJSON(type: "rate_limit_error", code: "rate_limited", message: "Too many requests. Limit: \(limit) requests per second.", &rng)
        case 1:
            switch facts.stack.language {
            case "python":
                return stackFrames(facts, &rng, sdkFile: "api_requestor", appFile: "sync") + "\nrelay.error.RateLimitError: (429) Too many requests. Limit: \(limit) requests per second."
            default:
                return "RelayRateLimitError: Too Many Requests (429)\n" + stackFrames(facts, &rng, sdkFile: "client", appFile: rng.pick(["sync", "worker", "batch", "import"]))
            }
        case 2:
            var lines: [String] = []
            for _ in 0..<rng.int(in: 3...6) {
                lines.append("\(time(&rng, facts)) POST /v1/events 429 \(rng.int(in: 8...60))ms")
            }
            return lines.joined(separator: "\n")
        default:
            return errorJSON(type: "rate_limit_error", code: nil, message: "Rate limit exceeded, retry after \(rng.int(in: 1...30))s", &rng)
        }
    }

    static func signatureMismatch(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let message = rng.pick([
            "No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Relay?",
            "Timestamp outside the tolerance zone",
            "Unable to extract timestamp and signatures from header",
            "Webhook signature verification failed",
            "Invalid signature: expected v1 signature not found",
        ])
        switch facts.stack.language {
        case "python":
            return stackFrames(facts, &rng, sdkFile: "webhook", appFile: "webhooks") + "\nrelay.error.SignatureVerificationError: \(message)"
        case "go":
            return "relay: webhook: \(message)\n" + stackFrames(facts, &rng, sdkFile: "webhook", appFile: "hooks")
        default:
            return "WebhookSignatureVerificationError: \(message)\n" + stackFrames(facts, &rng, sdkFile: "webhooks", appFile: rng.pick(["webhook", "hooks", "relay-webhook"]))
                + (rng.chance(0.4) ? "\n\nrelay-signature header: t=\(1_795_000_000 + rng.below(9_000_000)),v1=\(hex(&rng, 16))\(hex(&rng, 16))" : "")
        }
    }

    static func installFailure(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        switch facts.stack.language {
        case "python":
            return rng.pick([
                "ERROR: Could not find a version that satisfies the requirement relay-sdk==4.\(rng.int(in: 0...3)).0 (from versions: 3.8.2, 3.9.0, 3.9.1)\nERROR: No matching distribution found for relay-sdk==4.\(rng.int(in: 0...3)).0",
                "ModuleNotFoundError: No module named 'relay'",
                "ImportError: cannot import name 'Webhook' from 'relay' (/usr/local/lib/python3.\(rng.int(in: 8...12))/site-packages/relay/__init__.py)",
                "error: subprocess-exited-with-error\n  × Building wheel for cryptography (pyproject.toml) did not run successfully.",
            ])
        case "go":
            return "go: github.com/relayhq/relay-go/v4@v4.\(rng.int(in: 0...6)).0: reading github.com/relayhq/relay-go/go.mod at revision v4.\(rng.int(in: 0...6)).0: unknown revision"
        case "ruby":
            return "Bundler could not find compatible versions for gem \"faraday\":\n  In Gemfile:\n    relay-ruby (~> 3.0) was resolved to 3.\(rng.int(in: 0...4)).0, which depends on\n      faraday (>= 2.0)"
        case "php":
            return "Your requirements could not be resolved to an installable set of packages.\n  Problem 1\n    - relay/relay-php 4.\(rng.int(in: 0...3)).0 requires php >=8.1 -> your php version (7.4.33) does not satisfy that requirement."
        case "java":
            return "Could not resolve dependencies for project com.\(facts.company):api:jar:1.0: Could not find artifact dev.relay:relay-java:jar:4.\(rng.int(in: 0...3)).0 in central"
        case "c#":
            return "error NU1101: Unable to find package Relay.Net. No packages exist with this id in source(s): Microsoft Visual Studio Offline Packages"
        default:
            return rng.pick([
                "npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\nnpm ERR! Found: typescript@4.\(rng.int(in: 5...9)).\(rng.int(in: 2...5))\nnpm ERR! Could not resolve dependency:\nnpm ERR! peer typescript@\">=5.0\" from @relay/node@4.\(rng.int(in: 0...4)).\(rng.int(in: 0...9))",
                "Error: Cannot find module '@relay/node'\nRequire stack:\n- /app/src/relay.js",
                "TypeError: Relay is not a constructor",
                "SyntaxError: Cannot use import statement outside a module",
                "npm ERR! 404 Not Found - GET https://registry.npmjs.org/@relay%2fsdk - Not found",
            ])
        }
    }

    static func deliveryLog(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        var lines: [String] = []
        let event = "evt_" + hex(&rng, 12)
        for attempt in 1...rng.int(in: 2...5) {
            let outcome = rng.pick(["504 Gateway Timeout (10002ms)", "timeout after 10s", "connection refused", "500 Internal Server Error (87ms)", "502 Bad Gateway (30011ms)", "SSL handshake failed"])
            lines.append("\(time(&rng, facts))  \(event)  \(facts.eventType)  attempt \(attempt)  → \(outcome)")
        }
        return lines.joined(separator: "\n")
    }

    static func duplicateDeliveries(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let event = "evt_" + hex(&rng, 12)
        let first = time(&rng, facts)
        return rng.chance(0.5)
            ? "[\(first)] received \(facts.eventType) \(event)\n[\(first)] received \(facts.eventType) \(event)\n[\(time(&rng, facts))] received \(facts.eventType) \(event)"
            : "SELECT relay_event_id, count(*) FROM processed_events GROUP BY 1 HAVING count(*) > 1;\n \(event) | \(rng.int(in: 2...4))\n evt_\(hex(&rng, 12)) | 2"
    }

    static func eventPayload(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let value = JSONValue.object([
            "id": .string("evt_" + hex(&rng, 16)),
            "type": .string(facts.eventType),
            "created": .int(Int64(1_795_000_000 + rng.below(9_000_000))),
            "livemode": .bool(facts.liveMode),
            "data": .object(["object": .object(["id": .string(rng.pick(["ord_", "usr_", "inv_", "msg_"]) + hex(&rng, 10)),
                                                 "status": .string(rng.pick(["created", "paid", "failed", "delivered", "updated"]))])]),
        ])
        return rng.chance(0.5) ? value.jsonText : pretty(value)
    }

    static func serverError(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        switch rng.below(3) {
        case 0: return "HTTP/1.1 \(rng.pick(["500 Internal Server Error", "502 Bad Gateway", "503 Service Unavailable"]))\n" + errorJSON(type: "api_error", code: nil, message: "An unexpected error occurred. Please retry.", &rng)
        case 1: return "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>"
        default: return "RelayAPIError: Service Unavailable (503)\n" + stackFrames(facts, &rng, sdkFile: "client", appFile: "send")
        }
    }

    static func timeout(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        switch facts.stack.language {
        case "python": return "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.relay.dev', port=443): Read timed out. (read timeout=\(rng.pick([10, 30, 60])))"
        case "go": return "Post \"https://api.relay.dev/v1/events\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"
        default: return "Error: connect ETIMEDOUT \(rng.int(in: 3...54)).\(rng.int(in: 1...254)).\(rng.int(in: 1...254)).\(rng.int(in: 1...254)):443\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)"
        }
    }

    static func cors(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        "Access to fetch at 'https://api.relay.dev/v1/\(rng.pick(["events", "messages", "endpoints"]))' from origin '\(rng.pick(["http://localhost:3000", "http://localhost:5173", "https://\(facts.company).com"]))' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."
    }

    static func wrongEnvironment(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        errorJSON(type: "invalid_request_error", code: "resource_missing",
                  message: rng.pick([
                      "No such endpoint: 'we_\(hex(&rng, 12))'; a similar object exists in test mode, but a live mode key was used to make this request.",
                      "No such event: 'evt_\(hex(&rng, 12))'; a similar object exists in live mode, but a test mode key was used to make this request.",
                  ]), &rng)
    }

    static func sdkUpgradeError(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        switch facts.stack.language {
        case "python": return stackFrames(facts, &rng, sdkFile: "client", appFile: "relay_client") + "\nTypeError: Client.__init__() got an unexpected keyword argument 'api_version'"
        case "go": return "./main.go:\(rng.int(in: 10...90)):\(rng.int(in: 5...30)): client.Events.Send undefined (type *relay.Client has no field or method Events)"
        default: return "TypeError: \(rng.pick(["relay.events.send is not a function", "Cannot read properties of undefined (reading 'create')", "client.webhooks.constructEvent is not a function"]))\n" + stackFrames(facts, &rng, sdkFile: "index", appFile: "relay")
        }
    }

    static func samlError(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        rng.pick([
            "SAML response error: InResponseTo mismatch",
            "Invalid SAML response: audience restriction not met (expected https://app.relay.dev/saml/\(facts.accountID))",
            "Error: The signature of the SAML assertion could not be verified. Check the IdP certificate.",
            "400 Bad Request - SSO: user \(rng.pick(["alex", "sam", "priya", "jordan"]))@\(facts.company).com is not provisioned for this organization",
        ])
    }

    static func loginError(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        rng.pick([
            "This magic link has expired or has already been used.",
            "Invalid verification code. \(rng.int(in: 1...4)) attempts remaining.",
            "Too many login attempts. Try again in \(rng.pick([15, 30, 60])) minutes.",
            "Your session has expired. Please sign in again. (code: session_expired)",
        ])
    }

    static func cardStatement(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let amount = facts.mrr > 0 ? Int(facts.mrr) : rng.pick([29, 49, 99, 149])
        let day = facts.day.adding(days: -rng.int(in: 0...6))
        let line = "\(day.iso8601)  RELAY* \(rng.pick(["PRO PLAN", "SUBSCRIPTION", "RELAY.DEV"]))  $\(amount).00"
        return rng.chance(0.7) ? line + "\n" + line : line + "\n\(day.iso8601)  RELAY* USAGE  $\(rng.int(in: 3...90)).\(rng.int(in: 10...99))"
    }

    static func planResponse(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        JSONValue.object([
            "account": .string(facts.accountID),
            "plan": .string("free"),
            "limits": .object(["events_per_month": .int(10_000), "requests_per_second": .int(10)]),
        ]).jsonText
    }

    static func curlRequest(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        let key = (facts.liveMode ? "rk_live_" : "rk_test_") + (rng.chance(0.3) ? hex(&rng, 16) + hex(&rng, 8) : "...")
        return """
        curl -X POST https://api.relay.dev/v1/events \\
          -H "Authorization: Bearer \(key)" \\
          -H "Content-Type: application/json" \\
          -d '{"type":"\(facts.eventType)","data":{"id":"\(hex(&rng, 8))"}}'
        """
    }

    static func inviteError(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        rng.pick([
            "This invitation is invalid or has expired.",
            "Invite failed: seat limit reached for plan '\(facts.plan.rawValue)'",
            "{\"error\":\"invitation_expired\",\"message\":\"This invitation link expired after 72 hours\"}",
        ])
    }

    static func exportError(_ rng: inout SeededRandom, _ facts: ConversationFacts) -> String {
        rng.pick([
            "Export failed: request exceeds maximum range of 90 days",
            "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"date range too large for synchronous export\"}}",
            "export_\(hex(&rng, 8)).csv.gz — 0 bytes",
        ])
    }
}
