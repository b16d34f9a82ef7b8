/// A recurring reason people write to the example agent, as the simulator knows it: the ground
/// truth that clustering is scored against, and the section of the worked example it relates to.
public struct SimulatedIntent: Sendable, Hashable, Identifiable {
    /// DESIGN.md's intent kinds.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case bugReport = "bug-report"
        case featureRequest = "feature-request"
        case churnRisk = "churn-risk"
        case setupFriction = "setup-friction"
        case pricingConfusion = "pricing-confusion"
        case other
    }

    /// Where in the customer's life the intent usually comes up (DESIGN.md's stage bands).
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        case onboarding
        case activation
        case established
    }

    /// A slug, as in an intent file (`webhook-not-firing`).
    public let id: String
    public let title: String
    public let kind: Kind
    public let stage: Stage
    /// Section addresses of the worked example this intent relates to, the main one first
    /// (`prompts/support.md#webhooks`).
    public let sections: [String]
    /// The product area, also written as the conversation's `metadata.feature` most of the time.
    public let feature: String

    public init(id: String, title: String, kind: Kind, stage: Stage, sections: [String], feature: String) {
        self.id = id
        self.title = title
        self.kind = kind
        self.stage = stage
        self.sections = sections
        self.feature = feature
    }

    /// The section a fix for this intent would most likely edit.
    public var section: String { sections.first ?? "prompts/support.md" }
}

/// Plan tiers of the example product, in DESIGN.md's `plan_weights` order.
public enum SimulatedPlan: String, Sendable, Hashable, CaseIterable, Comparable {
    case free
    case trial
    case pro
    case enterprise

    public static func < (lhs: SimulatedPlan, rhs: SimulatedPlan) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// The oldest an account on this plan can be, in days: a trial lasts fourteen.
    var maximumAgeDays: Int {
        switch self {
        case .free: return 900
        case .trial: return 14
        case .pro: return 1100
        case .enterprise: return 1600
        }
    }
}
