import ClinicDomain
import ClinicServices
import TerminalKit

/// One stocked item: its settings, barcodes and batches. The selected batch can be
/// adjusted, written off or transferred out; the item's NAPPI code, reorder level and
/// storage note are edited here.
final class StockItemScreen: Screen {
    let code: String
    private(set) var detail: StockItemDetail?
    private(set) var message: String?
    private var changes = ChangeWatcher()
    private var table = Table(columns: [
        TableColumn("Batch", width: 14), TableColumn("Expiry", width: 10), TableColumn("On hand", width: 7),
        TableColumn("Supplier", width: 18), TableColumn("Unit cost", width: 9), TableColumn("Received", width: 10),
    ])

    init(code: String, environment: AppEnvironment) {
        self.code = code
        tick(environment: environment)
    }

    var title: String { detail.map { "Stock · \($0.medicine.description)" } ?? "Stock item" }
    var contexts: [KeyContext] { [.list, .stock] }
    var keyBarActions: [KeyAction] { [.help, .itemSettings, .adjust, .writeOff, .transfer, .back] }
    func permission(for action: KeyAction) -> Permission? {
        [.itemSettings, .adjust, .writeOff, .transfer].contains(action) ? .inventoryWrite : nil
    }

    func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        do {
            detail = try environment.stock.detail(of: code, by: environment.actor)
        } catch {
            message = userMessage(error)
        }
        table.selection.setCount(detail?.batches.count ?? 0)
    }

    private var selectedBatch: BatchLine? {
        guard let batches = detail?.batches, batches.indices.contains(table.selection.selected) else { return nil }
        return batches[table.selection.selected]
    }

    func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil  // a message answers the last key; the next one clears it
        switch input.action {
        case .back: return .pop
        case .help: return .showHelp
        case .up, .down, .pageUp, .pageDown, .first, .last: _ = table.selection.follow(input)
        case .itemSettings: return settingsForm(environment)
        case .adjust:
            return batchForm("stock-adjust", quantityField: StockAdjustField.change.rawValue, environment) {
                screen, batch, change, environment in
                let onHand = try environment.stock.adjust(
                    batchID: batch, by: change, reason: screen.form[StockAdjustField.reason], by: environment.actor)
                return "Adjusted by \(change); batch now \(onHand)."
            }
        case .writeOff:
            return batchForm("write-off", quantityField: WriteOffField.quantity.rawValue, environment) {
                screen, batch, quantity, environment in
                let onHand = try environment.stock.writeOff(
                    batchID: batch, quantity: quantity, reason: screen.form[WriteOffField.reason],
                    by: environment.actor)
                return "Wrote off \(quantity); batch now \(onHand)."
            }
        case .transfer:
            return batchForm("transfer", quantityField: TransferField.quantity.rawValue, environment) {
                screen, batch, quantity, environment in
                let onHand = try environment.stock.transfer(
                    batchID: batch, quantity: quantity, to: screen.form[TransferField.destination],
                    by: environment.actor)
                return "Transferred \(quantity) to \(screen.form[TransferField.destination]); batch now \(onHand)."
            }
        default: break
        }
        return .none
    }

    private func settingsForm(_ environment: AppEnvironment) -> ScreenAction {
        guard let settings = detail?.settings else { return .none }
        return .push(
            FormScreen(
                definition: environment.screens["item-settings"], intro: detail?.medicine.description ?? code,
                values: fieldValues([
                    ItemSettingsField.nappi: settings.nappi, .reorderLevel: String(settings.reorderLevel),
                    .storageNote: settings.storageNote,
                ]),
                check: { screen, _ in
                    FieldProblems.thrown {
                        _ = try StockService.checkItemSettings(
                            nappi: screen.form[ItemSettingsField.nappi], reorderLevel: screen.form[ItemSettingsField.reorderLevel]
                        )
                    }
                }
            ) { [weak self] screen, environment in
                screen.attempt {
                    try environment.stock.updateItem(
                        self?.code ?? "", nappi: screen.form[ItemSettingsField.nappi],
                        reorderLevel: screen.form[ItemSettingsField.reorderLevel],
                        storageNote: screen.form[ItemSettingsField.storageNote], by: environment.actor)
                    self?.message = "Settings saved."
                    self?.tick(environment: environment)
                    return .pop
                }
            })
    }

    /// A form acting on the selected batch: `quantityField` must be a whole number, then `post`
    /// runs and its result is shown here.
    private func batchForm(
        _ id: String, quantityField: String, _ environment: AppEnvironment,
        post: @escaping (FormScreen, Int64, Int, AppEnvironment) throws -> String
    ) -> ScreenAction {
        guard let batch = selectedBatch else {
            message = "This item has no batches yet; receive stock from the stock list."
            return .none
        }
        let expiry = batch.expiry?.description ?? "?"
        let intro =
            "\(detail?.medicine.description ?? code) · batch \(batch.batchNumber) · exp \(expiry) · on hand \(batch.onHand)"
        return .push(
            FormScreen(definition: environment.screens[id], intro: intro) { [weak self] screen, environment in
                screen.attempt {
                    guard let quantity = TypedNumber.integer(screen.form[quantityField]) else {
                        throw FieldProblems([FieldProblem(quantityField, "type a whole number of units")])
                    }
                    self?.message = try post(screen, batch.id, quantity, environment)
                    self?.tick(environment: environment)
                    return .pop
                }
            })
    }

    func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        guard let detail else {
            if let message { canvas.put(message, x: 2, y: top + 1, style: .error, maxWidth: canvas.width - 4) }
            return
        }
        let total = "On hand \(detail.onHand)"
        canvas.put(
            DisplayWidth.fit(
                "\(detail.medicine.description) (\(detail.medicine.code))", columns: canvas.width - 6 - DisplayWidth.of(total)),
            x: 2, y: top + 1, style: .strong)
        canvas.put(total, x: canvas.width - 2 - DisplayWidth.of(total), y: top + 1, style: .strong)
        let nappi = detail.settings.nappi.isEmpty ? "—" : detail.settings.nappi
        let storage = detail.settings.storageNote.isEmpty ? "—" : detail.settings.storageNote
        // Shortened with "…" where long; the item settings form (Settings) shows them whole.
        canvas.put(
            DisplayWidth.fit(
                "NAPPI \(nappi) · reorder at \(detail.settings.reorderLevel) · storage: \(storage)",
                columns: canvas.width - 4), x: 2, y: top + 2)
        canvas.put(
            DisplayWidth.fit(
                "Barcodes (GTIN): " + (detail.gtins.isEmpty ? "none" : detail.gtins.joined(separator: ", ")),
                columns: canvas.width - 4), x: 2, y: top + 3, style: .muted)
        let today = CalendarDate(environment.clock.now())
        let rows = detail.batches.map { batch -> [String] in
            let expired = batch.expiry.map { $0 < today } ?? false
            return [
                batch.batchNumber, (batch.expiry?.description ?? "?") + (expired ? "!" : ""), String(batch.onHand),
                batch.supplier.isEmpty ? "—" : batch.supplier, batch.unitCost?.description ?? "—",
                batch.receivedAt.map { CalendarDate($0).description } ?? "—",
            ]
        }
        table.columns[3].width = max(10, canvas.width - 4 - 14 - 10 - 7 - 9 - 10 - 6)
        table.render(rows: rows, into: &canvas, x: 2, y: top + 5, width: canvas.width - 4, height: height - 7)
        if detail.batches.isEmpty { canvas.put("No batches yet.", x: 2, y: top + 7, style: .muted) }
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }
}
