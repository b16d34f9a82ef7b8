import ConvoBase

/// What is true about one conversation before any of its text is written: who is asking, on
/// which plan and stack, and when. Templates read these through slots so that a trial user
/// never says "we've been customers for years" and one conversation names one SDK throughout.
struct ConversationFacts: Sendable {
    var accountID: String
    var userID: String
    var plan: SimulatedPlan
    var accountAgeDays: Int
    var mrr: Double
    var company: String
    var stack: TechStack
    var eventType: String
    var day: Day
    /// Whether the user writes from the live or the test environment today.
    var liveMode: Bool
    var firstName: String
    /// The support ticket this conversation would open, so the tool result and the reply agree.
    var ticketID: String

    /// For checking templates without a conversation.
    static let placeholder = ConversationFacts(
        accountID: "acct_0", userID: "u_0", plan: .trial, accountAgeDays: 1, mrr: 0, company: "example",
        stack: TechStack.all[0], eventType: "order.created", day: Day(daysSinceEpoch: 20_000), liveMode: false,
        firstName: "Sam", ticketID: "TCK-10000")
}

/// The account's technology, fixed per account so its users stay consistent across conversations.
struct TechStack: Sendable, Hashable {
    var language: String
    var sdk: String
    var package: String
    var framework: String
    var host: String

    static let all: [TechStack] = [
        TechStack(language: "node", sdk: "node sdk", package: "@relay/node", framework: "express", host: "vercel"),
        TechStack(language: "node", sdk: "node sdk", package: "@relay/node", framework: "next.js", host: "vercel"),
        TechStack(language: "node", sdk: "node sdk", package: "@relay/node", framework: "nestjs", host: "aws lambda"),
        TechStack(language: "typescript", sdk: "ts sdk", package: "@relay/node", framework: "fastify", host: "fly.io"),
        TechStack(language: "python", sdk: "python sdk", package: "relay-sdk", framework: "django", host: "heroku"),
        TechStack(language: "python", sdk: "python sdk", package: "relay-sdk", framework: "fastapi", host: "cloud run"),
        TechStack(language: "python", sdk: "python library", package: "relay-sdk", framework: "flask", host: "render"),
        TechStack(language: "go", sdk: "go client", package: "github.com/relayhq/relay-go", framework: "gin", host: "kubernetes"),
        TechStack(language: "ruby", sdk: "ruby gem", package: "relay-ruby", framework: "rails", host: "heroku"),
        TechStack(language: "php", sdk: "php library", package: "relay/relay-php", framework: "laravel", host: "forge"),
        TechStack(language: "java", sdk: "java sdk", package: "dev.relay:relay-java", framework: "spring boot", host: "aws ecs"),
        TechStack(language: "c#", sdk: ".net sdk", package: "Relay.Net", framework: "asp.net core", host: "azure app service"),
        TechStack(language: "node", sdk: "node sdk", package: "@relay/node", framework: "remix", host: "netlify"),
        TechStack(language: "python", sdk: "python sdk", package: "relay-sdk", framework: "aws chalice", host: "aws lambda"),
    ]
}
