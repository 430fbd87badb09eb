import ClinicDomain
package import ClinicStore
import Foundation
internal import GRDB

/// What the patient's record shows of their screening: the latest result of each test, the
/// measured ones as series for trends, and raised results no one has acted on yet.
public struct ScreeningSummary: Equatable, Sendable {
    /// The latest result of each test done, in the order of `ScreeningTest`.
    public let latest: [ScreeningEntry]
    /// Values over time, oldest first, of the tests that are measurements (BP by systolic).
    public let series: [(test: ScreeningTest, values: [Double])]
    /// Raised results of visits that never reached a doctor and wrote no referral.
    public let unacted: [ScreeningEntry]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.latest == rhs.latest && lhs.unacted == rhs.unacted
            && lhs.series.map(\.test) == rhs.series.map(\.test) && lhs.series.map(\.values) == rhs.series.map(\.values)
    }

    /// The tests whose values the record draws as trends here (BP and glucose trend with the
    /// vitals, where the screening form reads them).
    static let trended: [ScreeningTest] = [.cholesterol, .waist]
}

extension ScreeningService {
    /// The record's screening summary, nil when the patient was never screened; for roles
    /// that screen.
    public func summary(patientId: String, by actor: Actor) throws -> ScreeningSummary? {
        let history = try history(patientId: patientId, by: actor)
        guard !history.isEmpty else { return nil }
        let latest = ScreeningTest.allCases.compactMap { test in history.last { $0.outcome.test == test } }
        let series = ScreeningSummary.trended.compactMap { test -> (ScreeningTest, [Double])? in
            let values = history.filter { $0.outcome.test == test }.compactMap(\.outcome.value)
            return values.isEmpty ? nil : (test, values)
        }
        let raisedVisits = Set(latest.filter { $0.outcome.finding == .raised }.map(\.visitId))
        let acted = try database.pool.read { db in
            try raisedVisits.filter { visitId in
                try VisitRepository.events(of: visitId, in: db).contains { $0.toStage == .consultation }
                    || !ReferralRecord.all(of: visitId, in: db).isEmpty
            }
        }
        return ScreeningSummary(
            latest: latest, series: series,
            unacted: latest.filter { $0.outcome.finding == .raised && !acted.contains($0.visitId) })
    }
}
