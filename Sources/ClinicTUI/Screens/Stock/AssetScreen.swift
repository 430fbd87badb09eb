import ClinicDomain
import ClinicServices
import TerminalKit

/// One piece of equipment and its history: every status change, service and move, with
/// who did it and why.
final class AssetScreen: Screen {
    let id: Int64
    private(set) var asset: EquipmentItem?
    private(set) var events: [EquipmentEvent] = []
    private(set) var message: String?
    private var selection = ListSelection()

    init(id: Int64, environment: AppEnvironment) {
        self.id = id
        reload(environment)
    }

    var title: String { asset.map { "Equipment · \($0.name)" } ?? "Equipment" }
    var contexts: [KeyContext] { [.list, .record] }
    /// Retired equipment is read, not changed: it offers neither Status nor Service/move.
    var keyBarActions: [KeyAction] { isRetired ? [.help, .open, .back] : [.help, .open, .status, .edit, .back] }
    private var isRetired: Bool { asset?.status == .retired }
    func permission(for action: KeyAction) -> Permission? { [.status, .edit].contains(action) ? .assetWrite : nil }
    func keyLabel(_ action: KeyAction) -> String? {
        switch action {
        case .open: "Details"
        case .status: "Status"
        case .edit: "Service/move"
        default: nil
        }
    }

    private func reload(_ environment: AppEnvironment) {
        do {
            let history = try environment.assets.history(of: id, by: environment.actor)
            (asset, events) = (history.item, history.events)
        } catch {
            message = userMessage(error)
        }
        selection.setCount(events.count)
        selection.select(events.count - 1)
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = selection.follow(input)
        case .open where events.indices.contains(selection.selected):
            let event = events[selection.selected]
            return .showDetail(
                title: "History of \(asset?.name ?? "")",
                text: Self.describe(event, on: ClinicTime.clockText(event.at)))
        case .status where isRetired, .edit where isRetired:
            message = "This equipment is retired: its record stays as it is."
        case .status:
            return form("asset-status", values: fieldValues([AssetStatusField.status: ""]), environment) { screen, environment in
                guard let status = AssetStatus(typed: screen.form[AssetStatusField.status]) else {
                    throw FieldProblems([
                        FieldProblem(AssetStatusField.status, "Type in service (i), under repair (u) or retired (r)")
                    ])
                }
                return try environment.assets.setStatus(
                    self.id, to: status, note: screen.form[AssetStatusField.note], by: environment.actor)
            }
        case .edit:
            return form(
                "asset-service",
                values: fieldValues([
                    AssetServiceField.nextService: asset?.nextService?.description ?? "",
                    .location: asset?.location ?? "",
                ]),
                environment
            ) { screen, environment in
                let next = try AssetDetails.nextService(
                    screen.form[AssetServiceField.nextService],
                    today: CalendarDate(environment.clock.now())
                ).get()
                return try environment.assets.recordService(
                    self.id, nextService: next, location: screen.form[AssetServiceField.location],
                    note: screen.form[AssetStatusField.note], by: environment.actor)
            }
        default: break
        }
        return .none
    }

    private func form(
        _ definition: String, values: [String: String], _ environment: AppEnvironment,
        save: @escaping (FormScreen, AppEnvironment) throws -> EquipmentItem
    ) -> ScreenAction {
        .push(
            FormScreen(definition: environment.screens[definition], intro: asset?.name ?? "", values: values) {
                [weak self] screen, environment in
                screen.attempt {
                    let saved = try save(screen, environment)
                    self?.reload(environment)
                    self?.message =
                        "Saved: \(saved.status.rawValue), \(saved.location), next service \(saved.nextService?.description ?? "none")."
                    return .pop
                }
            })
    }

    /// One history row: when, status, place, next service, note and who.
    static func describe(_ event: EquipmentEvent, on when: String) -> String {
        "\(when)  \(event.status), \(event.location), next \(event.nextService?.description ?? "none") · \(event.note) (\(event.actor))"
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        guard let asset else {
            if let message { canvas.put(message, x: 2, y: top + 1, style: .error, maxWidth: canvas.width - 4) }
            return
        }
        canvas.put(DisplayWidth.fit(asset.name, columns: canvas.width - 4), x: 2, y: top + 1, style: .strong)
        canvas.putWrapped(
            "Status: \(asset.status.rawValue) · at \(asset.location) · next service \(asset.nextService?.description ?? "none")",
            x: 2, y: top + 2, width: canvas.width - 4, maxLines: 2)
        canvas.put("History", x: 2, y: top + 4, style: .strong)
        for (row, index) in selection.visibleRange(rows: height - 7).enumerated() {
            let event = events[index]
            let when = CalendarDate(event.at).description
            let text = Self.describe(event, on: when)
            canvas.put(
                DisplayWidth.fit(text, columns: canvas.width - 4), x: 2, y: top + 5 + row,
                style: index == selection.selected ? .selected : .plain)
        }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
