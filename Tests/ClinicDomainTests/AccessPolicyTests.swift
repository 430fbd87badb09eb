import ClinicDomain
import XCTest

/// Checks every role × permission against the RBAC table of DESIGN.md, copied here
/// verbatim as an independent oracle (columns: admin doctor nurse clerk social stock finance viewer).
final class AccessPolicyTests: XCTestCase {
    static let designTable = """
        | patient.read | ✓ | ✓ | ✓ | ✓ | ✓ | | ✓ | ✓ |
        | patient.write | ✓ | ✓ | ✓ | ✓ | | | | |
        | visit.start | ✓ | ✓ | ✓ | ✓ | | | | |
        | visit.cancel | ✓ | ✓ | ✓ | ✓ | | | | |
        | vitals.write | ✓ | ✓ | ✓ | | | | | |
        | consult.write | ✓ | ✓ | | | | | | |
        | prescription.write | ✓ | ✓ | | | | | | |
        | referral.write | ✓ | ✓ | | | ✓ | | | |
        | referral.read | ✓ | ✓ | ✓ | | ✓ | | | ✓ |
        | counselling.write | ✓ | | | | ✓ | | | |
        | counselling.read | ✓ | ✓ | | | ✓ | | | |
        | screening.hiv.read | ✓ | ✓ | ✓ | | ✓ | | | |
        | visit.close | ✓ | ✓ | ✓ | ✓ | | | | |
        | appointment.write | ✓ | ✓ | ✓ | ✓ | | | | |
        | route.write | ✓ | | | ✓ | | | | |
        | inventory.read | ✓ | ✓ | ✓ | | | ✓ | ✓ | ✓ |
        | inventory.dispense | ✓ | ✓ | ✓ | | | ✓ | | |
        | inventory.write | ✓ | | | | | ✓ | | |
        | asset.write | ✓ | | | | | ✓ | | |
        | report.clinical | ✓ | ✓ | ✓ | | | | ✓ | ✓ |
        | report.finance | ✓ | | | | | | ✓ | |
        | export.claims | ✓ | | | | | | ✓ | |
        | user.admin | ✓ | | | | | | | |
        | audit.read | ✓ | | | | | | | |
        | backup | ✓ | | | | | | | |
        | sync | ✓ | | | | | | | |
        """
    static let columns: [Role] = [.admin, .doctor, .nurse, .clerk, .social, .stock, .finance, .viewer]

    /// permission id → roles ticked in the design table.
    static var expected: [String: Set<Role>] {
        var result: [String: Set<Role>] = [:]
        for line in designTable.split(separator: "\n") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let ticks = cells.dropFirst()
            result[cells[0]] = Set(zip(columns, ticks).filter { $0.1 == "✓" }.map(\.0))
        }
        return result
    }

    func testTableCoversEveryPermission() {
        XCTAssertEqual(Set(Self.expected.keys), Set(Permission.allCases.map(\.rawValue)))
    }

    func testEveryRoleAndPermissionMatchesTheDesignTable() {
        let expected = Self.expected
        var checked = 0
        for permission in Permission.allCases {
            for role in Role.allCases {
                let shouldAllow = expected[permission.rawValue]!.contains(role)
                XCTAssertEqual(
                    AccessPolicy.allows(role, permission), shouldAllow,
                    "\(role.rawValue) × \(permission.rawValue)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, Permission.allCases.count * Role.allCases.count)
    }

    func testAdministratorHoldsEveryPermissionAndViewerNeverWrites() {
        XCTAssertEqual(AccessPolicy.permissions(of: .admin), Permission.allCases)
        let viewerWrites = AccessPolicy.permissions(of: .viewer).filter { $0.rawValue.hasSuffix(".write") }
        XCTAssertEqual(viewerWrites, [])
    }

    func testAccessDeniedSaysWhoCannotDoWhatInPlainWords() {
        XCTAssertEqual(
            AccessDenied(role: .viewer, permission: .patientWrite).description, "A viewer cannot change patient records.")
        XCTAssertEqual(
            AccessDenied(role: .admin, permission: .sync).description, "An administrator cannot sync with head office.")
        for role in Role.allCases {
            for permission in Permission.allCases {
                let message = AccessDenied(role: role, permission: permission).description
                XCTAssertFalse(
                    permission.rawValue.contains(".") && message.contains(permission.rawValue), "no permission id in \(message)")
                XCTAssertTrue(message.hasPrefix(role.oneOf + " cannot "), message)
            }
        }
    }
}
