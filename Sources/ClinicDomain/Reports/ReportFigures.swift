// The figures reports, the dashboard and the claims export are made of: plain values the
// store reads and the services and screens show.

/// One figure of a report: a measure counted for one site on one day, optionally per code
/// (an ICD-10 code, a medicine, a referral kind).
public struct ReportRow: Equatable, Sendable, Decodable {
    /// The SAST day, `YYYY-MM-DD`.
    public var day: String
    public var site: String
    /// `visits`, `closed`, `cancelled`, `diagnosis`, `prescription`, `referral`, `screened`,
    /// `screening` (code the test, description the finding), `hiv test` (code the result),
    /// `hiv linked` or `stock used`.
    public var measure: String
    public var code: String
    public var description: String
    /// How many (visits, diagnoses, prescriptions, referrals, dispensings).
    public var count: Int
    /// Units, where the measure has them (prescribed or dispensed quantity), else nil.
    public var quantity: Int?
}

/// A diagnosis code and how often it was made.
public struct DiagnosisCount: Equatable, Sendable, Decodable {
    public var code: String
    public var title: String
    public var count: Int
}

/// A closed visit as the scheme's claim needs it.
public struct ClaimVisit: Equatable, Sendable, Decodable {
    public var visitId: String
    public var folderNumber: String
    public var membershipNumber: String?
    public var dependantCode: String?
    /// The SAST day the visit took place, `YYYY-MM-DD`.
    public var serviceDate: String
    public var site: String
    /// When the visit was first exported as a claim, nil if never.
    public var exportedAt: String?
}

/// A medicine dispensed at a visit, summed over the batches it came from.
public struct DispensedItem: Equatable, Sendable, Decodable {
    public var visitId: String
    public var itemCode: String
    public var nappi: String
    public var description: String
    public var quantity: Int
}
