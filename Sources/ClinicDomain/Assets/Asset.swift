import Foundation

/// Where a piece of equipment stands. Retired is final.
public enum AssetStatus: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case inService = "in service"
    case underRepair = "under repair"
    case retired

    public var description: String { rawValue }

    /// Parses what a person types: the status name or its first letter (`i`, `u`, `r`).
    public init?(typed text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue == text || String($0.rawValue.prefix(1)) == text }) else {
            return nil
        }
        self = match
    }

    /// Whether equipment may move from this status to `next`: any change except leaving
    /// retirement, and not to the same status.
    public func canChange(to next: AssetStatus) -> Bool { self != .retired && next != self }
}

/// A piece of equipment as typed on the register form, checked.
public struct AssetDetails: Equatable, Sendable {
    public let type: String
    public let make: String
    public let model: String
    public let serial: String
    public let location: String
    public let nextService: CalendarDate?

    /// The form's field ids, in order.
    /// The form's fields.
    public typealias Field = AssetField

    public init(type: String, make: String, model: String, serial: String, location: String, nextService: CalendarDate?) {
        self.type = type
        self.make = make
        self.model = model
        self.serial = serial
        self.location = location
        self.nextService = nextService
    }

    /// Checks typed values: type, serial and location are required; the next service date,
    /// when given, is a real date. A past date is accepted: equipment can arrive already
    /// overdue, and then shows as an overdue alert. Every problem is reported at once.
    public static func validate(_ values: [String: String]) -> Result<AssetDetails, FieldProblems> {
        func value(_ id: Field) -> String { (values[id.rawValue] ?? "").trimmingCharacters(in: .whitespaces) }
        var problems: [FieldProblem] = []
        for (id, name) in [(Field.type, "type"), (.serial, "serial number"), (.location, "truck or location")]
        where value(id).isEmpty {
            problems.append(FieldProblem(id, "The \(name) is required"))
        }
        let next = nextService(value(.nextService), today: nil)
        if case .failure(let dateProblems) = next { problems += dateProblems.problems }
        guard problems.isEmpty, case .success(let date) = next else { return .failure(FieldProblems(problems)) }
        return .success(
            AssetDetails(
                type: value(.type), make: value(.make), model: value(.model), serial: value(.serial),
                location: value(.location), nextService: date))
    }

    /// A typed next service date: none when empty, else a real date; with `today` (recording
    /// a service just done, which sets the next one ahead), not before it.
    public static func nextService(_ typed: String, today: CalendarDate?) -> Result<CalendarDate?, FieldProblems> {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .success(nil) }
        guard let date = CalendarDate(typed: text) else {
            return .failure(FieldProblems([FieldProblem(AssetField.nextService, "Next service must be a real date, YYYY-MM-DD")]))
        }
        if let today, date < today {
            return .failure(
                FieldProblems([
                    FieldProblem(
                        AssetField.nextService,
                        "The next service date \(date) is in the past; a service sets the next one ahead")
                ]))
        }
        return .success(date)
    }
}

/// Equipment whose service or calibration needs attention.
public struct AssetAlert: Equatable, Sendable, CustomStringConvertible {
    public let asset: String
    public let due: CalendarDate
    /// Days until due; negative when overdue.
    public let days: Int

    public var description: String {
        days < 0
            ? "SERVICE OVERDUE  \(asset): due \(due) (\(-days) days ago)"
            : "SERVICE DUE ≤30d  \(asset): due \(due)"
    }
}

/// Service-due rules: equipment in service or under repair with a service date within
/// 30 days (or past) is flagged, the most overdue first; retired equipment never is.
public enum AssetAlertRules {
    /// How many days ahead a coming service is flagged.
    public static let window = 30

    public static func alerts(
        _ assets: [(name: String, status: AssetStatus, nextService: CalendarDate?)],
        today: CalendarDate
    ) -> [AssetAlert] {
        assets.compactMap { asset in
            guard asset.status != .retired, let due = asset.nextService else { return nil }
            let days = today.days(until: due)
            return days <= window ? AssetAlert(asset: asset.name, due: due, days: days) : nil
        }.sorted { ($0.days, $0.asset) < ($1.days, $1.asset) }
    }
}
