import ClinicDomain
import ClinicServices
import ClinicStore
import TerminalKit

/// A visit in consultation, counselling or closure: the patient banner, this visit's
/// vitals and timeline, and the workflow keys for the stage.
public final class VisitScreen: Screen {
    public let file: VisitFile
    public private(set) var message: String?

    init(file: VisitFile) { self.file = file }

    public var title: String { "\(file.visit.stage.title) · \(file.patient.folderNumber)" }
    public var contexts: [KeyContext] { [.visit] }
    public var keyBarActions: [KeyAction] {
        file.visit.stage == .consultation ? [.help, .complete, .route, .cancelVisit, .back] : [.help, .complete, .cancelVisit, .back]
    }

    /// What F5 does in this stage.
    var completion: VisitAction? {
        switch file.visit.stage {
        case .consultation: .completeConsultation(toCounselling: false)
        case .counselling: .completeCounselling
        case .closure: .close
        default: nil
        }
    }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        switch input.action {
        case .back:
            try? environment.visits.release(visitId: file.visit.id, by: environment.actor)
            return .pop
        case .help: return .showHelp
        case .complete:
            guard let completion else { return .none }
            return VisitActions.perform(completion, visitId: file.visit.id, environment: environment) { message = $0 }
        case .route where file.visit.stage == .consultation:
            return VisitActions.withReason("Send back to nursing", intro: "What should nursing re-check?",
                                           visitId: file.visit.id, environment: environment) { .sendBackToNursing(reason: $0) }
        case .cancelVisit:
            return VisitActions.withReason("Cancel visit", intro: "Cancel the visit of \(file.patient.displayName): why?",
                                           visitId: file.visit.id, environment: environment) { .cancel(reason: $0) }
        default: return .none
        }
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        PatientBanner.render(file.patient, background: file.background, into: &canvas, y: top,
                             today: CalendarDate(environment.clock.now()))
        var y = top + 3
        canvas.put("Reason for visit: \(file.visit.reason)", x: 2, y: y, style: .strong, maxWidth: canvas.width - 4)
        y += 1
        if let colour = file.visit.colour {
            canvas.put(colour.title, x: 2, y: y, style: VisitStyle.style(for: colour))
        } else {
            canvas.put("Not triaged", x: 2, y: y, style: .muted)
        }
        y += 2
        if let last = file.vitals.last {
            let v = last.vitals
            func text<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "—" }
            let when = Timestamp.date(last.recordedAt).map(ClinicTime.clockText) ?? last.recordedAt
            canvas.put("Vitals: \(file.vitals.count) set(s), last by \(last.recordedBy) at \(when)", x: 2, y: y, style: .strong,
                       maxWidth: canvas.width - 4)
            canvas.put("BP \(text(v.systolic))/\(text(v.diastolic))  HR \(text(v.heartRate))  RR \(text(v.respiratoryRate))  "
                       + "T \(text(v.temperature))  SpO2 \(text(v.spO2))" + (last.score.map { "  TEWS \($0)" } ?? ""),
                       x: 4, y: y + 1, maxWidth: canvas.width - 6)
            y += 3
        }
        canvas.put("Timeline", x: 2, y: y, style: .strong)
        for (index, line) in VisitActions.timeline(file.events).suffix(max(0, height - (y - top) - 4)).enumerated() {
            canvas.put(line, x: 4, y: y + 1 + index, maxWidth: canvas.width - 6)
        }
        if let message { canvas.put(message, x: 2, y: top + height - 1, style: .error, maxWidth: canvas.width - 4) }
    }
}
