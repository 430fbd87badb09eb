import ClinicDomain
import ClinicServices
import TerminalKit

/// One stop's day list: its slots and every appointment with its status. Book a patient
/// (New), check in, reschedule or cancel the selected booking; F7 lists the bookings whose
/// slot ended more than the grace ago and marks them no-shows once asked; a no-show can
/// still be checked in late (F5) or set back to booked with a reason (F4). Follows changes
/// made on any terminal.
final class StopScreen: Screen {
    let stopId: Int64
    private(set) var day: StopDay?
    private(set) var appointments: [BookingRow] = []
    private(set) var message: String?
    private var changes = ChangeWatcher()
    /// The no-shows F7 listed, waiting for Enter to mark them (any other key keeps them booked).
    private(set) var pendingNoShows: [BookingRow]?
    private var table = Table(columns: [
        TableColumn("Time", width: 5), TableColumn("Folder", width: 12), TableColumn("Name", width: 24),
        TableColumn("Phone", width: 13), TableColumn("Status", width: 12),
    ])

    init(stopId: Int64, environment: AppEnvironment) {
        self.stopId = stopId
        tick(environment: environment)
    }

    var title: String { "Day list" }
    var contexts: [KeyContext] { [.list, .schedule] }
    var keyBarActions: [KeyAction] { [.help, .new, .checkIn, .reschedule, .noShows, .cancelBooking, .back] }
    /// Setting a no-show back is said on the row it applies to, not in the full key bar.
    var helpActions: [KeyAction] { keyBarActions + [.restoreBooking] }
    func permission(for action: KeyAction) -> Permission? {
        switch action {
        case .new, .reschedule, .noShows, .cancelBooking, .restoreBooking: .appointmentWrite
        case .checkIn: .visitStart
        default: nil
        }
    }
    func keyLabel(_ action: KeyAction) -> String? {
        switch action {
        case .new: "Book"
        case .cancelBooking: "Cancel"  // short enough that Esc Back still fits the key bar
        default: nil
        }
    }

