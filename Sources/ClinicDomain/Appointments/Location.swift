import Foundation

/// The kind of place the truck parks at.
public enum LocationType: String, CaseIterable, Codable, Sendable {
    case policeStation = "police station"
    case sapsUnit = "SAPS unit"
    case communityVenue = "community venue"
    case other

    /// Parses the type's name or its first letter (`p`, `s`, `c`, `o`), any case.
    /// Otherwise the start of the name or of one of its words, when only one type has it
    /// ("police", "community", "saps").
    public init?(typed text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !text.isEmpty else { return nil }
        if let match = Self.allCases.first(where: {
            $0.rawValue.lowercased() == text || $0.rawValue.lowercased().prefix(1) == text
        }) {
            self = match
            return
        }
        let starting = Self.allCases.filter { type in
            type.rawValue.lowercased().hasPrefix(text)
                || type.rawValue.lowercased().split(separator: " ").contains { $0.hasPrefix(text) }
        }
        guard starting.count == 1 else { return nil }
        self = starting[0]
    }
}

/// A site as typed on the location form, checked.
public struct LocationDetails: Sendable {
    public let name: String
    public let type: LocationType
    public let province: Province
    public let address: String
    public let contact: String
    /// Latitude and longitude in decimal degrees, when known.
    public let gps: (latitude: Double, longitude: Double)?

    /// The form's fields.
    public typealias Field = LocationField

    /// Checks typed values: name, type and province are required; GPS, when given, is
    /// `latitude, longitude` inside South Africa (latitude −22 to −35, longitude 16 to 33).
    public static func validate(_ values: [String: String]) -> Result<LocationDetails, FieldProblems> {
        func value(_ id: Field) -> String { (values[id.rawValue] ?? "").trimmingCharacters(in: .whitespaces) }
        var problems: [FieldProblem] = []
        if value(.name).isEmpty { problems.append(FieldProblem(LocationField.name, "The location's name is required")) }
        let type = LocationType(typed: value(.type))
        if type == nil {
            problems.append(
                FieldProblem(LocationField.type, "Type is police station (p), SAPS unit (s), community venue (c) or other (o)"))
        }
        let province = Province(typed: value(.province))
        if province == nil { problems.append(FieldProblem(LocationField.province, Province.problem)) }
        var gps: (Double, Double)?
        if !value(.gps).isEmpty {
            let parts = value(.gps).split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, let latitude = parts[0], let longitude = parts[1], (-35.0 ... -22.0).contains(latitude),
                (16.0...33.0).contains(longitude)
            {
                gps = (latitude, longitude)
            } else {
                problems.append(
                    FieldProblem(LocationField.gps, "GPS is 'latitude, longitude' in South Africa, e.g. -25.7479, 28.2293"))
            }
        }
        guard problems.isEmpty, let type, let province else { return .failure(FieldProblems(problems)) }
        return .success(
            LocationDetails(
                name: value(.name), type: type, province: province, address: value(.address),
                contact: value(.contact), gps: gps))
    }
}
