import ClinicDomain
import ClinicServices
import TerminalKit

/// How the visit screen draws: the patient banner stays put; the sheet below it (reason,
/// vitals, note, diagnoses, prescriptions, sessions, the whole timeline) scrolls with the
/// movement keys when it is longer than the screen, with a marker saying there is more.
enum VisitSheetView {
    static let pageRows = 10

    /// The scroll position after a movement action (clamped when drawn).
    static func scrolled(_ scroll: Int, by action: KeyAction) -> Int {
        switch action {
        case .up: max(0, scroll - 1)
        case .down: scroll + 1
        case .pageUp: max(0, scroll - pageRows)
        case .pageDown: scroll + pageRows
        case .first: 0
        default: Int.max / 2
        }
    }
}

extension VisitScreen {
    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        PatientBanner.render(
            file.patient, background: file.background, into: &canvas, y: top,
            today: CalendarDate(environment.clock.now()))
        var sheet = Canvas(width: canvas.width, height: 400)
        let used = renderSheet(into: &sheet, environment: environment)
        // Under the banner and above the "more" row and the message's rows (one or two).
        let messageRows = message.map { min(2, DisplayWidth.wrap($0, columns: canvas.width - 4).count) } ?? 1
        let rows = height - 3 - messageRows
        scroll = min(scroll, max(0, used - rows))
        canvas.copyRows(from: sheet, startingAt: scroll, count: min(rows, used - scroll), to: top + 2)
        if used > rows {
            let below = scroll + rows < used
            let more = below && scroll > 0 ? "↑↓ more (PgUp, PgDn)" : below ? "↓ more (PgDn)" : "↑ (PgUp)"
            canvas.put(more, x: canvas.width - DisplayWidth.of(more) - 1, y: top + height - 1 - messageRows, style: .muted)
        }
        if let message {
            canvas.putWrapped(
                message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .error, maxLines: 2, upward: true)
        }
    }

    /// Draws the sheet from row 0; returns the rows it took.
    private func renderSheet(into canvas: inout Canvas, environment: AppEnvironment) -> Int {
        let chronic = file.background.filter { $0.kind == .condition }.map(\.text)
        var y = 0
        if !chronic.isEmpty {
            y += canvas.putWrapped(
                "Chronic: " + chronic.joined(separator: "; "), x: 1, y: y, width: canvas.width - 2, maxLines: 2)
        }
        y = max(y, 1)
        y = renderPrevious(into: &canvas, y: y, environment: environment)
        y += canvas.putWrapped(
            "Reason for visit: \(file.visit.reason)", x: 2, y: y, width: canvas.width - 4, style: .strong, maxLines: 3)
        if let colour = file.visit.colour {
            canvas.put(colour.title, x: 2, y: y, style: VisitStyle.style(for: colour))
        } else {
            canvas.put("Not triaged", x: 2, y: y, style: .muted)
        }
        y += 2
        y = renderUrgency(into: &canvas, y: y)
        y = renderVitals(into: &canvas, y: y, today: CalendarDate(environment.clock.now()))
        y = renderConsultation(into: &canvas, y: y, environment: environment)
        y = renderOnward(into: &canvas, y: y)
        y = renderScreening(into: &canvas, y: y)
        y = renderHIVTest(into: &canvas, y: y)
        y = renderSessions(into: &canvas, y: y, environment: environment)
        canvas.put("Timeline", x: 2, y: y, style: .strong)
        for line in VisitActions.timeline(file.events) {
            y += 1
            y += canvas.putWrapped(line, x: 4, y: y, width: canvas.width - 6, maxLines: 3) - 1
        }
        return y + 1
    }

    /// The last visit's diagnoses and medicines, for a repeat prescription.
    private func renderPrevious(into canvas: inout Canvas, y start: Int, environment: AppEnvironment) -> Int {
        guard let previous else { return start }
        let codes = previous.diagnoses.map { "\($0.code)\($0.isPrimary ? "*" : "") \($0.title)" }
        var y = start
        y += canvas.putWrapped(
            "Last visit \(ClinicTime.clockText(previous.visit.arrivedAt)): "
                + (codes.isEmpty ? "no diagnosis" : codes.joined(separator: "; ")),
            x: 2, y: y, width: canvas.width - 4, style: .muted, maxLines: 2)
        if !previous.prescriptions.isEmpty {
            let repeats = " (\(environment.keymap.label(for: .repeatPrescription)) repeats)"
            y += canvas.putWrapped(
                "Medicines: " + previous.prescriptions.map(Self.prescriptionLine).joined(separator: "; ") + repeats,
                x: 4, y: y, width: canvas.width - 6, style: .muted, maxLines: 3)
        }
        return y
    }

    private func renderVitals(into canvas: inout Canvas, y: Int, today: CalendarDate) -> Int {
        guard let last = file.vitals.last else { return y }
        let age = file.patient.age(on: today)
        let sets = file.vitals.count.counted("set")
        let heading =
            showsEveryVitalsSet
            ? "Vitals: \(sets)" : "Vitals: \(sets), last by \(last.recordedBy) at \(ClinicTime.clockText(last.recordedAt))"
        canvas.put(heading, x: 2, y: y, style: .strong, maxWidth: canvas.width - 4)
        var row = y + 1
        for reading in showsEveryVitalsSet ? file.vitals : [last] {
            if showsEveryVitalsSet {
                let when = "\(ClinicTime.clockText(reading.recordedAt)) by \(reading.recordedBy)"
                canvas.put(when, x: 4, y: row, style: .muted)
                if let colour = reading.colour {
                    canvas.put(colour.title, x: 6 + DisplayWidth.of(when), y: row, style: VisitStyle.style(for: colour))
                }
                row += 1
            }
            row = renderReading(reading, age: age, into: &canvas, y: row)
        }
        return row + 1
    }

    /// One vitals set: the TEWS measures, what else was measured, the colour raised and why,
    /// the nurse's note; returns the next row.
    private func renderReading(_ reading: VitalsReading, age: Int?, into canvas: inout Canvas, y: Int) -> Int {
        let v = reading.vitals
        func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "—" }
        canvas.put(
            "BP \(text(v.systolic))/\(text(v.diastolic))  HR \(text(v.heartRate))  RR \(text(v.respiratoryRate))  "
                + "T \(text(v.temperature))  SpO2 \(text(v.spO2))" + (reading.score.map { "  TEWS \($0)" } ?? ""),
            x: 4, y: y, maxWidth: canvas.width - 6)
        var row = y + 1
        let measured = [
            v.weight.map { "Weight \($0.plainText) kg" }, v.height.map { "Height \($0.plainText) cm" },
            v.bmi.map { "BMI " + String(format: "%.1f", $0) },
            v.glucose.map { "Glucose \($0.plainText) mmol/L" }, v.pain.map { "Pain \($0)/10" },
        ].compactMap { $0 }
        let raised = reading.discriminator.map {
            "Raised to \($0.rawValue.uppercased())" + (reading.discriminatorReason.map { ": \($0)" } ?? "")
        }
        if let age {
            let flags = VitalsInput.flags(of: v, ageYears: age).map { "\(VitalsField.words($0.field)) \($0.message)" }
            if !flags.isEmpty {
                row += canvas.putWrapped(
                    "! " + flags.joined(separator: ", "), x: 4, y: row, width: canvas.width - 6, style: .error, maxLines: 2)
            }
        }
        let note = reading.note.trimmingCharacters(in: .whitespaces).isEmpty ? nil : "Nursing note: \(reading.note)"
        for line in [measured.isEmpty ? nil : measured.joined(separator: "  "), raised, note].compactMap({ $0 }) {
            row += canvas.putWrapped(line, x: 4, y: row, width: canvas.width - 6, maxLines: 3)
        }
        return row
    }

    /// Self-harm risk from the screen, above everything clinical so no one scrolls past it.
    private func renderUrgency(into canvas: inout Canvas, y: Int) -> Int {
        guard screening?.urgent == true else { return y }
        let warning = "! URGENT: thoughts of self-harm (PHQ-9 item 9): counselling today"
        return y + canvas.putWrapped(warning, x: 2, y: y, width: canvas.width - 4, style: .error, maxLines: 2) + 1
    }

    /// The HIV test as the role may see it.
    private func renderHIVTest(into canvas: inout Canvas, y start: Int) -> Int {
        guard !hivTestLines.isEmpty else { return start }
        var y = start
        for line in hivTestLines {
            y += canvas.putWrapped(line, x: 2, y: y, width: canvas.width - 4, style: y == start ? .strong : .muted, maxLines: 3)
        }
        return y + 1
    }

    /// The screening results of this visit, raised ones marked (urgency is shown above the vitals).
    private func renderScreening(into canvas: inout Canvas, y start: Int) -> Int {
        guard let screening, !screening.recorded.isEmpty else { return start }
        var y = start
        canvas.put("Screening:", x: 2, y: y, style: .strong)
        y += 1
        for outcome in screening.recorded {
            let style: Style = outcome.finding == .raised ? .error : .plain
            y += canvas.putWrapped(
                outcome.line
                    + (outcome.finding == .normal ? "" : " — \(outcome.nextStep)"), x: 4, y: y, width: canvas.width - 6,
                style: style,
                maxLines: 2)
        }
        return y + 1
    }

    /// The note, each part that was written on its own lines, with who signed it and its addenda.
    private func renderNote(_ sheet: ConsultationSheet, into canvas: inout Canvas, y start: Int, hint: String) -> Int {
        guard let note = sheet.note else {
            canvas.put("Note\(hint): none yet", x: 2, y: start)
            return start + 1
        }
        let signed = note.signedBy.map { by in "signed by \(by) \(note.signedAt.map(ClinicTime.clockText) ?? "")" }
        canvas.put("Note\(hint), " + (signed ?? "draft") + ":", x: 2, y: start, maxWidth: canvas.width - 4)
        var y = start + 1
        let parts = [("S", note.subjective), ("O", note.objective), ("A", note.assessment), ("P", note.plan)]
        for (label, text) in parts where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            y += canvas.putWrapped("\(label): \(text)", x: 4, y: y, width: canvas.width - 6, maxLines: 6)
        }
        for addendum in sheet.addenda {
            let when = ClinicTime.clockText(addendum.at)
            y += canvas.putWrapped(
                "Addendum, \(addendum.author) \(when): \(addendum.text)", x: 4, y: y, width: canvas.width - 6, maxLines: 3)
        }
        return y
    }

    /// The note with its addenda, the diagnoses and the prescriptions.
    private func renderConsultation(into canvas: inout Canvas, y start: Int, environment: AppEnvironment) -> Int {
        guard let sheet else { return start }
        let consulting = file.visit.stage == .consultation
        var y = renderNote(sheet, into: &canvas, y: start, hint: consulting ? " (\(environment.keymap.label(for: .note)))" : "")
        let adds = consulting ? "\(environment.keymap.label(for: .diagnosis)), " : ""
        canvas.put("Diagnoses (\(adds)* primary):" + (sheet.diagnoses.isEmpty ? " none" : ""), x: 2, y: y)
        y += 1
        for line in sheet.diagnoses {
            y += canvas.putWrapped(
                "\(line.code)\(line.isPrimary ? "*" : "") \(line.title)", x: 4, y: y, width: canvas.width - 6, maxLines: 2)
        }
        if !prescribed.isEmpty {
            canvas.put("Prescriptions" + (consulting ? " (\(environment.keymap.label(for: .prescribe)))" : "") + ":", x: 2, y: y)
            y += 1
            for item in prescribed {
                // Once the visit has ended, a medicine never handed over says so.
                let dispensed =
                    item.dispensedAt.map { "  dispensed \(ClinicTime.clockText($0))" }
                    ?? (file.visit.stage.isOpen ? "" : "  not dispensed")
                y += canvas.putWrapped(
                    Self.prescriptionLine(item) + dispensed, x: 4, y: y, width: canvas.width - 6, maxLines: 2)
            }
        }
        return y + 1
    }

    /// The referrals written and the follow-up booked at this visit.
    private func renderOnward(into canvas: inout Canvas, y start: Int) -> Int {
        guard !referrals.isEmpty || followUp != nil else { return start }
        var y = start
        for referral in referrals {
            y += canvas.putWrapped(
                "Referred (\(referral.urgency.rawValue)) to \(referral.destination), \(referral.kind.rawValue): "
                    + "\(referral.reason) — \(referral.referredBy) \(ClinicTime.clockText(referral.referredAt))",
                x: 2, y: y, width: canvas.width - 4, maxLines: 3)
        }
        if let followUp, let starts = followUp.booking.startsAt {
            y += canvas.putWrapped(
                "Follow-up booked: \(ClinicTime.dayText(starts)) at \(followUp.booking.slot), \(followUp.location)",
                x: 2, y: y, width: canvas.width - 4, maxLines: 2)
        }
        return y + 1
    }

    /// This visit's counselling sessions and the patient's earlier ones, to those who may
    /// read them; to others, that they are not shown.
    private func renderSessions(into canvas: inout Canvas, y start: Int, environment: AppEnvironment) -> Int {
        guard showsSessions else { return start }
        guard environment.session?.can(.counsellingRead) == true else {
            guard file.events.contains(where: { $0.toStage == .counselling }) else { return start }
            canvas.put("Counselling sessions: not shown to your role", x: 2, y: start, style: .muted)
            return start + 2
        }
        let counselling = file.visit.stage == .counselling
        // Read back later, a visit without sessions says nothing of them.
        guard counselling || !sessions.isEmpty || sessionsProblem != nil else { return start }
        var y = start
        let adds = counselling ? "\(environment.keymap.label(for: .note)) adds, " : ""
        canvas.put(
            "Counselling sessions (\(adds)confidential): " + (sessions.isEmpty && sessionsProblem == nil ? "none yet" : ""),
            x: 2, y: y)
        y += 1
        if let sessionsProblem {
            y += canvas.putWrapped(sessionsProblem, x: 4, y: y, width: canvas.width - 6, style: .error, maxLines: 3)
        }
        y = renderSessionList(sessions, into: &canvas, y: y)
        if !earlierSessions.isEmpty {
            canvas.put("Earlier sessions, at other visits:", x: 2, y: y)
            y = renderSessionList(earlierSessions, into: &canvas, y: y + 1)
        }
        return y + 1
    }

    /// Each session: its type, outcome and referral, who and when, then its full notes.
    private func renderSessionList(_ list: [CounsellingSession], into canvas: inout Canvas, y start: Int) -> Int {
        var y = start
        for session in list {
            y += canvas.putWrapped(
                "\(session.sessionType): \(session.outcome)" + (session.referral.isEmpty ? "" : " → \(session.referral)")
                    + " · \(session.author), \(ClinicTime.stampText(session.at))",
                x: 4, y: y, width: canvas.width - 6, maxLines: 2)
            y += canvas.putWrapped(session.notes, x: 6, y: y, width: canvas.width - 8, style: .muted, maxLines: 40)
        }
        return y
    }
}
