import ClinicDomain
import XCTest

/// Every stage × action × role, with and without the stage requirements met, against the
/// diagram of DESIGN.md written out here as a table.
final class WorkflowTests: XCTestCase {
    /// (from, action id) → to, straight from the diagram.
    static let diagram: [String: VisitStage] = [
        "registration complete-registration": .nursing,
        "nursing complete-nursing": .consultation,
        "nursing nurse-led": .closure,
        "consultation complete-consultation-counselling": .counselling,
        "consultation complete-consultation-closure": .closure,
        "consultation send-back-to-nursing": .nursing,
        "counselling complete-counselling": .closure,
        "closure close": .closed,
    ]
    /// The permission each action needs, from the RBAC table's wording.
    static let permissions: [String: String] = [
        "complete-registration": "visit.start", "complete-nursing": "vitals.write", "nurse-led": "vitals.write",
        "complete-consultation-counselling": "consult.write", "complete-consultation-closure": "consult.write",
        "send-back-to-nursing": "consult.write", "complete-counselling": "counselling.write", "close": "visit.close",
        "cancel": "visit.cancel",
    ]

    func testEveryStageActionAndRole() {
        let rbac = AccessPolicyTests.expected
        let allFacts = VisitFacts(hasFullVitals: true, hasSignedNote: true, hasPrimaryDiagnosis: true, hasColour: true)
        var checked = 0
        for stage in VisitStage.allCases {
            for action in VisitAction.all {
                for role in Role.allCases {
                    for facts in [VisitFacts(), allFacts] {
                        let result = Workflow.next(from: stage, action, role: role, facts: facts)
                        let permission = Self.permissions[action.id]!
                        let label = "\(stage.rawValue) \(action.id) \(role.rawValue) \(facts == allFacts ? "facts" : "no facts")"
                        checked += 1
                        guard rbac[permission]!.contains(role) else {
                            XCTAssertEqual(result, .failure(.notAllowed(role, Permission(rawValue: permission)!)), label)
                            continue
                        }
                        guard stage != .closed && stage != .cancelled else {
                            XCTAssertEqual(result, .failure(.finished(stage)), label)
                            continue
                        }
                        if action.id == "cancel" {
                            XCTAssertEqual(result, .success(.cancelled), label)
                            continue
                        }
                        guard let target = Self.diagram["\(stage.rawValue) \(action.id)"] else {
                            XCTAssertEqual(result, .failure(.wrongStage(current: stage, action: action.id)), label)
                            continue
                        }
                        if facts == allFacts {
                            XCTAssertEqual(result, .success(target), label)
                        } else {
                            switch action.id {
                            case "complete-nursing", "nurse-led": XCTAssertEqual(result, .failure(.missingVitals), label)
                            case "complete-consultation-counselling", "complete-consultation-closure":
                                XCTAssertEqual(result, .failure(.missingSignedNote), label)
                            default: XCTAssertEqual(result, .success(target), label)
                            }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(checked, VisitStage.allCases.count * VisitAction.all.count * Role.allCases.count * 2)
    }

    func testReasonsAreRequiredAndMissingDiagnosisIsNamed() {
        XCTAssertEqual(
            Workflow.next(from: .nursing, .cancel(reason: "  "), role: .nurse, facts: VisitFacts()),
            .failure(.reasonRequired(action: "cancel")))
        XCTAssertEqual(
            Workflow.next(from: .nursing, .nurseLed(reason: ""), role: .nurse, facts: VisitFacts(hasFullVitals: true)),
            .failure(.reasonRequired(action: "nurse-led")))
        XCTAssertEqual(
            Workflow.next(
                from: .consultation, .completeConsultation(toCounselling: false), role: .doctor,
                facts: VisitFacts(hasSignedNote: true)), .failure(.missingPrimaryDiagnosis))
        XCTAssertEqual(WorkflowError.reasonRequired(action: "nurse-led").description, "A reason is required to nurse led.")
        XCTAssertEqual(
            Workflow.next(from: .closure, .close(outcome: " "), role: .clerk, facts: VisitFacts()),
            .failure(.reasonRequired(action: "close")), "closing needs an outcome")
    }
}

/// A PHQ-9 item 9 answered above 0 sends the visit to the social worker (issue 22): it may
/// not leave by a path that skips counselling; every other path is as before.
final class SelfHarmCounsellingTests: XCTestCase {
    func testAVisitWithSelfHarmRiskCannotSkipCounselling() {
        let ready = VisitFacts(hasFullVitals: true, hasSignedNote: true, hasPrimaryDiagnosis: true, hasColour: true)
        var urgent = ready
        urgent.needsCounselling = true
        let cases: [(VisitStage, VisitAction, Role, skipsCounselling: Bool)] = [
            (.nursing, .nurseLed(reason: "minor ailment"), .nurse, true),
            (.nursing, .completeNursing, .nurse, false),
            (.consultation, .completeConsultation(toCounselling: false), .doctor, true),
            (.consultation, .completeConsultation(toCounselling: true), .doctor, false),
        ]
        for (stage, action, role, skips) in cases {
            XCTAssertEqual(Workflow.next(from: stage, action, role: role, facts: ready), .success(action.to), "\(action)")
            XCTAssertEqual(
                Workflow.next(from: stage, action, role: role, facts: urgent),
                skips ? .failure(.counsellingNeeded) : .success(action.to), "\(action)")
        }
    }

    /// An urgent visit leaves counselling only after a session, and only a role that reads
    /// counselling may cancel it (the member left); every role, both facts.
    func testAnUrgentVisitNeedsItsSessionAndOnlyCounsellingRolesCancelIt() {
        for role in Role.allCases where AccessPolicy.allows(role, .visitCancel) {
            for session in [false, true] {
                let facts = VisitFacts(
                    hasFullVitals: true, hasColour: true, needsCounselling: true, hasCounsellingSession: session)
                XCTAssertEqual(
                    Workflow.next(from: .nursing, .cancel(reason: "left"), role: role, facts: facts),
                    AccessPolicy.allows(role, .counsellingRead) ? .success(.cancelled) : .failure(.urgentCancel), "\(role)")
            }
        }
        let urgent = VisitFacts(needsCounselling: true)
        XCTAssertEqual(
            Workflow.next(from: .counselling, .completeCounselling, role: .social, facts: urgent),
            .failure(.counsellingSessionNeeded))
        var seen = urgent
        seen.hasCounsellingSession = true
        XCTAssertEqual(Workflow.next(from: .counselling, .completeCounselling, role: .social, facts: seen), .success(.closure))
        XCTAssertEqual(
            Workflow.next(from: .counselling, .completeCounselling, role: .social, facts: VisitFacts()), .success(.closure),
            "a visit that is not urgent completes as before")
    }
}

final class TEWSTests: XCTestCase {
    /// A child (no TEWS chart applies) cannot leave nursing until the nurse sets a colour.
    func testNursingNeedsAColourAsWellAsAFullSet() {
        let noColour = VisitFacts(hasFullVitals: true, hasColour: false)
        for action in [VisitAction.completeNursing, .nurseLed(reason: "minor ailment")] {
            XCTAssertEqual(Workflow.next(from: .nursing, action, role: .nurse, facts: noColour), .failure(.missingColour))
            XCTAssertEqual(
                Workflow.next(from: .nursing, action, role: .nurse, facts: VisitFacts(hasFullVitals: true, hasColour: true)),
                .success(action.to))
        }
    }

    static var calmAdult: Vitals {
        var v = Vitals()
        v.systolic = 120; v.diastolic = 80; v.heartRate = 72; v.respiratoryRate = 14; v.temperature = 36.8
        v.spO2 = 98; v.mobility = .walking; v.avpu = .alert; v.trauma = false
        return v
    }

    func testFullSetScoresAndDiscriminatorOnlyRaises() {
        var v = Self.calmAdult
        XCTAssertTrue(v.isFullSet)
        XCTAssertEqual(Triage(vitals: v, ageYears: 40, discriminator: nil).colour, .green)
        v.heartRate = 115  // 2
        v.respiratoryRate = 22  // 2
        v.temperature = 39  // 2
        let triage = Triage(vitals: v, ageYears: 40, discriminator: nil)
        XCTAssertEqual(triage.score, 6)
        XCTAssertEqual(triage.colour, .orange)
        XCTAssertEqual(Triage(vitals: v, ageYears: 40, discriminator: .red).colour, .red, "raised")
        XCTAssertEqual(Triage(vitals: v, ageYears: 40, discriminator: .yellow).colour, .orange, "never lowered")
    }

    func testTypedVitalsRefuseImpossibleAndFlagAbnormalValues() {
        let reading = VitalsInput([
            "systolic": "85", "diastolic": "90", "heart_rate": "abc", "resp_rate": "12.5",
            "temperature": "46", "spo2": "91", "glucose": "2,9", "mobility": "h", "avpu": "x",
            "trauma": "n", "discriminator": "o",
        ]).read(ageYears: 40)
        let problems = Dictionary(reading.problems.map { ($0.field, $0.message) }) { a, _ in a }
        XCTAssertEqual(problems["diastolic"], "diastolic must be lower than systolic (85)")
        XCTAssertEqual(problems["heart_rate"], "type a whole number")
        XCTAssertEqual(problems["resp_rate"], "type a whole number")
        XCTAssertEqual(problems["temperature"], "impossible: must be 25–45 °C")
        XCTAssertEqual(problems["avpu"], "A alert, V confused/voice, P pain, U unresponsive")
        XCTAssertEqual(problems["discriminator_reason"], "say which discriminator or judgement set the colour")
        let flags = Dictionary(reading.flags.map { ($0.field, $0.message) }) { a, _ in a }
        XCTAssertEqual(flags, ["systolic": "low", "spo2": "low", "glucose": "low"])
        XCTAssertEqual(reading.vitals.glucose, 2.9)
        XCTAssertEqual(reading.vitals.mobility, .withHelp)
        XCTAssertEqual(reading.discriminator, .orange)
    }

    func testADiastolicAboveTheSystolicIsRefusedAndNotAlsoFlagged() {
        let reading = VitalsInput(["systolic": "100", "diastolic": "150"]).read(ageYears: 40)
        XCTAssertEqual(reading.problems.map(\.field), ["diastolic"])
        XCTAssertFalse(reading.flags.contains { $0.field == "diastolic" }, "a refused value is not also called high")
        XCTAssertNil(reading.vitals.diastolic)
    }

    func testBMI() {
        var v = Vitals()
        v.weight = 80; v.height = 200
        XCTAssertEqual(v.bmi, 20)
    }
}
