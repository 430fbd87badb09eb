import ClinicDomain
import ClinicServices
import TerminalKit

/// The two lines at the top of every clinical screen: who the patient is, and their
/// allergies (prominent) or that none are recorded.
enum PatientBanner {
    static func render(
        _ patient: PatientCard, background: [BackgroundEntry], extra: String = "",
        into canvas: inout Canvas, y: Int, today: CalendarDate
    ) {
        let age = patient.age(on: today).map { "\($0)y" } ?? ""
        canvas.fill(x: 0, y: y, width: canvas.width, height: 1, style: .selected)
        // Sex, age and folder always show; a long name is shortened first (to 30 columns when
        // `extra` needs room too), then the extra.
        let facts =
            "  \(patient.sex.title) \(age)  \(patient.folderNumber)"
            + (patient.active ? "" : "  INACTIVE: \(patient.statusReason ?? "")")
        let nameRoom =
            canvas.width - 1 - DisplayWidth.of(facts) - (extra.isEmpty ? 0 : min(DisplayWidth.of(extra), canvas.width / 3))
        let name =
            DisplayWidth.of(patient.displayName) <= nameRoom
            ? patient.displayName
            : DisplayWidth.fit(patient.displayName, columns: max(12, nameRoom))
        canvas.put(DisplayWidth.fit(" " + name + facts + extra, columns: canvas.width), x: 0, y: y, style: .selected)
        let allergies = background.filter { $0.kind == .allergy }
        let width = canvas.width - 2
        // Every allergy's name before any note: with notes if they fit, else names alone, marked when cut.
        let text =
            allergies.isEmpty
            ? "No known allergies recorded"
            : [
                "ALLERGIES: " + allergies.map { $0.note.isEmpty ? $0.text : "\($0.text) (\($0.note))" }.joined(separator: "; "),
                "ALLERGIES: " + allergies.map(\.text).joined(separator: "; "),
            ].first { DisplayWidth.of($0) <= width }
                ?? DisplayWidth.fit("ALLERGIES: " + allergies.map(\.text).joined(separator: "; "), columns: width)
        canvas.put(text, x: 1, y: y + 1, style: allergies.isEmpty ? .muted : .error, maxWidth: width)
    }
}
