import ConvoBase
import Foundation
import ConvoModel

/// The customer accounts behind the traffic.
///
/// An account is identified by its plan, signup day and a slot number, hashed with the seed; so
/// the same seed yields the same accounts whatever period is simulated, and a later run meets the
/// customers an earlier one did. The number of slots per signup day scales with traffic, which
/// keeps conversations per account realistic at any size.
struct AccountBook {
    struct Record {
        var id: String
        var plan: SimulatedPlan
        var signup: Day
        var churn: Day?
        var hash: UInt64
        var mrr: Double
        var company: String
        var stack: TechStack
        var users: Int
    }

    private(set) var records: [Record] = []
    private var indexByID: [String: Int] = [:]
    let seed: UInt64
    /// Conversations per day, on average: sets how many accounts exist.
    let dailyVolume: Double

    init(seed: UInt64, dailyVolume: Double) {
        self.seed = seed
        self.dailyVolume = max(dailyVolume, 1)
    }

    subscript(index: Int) -> Record { records[index] }

    /// How far apart signup days of this plan's accounts are, and how many share each.
    func grid(for plan: SimulatedPlan) -> (days: Int, slots: Int) {
        switch plan {
        case .trial: return (1, max(1, Int((dailyVolume * 0.25).rounded())))
        case .free: return (1, max(1, Int((dailyVolume * 0.08).rounded())))
        case .pro: return (1, max(1, Int((dailyVolume * 0.01).rounded())))
        case .enterprise: return (7, max(1, Int((dailyVolume * 0.003).rounded())))
        }
    }

    /// The account on `plan` that signed up about `ageDays` before `day`; returns its index.
    mutating func account(plan: SimulatedPlan, ageDays: Int, on day: Day, _ rng: inout SeededRandom) -> Int {
        let (gridDays, slots) = grid(for: plan)
        let wanted = day.daysSinceEpoch - ageDays
        let signup = Day(daysSinceEpoch: wanted - ((wanted % gridDays) + gridDays) % gridDays)
        // Skewed slot choice: a few accounts write far more often than most.
        let slot = Int(Double(slots) * pow(rng.unit(), 1.6))
        let hash = Mix.combine(Mix.combine(seed ^ 0xACC0_0000, UInt64(plan.ordinal)), Mix.combine(UInt64(bitPattern: Int64(signup.daysSinceEpoch)), UInt64(slot)))
        let id = "acct_" + Mix.hex(hash, digits: 10)
        if let index = indexByID[id] { return index }
        let record = Record(id: id, plan: plan, signup: signup, churn: nil, hash: hash, mrr: AccountBook.mrr(plan, hash),
                            company: Names.company(hash), stack: TechStack.all[Int(hash >> 20 % UInt64(TechStack.all.count))],
                            users: AccountBook.userCount(plan, hash))
        records.append(record)
        indexByID[id] = records.count - 1
        return records.count - 1
    }

    func hasChurned(_ index: Int, before day: Day) -> Bool {
        records[index].churn.map { $0 < day } ?? false
    }

    mutating func churn(_ index: Int, on day: Day) {
        if let existing = records[index].churn, existing <= day { return }
        records[index].churn = day
    }

    /// Trials that ended inside the period without converting count as churned on their last day.
    mutating func closeTrials(endingBy last: Day) {
        for index in records.indices where records[index].plan == .trial && records[index].churn == nil {
            let trialEnd = records[index].signup.adding(days: SimulatedPlan.trial.maximumAgeDays)
            if trialEnd <= last, records[index].hash % 100 < 35 {
                records[index].churn = trialEnd
            }
        }
    }

    /// A stable user of the account: the same person can come back in another conversation.
    func user(of index: Int, _ rng: inout SeededRandom) -> String {
        let record = records[index]
        let slot = Int(Double(record.users) * pow(rng.unit(), 1.4))
        return "u_" + Mix.hex(Mix.combine(record.hash, UInt64(slot) &+ 0x5EED), digits: 10)
    }

    /// Billing facts as known at the end of `last`: churn dates after it are not known yet.
    func accounts(knownBy last: Day) -> [Account] {
        records
            .map { record in
                Account(id: record.id, plan: record.plan.rawValue, mrr: record.mrr, signupDate: record.signup,
                        churnDate: record.churn.flatMap { $0 <= last ? $0 : nil })
            }
            .sorted { $0.id < $1.id }
    }

    static func mrr(_ plan: SimulatedPlan, _ hash: UInt64) -> Double {
        switch plan {
        case .free, .trial: return 0
        case .pro: return [49, 99, 99, 99, 149, 199, 299, 499][Int(hash >> 8 % 8)]
        case .enterprise: return Double(1500 + Int(hash >> 12 % 100) * 100)
        }
    }

    static func userCount(_ plan: SimulatedPlan, _ hash: UInt64) -> Int {
        let roll = Int(hash >> 32 % 1000)
        switch plan {
        case .free: return 1 + roll % 2
        case .trial: return 1 + roll % 3
        case .pro: return 1 + roll % 6
        case .enterprise: return 4 + roll % 30
        }
    }
}

extension SimulatedPlan {
    var ordinal: Int { SimulatedPlan.allCases.firstIndex(of: self) ?? 0 }
}
