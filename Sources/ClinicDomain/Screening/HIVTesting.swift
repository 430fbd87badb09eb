/// A rapid HIV test's reading.
public enum RapidTestResult: String, CaseIterable, Codable, Sendable {
    case reactive, nonReactive = "non-reactive", invalid
}

/// The final HIV result given to the client.
public enum HIVResult: String, CaseIterable, Codable, Sendable {
    case negative, positive, inconclusive
}

/// Where the serial rapid-test algorithm stands after the tests done so far.
public enum HTSStep: Equatable, Sendable {
    /// Run this test next (1 screening, 2 confirmatory; a repeat of both in parallel when
    /// the first two disagree; an invalid test is run again).
    case runScreeningTest
    case runConfirmatoryTest
    case repeatBothTests
    /// The algorithm has an answer.
    case result(HIVResult)
}

/// The SA HIV testing services algorithm for rapid tests in series: a non-reactive screening
/// test is negative; a reactive one is confirmed with a second, different test; both reactive
/// is positive; when they disagree, both are repeated in parallel, and if they disagree again
/// the result is inconclusive and a blood sample goes to the laboratory. An invalid test is
/// repeated with a new kit. Source: National HIV Testing Services Policy, NDoH 2016, and its
/// rapid-test algorithm (serial testing, discordant results).
public enum HTSAlgorithm {
    /// The next step after `tests`, in the order done: the screening test, the confirmatory
    /// test, then the repeats (screening, confirmatory). Invalid readings are dropped: the
    /// same test is run again.
    public static func next(after tests: [RapidTestResult]) -> HTSStep {
        let valid = tests.filter { $0 != .invalid }
        switch valid.count {
        case 0: return .runScreeningTest
        case 1: return valid[0] == .nonReactive ? .result(.negative) : .runConfirmatoryTest
        case 2:
            if valid[1] == .reactive { return .result(.positive) }
            return .repeatBothTests
        case 3: return .repeatBothTests
        default:
            switch (valid[2], valid[3]) {
            case (.reactive, .reactive): return .result(.positive)
            case (.nonReactive, .nonReactive): return .result(.negative)
            default: return .result(.inconclusive)
            }
        }
    }
}

/// What HTS records of a client's consent: pre-test information given, then yes or no.
/// A decline is recorded too, and stops the testing.
public enum HTSConsent: String, Codable, Sendable {
    case given, declined

    /// Whether testing may go on.
    public var allowsTesting: Bool { self == .given }
}

/// The two rapid-test kits of the serial algorithm, by their formulary item codes: a
/// screening test and a different confirmatory test.
public enum HTSKit: String, CaseIterable, Codable, Sendable {
    case screening = "HIVRT1", confirmatory = "HIVRT2"

    /// "screening kit", "confirmatory kit".
    public var title: String { self == .screening ? "screening kit" : "confirmatory kit" }
    /// "Screening kit", "Confirmatory kit".
    public var heading: String { self == .screening ? "Screening kit" : "Confirmatory kit" }
}

/// One rapid test as done: its reading and the kit it used, from which batch.
public struct HIVKitTest: Codable, Equatable, Sendable {
    public let kit: HTSKit
    public let batchId: Int64
    public let lot: String
    public let expiry: String
    public let reading: RapidTestResult

    public init(kit: HTSKit, batchId: Int64, lot: String, expiry: String, reading: RapidTestResult) {
        self.kit = kit
        self.batchId = batchId
        self.lot = lot
        self.expiry = expiry
        self.reading = reading
    }
}
