import ClinicDomain
package import ClinicStore
import Foundation

/// A piece of equipment as the register shows it.
public struct EquipmentItem: Equatable, Sendable {
    public let id: Int64
    public let type: String
    public let make: String
    public let model: String
    public let serial: String
    public let location: String
    public let status: AssetStatus
    /// When it is next due for service or calibration, nil when nothing is due.
    public let nextService: CalendarDate?

    package init(_ record: AssetRecord) {
        id = record.id ?? 0
        type = record.type
        make = record.make
        model = record.model
        serial = record.serial
        location = record.location
        status = record.assetStatus
        nextService = record.nextService.flatMap(CalendarDate.init(iso:))
    }

    /// "Glucometer Accu-Chek Instant #GL-0042".
    public var name: String { [type, make, model].filter { !$0.isEmpty }.joined(separator: " ") + " #\(serial)" }
}

/// One change in a piece of equipment's history.
public struct EquipmentEvent: Equatable, Sendable {
    public let status: String
    public let location: String
    public let nextService: CalendarDate?
    public let note: String
    public let actor: String
    public let at: Date

    package init(_ record: AssetEventRecord) {
        status = record.status
        location = record.location
        nextService = record.nextService.flatMap(CalendarDate.init(iso:))
        note = record.note
        actor = record.actor
        at = record.at.date ?? .distantPast
    }
}

/// A piece of equipment with its history, oldest first.
public struct EquipmentHistory: Equatable, Sendable {
    public let item: EquipmentItem
    public let events: [EquipmentEvent]
}
