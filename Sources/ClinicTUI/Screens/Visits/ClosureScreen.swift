import ClinicDomain
import ClinicServices
import TerminalKit

/// A visit in closure: dispensing, a follow-up booking, the visit summary, and closing the
/// visit with its outcome.
final class ClosureScreen: VisitScreen {
    override var keyBarActions: [KeyAction] {
        [.help, .dispense, .followUp, .summary, .complete, .addendum, .cancelVisit, .back]
    }

    override func permission(for action: KeyAction) -> Permission? {
        switch action {
        case .complete: .visitClose
        case .dispense: .inventoryDispense
        case .followUp: .appointmentWrite
        default: super.permission(for: action)
        }
    }

    /// The sheet and the follow-up booked after this visit.
    override func reloadSheet(_ environment: AppEnvironment) {
        super.reloadSheet(environment)
        followUp = try? environment.appointments.nextBooking(
            patientId: file.patient.id, after: file.visit.arrivedAt, by: environment.actor)
    }

    override func handleStage(_ input: Input, environment: AppEnvironment) -> ScreenAction? {
        switch input.action {
        case .complete:
            VisitActions.withReason(
                "Close visit", intro: "Outcome of the visit (treated, referred, follow-up booked, …):",
                label: "Outcome", visitId: file.visit.id, patient: file.patient.displayName, environment: environment,
                onError: { [weak self] in self?.message = $0 }
            ) { .close(outcome: $0) }
        case .dispense: dispense(environment)
        case .followUp: .push(followUpPicker(environment))
        case .summary: writeSummary(environment)
        default: nil
        }
    }

    /// Dispenses what is prescribed and not yet dispensed, and says what was.
    private func dispense(_ environment: AppEnvironment) -> ScreenAction {
        do {
            let dispensed = try environment.stock.dispense(visitId: file.visit.id, by: environment.actor)
            prescribed = try environment.prescriptions.prescriptions(visitId: file.visit.id, by: environment.actor)
            message =
                !dispensed.isEmpty
                ? "Dispensed: " + dispensed.map { "\($0.quantity) × \($0.description)" }.joined(separator: "; ")
                : prescribed.isEmpty ? "Nothing was prescribed." : "Everything prescribed was dispensed already."
        } catch {
            message = userMessage(error)
        }
        return .none
    }

    /// Follow-up booking: the next stops at or near the patient's place, then a slot.
    private func followUpPicker(_ environment: AppEnvironment) -> SearchPickerScreen {
        let patientId = file.patient.id
        return BookingPickers.stop(
            title: "Follow-up: which stop?", hint: "Nearest first: this place, then the patient's province.",
            environment, stops: { try $0.appointments.followUpStops(patientId: patientId, by: $0.actor) }
        ) {
            [weak self] _, stopId, environment in
            .push(
                BookingPickers.slot(stopId: stopId, environment) { picker, time, environment in
                    picker.attempt {
                        let booked = try environment.appointments.book(
                            stopId: stopId, slot: time, patientId: patientId, by: environment.actor)
                        let day = booked.startsAt.map { CalendarDate($0).description } ?? ""
                        self?.message = "Follow-up booked: \(day) at \(booked.slot) (stop #\(booked.stopId))."
                        self?.reloadSheet(environment)
                        return .sequence([.pop, .pop])
                    }
                })
        }
    }
}
