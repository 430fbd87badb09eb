import ClinicDomain
import XCTest

/// The audit actions as typed values: their stored text keeps the `family.action` shape the
/// audit filter's prefix matching relies on, and every workflow step, stock movement and
/// booking change has one (checked over all of them; the spaces are small).
final class AuditActionTests: XCTestCase {
    func testEveryActionIsFamilyDotNameInLowerCase() {
        for action in AuditAction.allCases {
            XCTAssertNotNil(
                action.rawValue.range(of: #"^[a-z0-9]+(\.[a-z0-9-]+)*$"#, options: .regularExpression), action.rawValue)
            XCTAssertTrue(action.rawValue == action.group || action.rawValue.hasPrefix(action.group + "."), action.rawValue)
        }
    }

    func testAFamilyPrefixMatchesExactlyItsActions() {
        for group in Set(AuditAction.allCases.map(\.group)) {
            let family = AuditAction.allCases.filter { $0.group == group }
            let matched = AuditAction.matching(prefix: group + ".")
            // A family's bare action ("login") does not start with "login."; its dotted ones all do.
            XCTAssertEqual(Set(matched), Set(family.filter { $0.rawValue != group }), group)
        }
        XCTAssertEqual(AuditAction.matching(prefix: "PATIENT.VIEW"), [.patientView], "case is ignored as in the filter")
        XCTAssertEqual(AuditAction.matching(prefix: "visti."), [])
    }

    func testEveryWorkflowStepMovementAndBookingChangeHasItsAction() {
        let steps: [VisitAction] = [
            .completeRegistration, .completeNursing, .nurseLed(reason: "r"),
            .completeConsultation(toCounselling: true), .completeConsultation(toCounselling: false),
            .sendBackToNursing(reason: "r"), .completeCounselling, .close(outcome: "o"), .cancel(reason: "r"),
        ]
        XCTAssertEqual(
            steps.map { AuditAction.visit($0).rawValue }, steps.map { "visit." + $0.id },
            "the text rows carried before the enum existed")
        XCTAssertEqual(
            MovementKind.allCases.map { AuditAction.stock($0).rawValue }, MovementKind.allCases.map { "stock." + $0.rawValue })
        XCTAssertEqual(
            AppointmentStatus.allCases.filter { $0 != .booked }.map { AuditAction.appointment($0).rawValue },
            ["appointment.cancelled", "appointment.rescheduled", "appointment.checked-in", "appointment.no-show"])
        XCTAssertEqual(AuditAction.appointment(.booked), .appointmentBook)
    }
}