    func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        reload(environment)
    }

    private func reload(_ environment: AppEnvironment) {
        do {
            day = try environment.appointments.slots(stopId: stopId, by: environment.actor)
            appointments = try environment.appointments.appointments(stopId: stopId, by: environment.actor)
        } catch {
            message = userMessage(error)
        }
        table.selection.setCount(appointments.count)
    }

    private var selected: BookingRow? {
        appointments.indices.contains(table.selection.selected) ? appointments[table.selection.selected] : nil
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        if let pending = pendingNoShows {
            pendingNoShows = nil
            guard input.key == .enter else {
                message = "Nothing marked: \(pending.count.counted("booking")) kept as booked."
                return .none
            }
            markNoShows(environment)
            return .none
        }
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.follow(input)
        case .new: return .push(bookingFlow(environment))
        case .checkIn:
            guard let selected else { return .none }
            do {
                _ = try environment.appointments.checkIn(selected.booking.id, by: environment.actor)
                message = "Checked in \(selected.patientName): the visit has started and waits in the nursing queue."
            } catch {
                message = userMessage(error)
            }
            reload(environment)
        case .noShows: askNoShows(environment)
        case .restoreBooking:
            guard let selected else { return .none }
            guard selected.booking.status == .noShow else {
                message = "Only a no-show can be set back to booked; this one is \(selected.booking.status.rawValue)."
                return .none
            }
            return reasonForm("Set \(selected.booking.slot) \(selected.patientName) back to booked: why?", environment) {
                [weak self] reason, environment in
                try environment.appointments.restore(selected.booking.id, reason: reason, by: environment.actor)
                self?.message = "\(selected.patientName) is booked at \(selected.booking.slot) again."
                return .pop
            }
        case .cancelBooking:
            guard let selected, may(selected, become: .cancelled) else { return .none }
            return reasonForm("Cancel \(selected.booking.slot) \(selected.patientName)", environment) {
                [weak self] reason, environment in
                try environment.appointments.cancel(selected.booking.id, reason: reason, by: environment.actor)
                self?.message = "Cancelled the \(selected.booking.slot) booking of \(selected.patientName)."
                return .pop
            }
        case .reschedule:
            guard let selected, may(selected, become: .rescheduled) else { return .none }
            return reasonForm("Reschedule \(selected.booking.slot) \(selected.patientName)", environment) {
                [weak self] reason, environment in
                guard let self else { return .pop }
                return .sequence([.pop, .push(reschedulePicker(selected, reason: reason, environment))])
            }
        default: break
        }
        return .none
    }

    /// Lists the due no-shows and asks once; says so when there are none.
    private func askNoShows(_ environment: AppEnvironment) {
        do {
            let due = try environment.appointments.dueNoShows(stopId: stopId, by: environment.actor)
            guard !due.isEmpty else {
                let grace = day?.stop.plan.noShowGraceMinutes ?? NoShowRule.defaultGraceMinutes
                message = "No booking's slot ended more than \(grace) min ago without a check-in: nothing to mark."
                return
            }
            pendingNoShows = due
            let them = due.count == 1 ? "it" : "them"
            message =
                "Mark \(due.count.counted("no-show")): "
                + due.map { "\($0.booking.slot) \($0.patientName)" }.joined(separator: "; ")
                + "? Enter marks \(them), any other key keeps \(them) booked."
        } catch {
            message = userMessage(error)
        }
    }

    private func markNoShows(_ environment: AppEnvironment) {
        do {
            let count = try environment.appointments.markNoShows(stopId: stopId, by: environment.actor)
            message =
                "Marked \(count.counted("no-show")). A late arrival can still be checked in (\(environment.keymap.label(for: .checkIn)))."
        } catch {
            message = userMessage(error)
        }
        reload(environment)
    }

    /// Whether the booking may still become `next`; if not, says why before a reason is typed.
    private func may(_ listing: BookingRow, become next: AppointmentStatus) -> Bool {
        let status = listing.booking.status
        guard !status.canBecome(next) else { return true }
        message = AppointmentError.notOpen(status).description
        return false
    }

    /// Asks for the reason of a change, then runs `body` with it.
    private func reasonForm(
        _ intro: String, _ environment: AppEnvironment,
        _ body: @escaping (String, AppEnvironment) throws -> ScreenAction
    ) -> ScreenAction {
        .push(
            FormScreen(definition: environment.screens["reason"], intro: intro) { [weak self] screen, environment in
                screen.attempt {
                    let action = try body(screen.form[ReasonField.reason], environment)
                    self?.reload(environment)
                    return action
                }
            })
    }

    /// Patient, then slot; books and comes back here.
    private func bookingFlow(_ environment: AppEnvironment) -> SearchPickerScreen {
        BookingPickers.patient { [weak self] _, patientId, environment in
            guard let self else { return .pop }
            return .push(
                BookingPickers.slot(stopId: stopId, environment) { picker, time, environment in
                    picker.attempt {
                        try environment.appointments.book(
                            stopId: self.stopId, slot: time, patientId: patientId, by: environment.actor)
                        self.message = "Booked at \(time)."
                        self.reload(environment)
                        return .sequence([.pop, .pop])
                    }
                })
        }
    }

    /// Another stop (or this one), then its slot; moves the booking and comes back here.
    private func reschedulePicker(_ listing: BookingRow, reason: String, _ environment: AppEnvironment) -> SearchPickerScreen {
        BookingPickers.stop(
            title: "Reschedule: which stop?", hint: "Type part of a place's name. Enter chooses.", environment,
            stops: { try $0.schedule.upcomingStops(truck: nil, by: $0.actor) }
        ) { [weak self] _, stopId, environment in
            .push(
                BookingPickers.slot(stopId: stopId, environment) { picker, time, environment in
                    picker.attempt {
                        let moved = try environment.appointments.reschedule(
                            listing.booking.id, toStop: stopId, slot: time, reason: reason,
                            by: environment.actor)
                        self?.message = "Rescheduled to stop #\(moved.stopId) at \(moved.slot)."
                        self?.reload(environment)
                        return .sequence([.pop, .pop])
                    }
                })
        }
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        guard let day else {
            if let message { canvas.put(message, x: 2, y: top + 1, style: .error, maxWidth: canvas.width - 4) }
            return
        }
        let (stop, slots) = (day.stop, day.slots)
        let free = slots.filter { !$0.passed }.reduce(0) { $0 + $1.free }
        let when = " · \(stop.date) \(stop.opens)-\(stop.closes) · \(stop.truck) · \(stop.slotMinutes) min × \(stop.capacity)"
        // The place is shortened, never the date and hours.
        let place = DisplayWidth.fit("#\(stop.id) \(day.place.name)", columns: max(10, canvas.width - 4 - DisplayWidth.of(when)))
        canvas.put(
            place.trimmingCharacters(in: .whitespaces) + when, x: 2, y: top + 1, style: .strong, maxWidth: canvas.width - 4)
        let full = slots.filter { $0.free == 0 }.map(\.time.description)
        canvas.put(
            "\(free.counted("place")) free\(full.isEmpty ? "" : "; full: " + full.joined(separator: " "))", x: 2, y: top + 2,
            style: .muted, maxWidth: canvas.width - 4)
        let rows = appointments.map { listing in
            [
                listing.booking.slot, listing.folderNumber, listing.patientName,
                listing.phone.isEmpty ? "" : PhoneNumber.display(listing.phone), listing.booking.status.rawValue,
            ]
        }
        table.columns[2].width = max(14, canvas.width - 4 - 5 - 12 - 13 - 12 - 5)
        table.render(rows: rows, into: &canvas, x: 2, y: top + 4, width: canvas.width - 4, height: height - 6)
        if appointments.isEmpty {
            canvas.put(
                "No appointments yet. Book one with \(environment.keymap.label(for: .new)).", x: 2, y: top + 6, style: .muted)
        }
        let hint =
            selected?.booking.status == .noShow
            ? "No-show: \(environment.keymap.label(for: .checkIn)) checks in late, "
                + "\(environment.keymap.label(for: .restoreBooking)) sets back to booked." : nil
        if let text = message ?? hint {
            canvas.putWrapped(
                text, x: 2, y: top + height - 1, width: canvas.width - 4, style: message == nil ? .muted : .strong, upward: true)
        }
    }
}
