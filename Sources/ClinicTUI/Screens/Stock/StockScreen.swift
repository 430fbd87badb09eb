import ClinicDomain
import ClinicServices
import TerminalKit

/// Stock on hand, and the scan field a barcode scanner types into: a scan and Enter
/// identifies the pack (GTIN, batch, expiry), then asks for the quantity. An unknown
/// GTIN is first linked to a formulary item. Enter on an empty scan field opens the
/// selected item; the stock take and the suppliers are a key away. The list follows
/// changes made on any terminal.
public final class StockScreen: Screen {
    /// What the scanner (or a person) has typed so far, GS separators included.
    public private(set) var scan = ""
    public private(set) var items: [StockLine] = []
    public private(set) var message: String?
    private var changes = ChangeWatcher()
    /// The lot and expiry whose clash with a batch on hand was said once; Enter again receives it.
    private var warnedLot: String?
    private(set) var table = Table(columns: [
        TableColumn("Code", width: 9), TableColumn("Item", width: 40),
        TableColumn("On hand", width: 8), TableColumn("Next expiry", width: 11),
    ])

    /// Whether the user may receive stock; others see the list without the scan field.
    let mayReceive: Bool

    init(environment: AppEnvironment) {
        mayReceive = environment.session?.can(.inventoryWrite) ?? false
        tick(environment: environment)
    }

    public var title: String { "Stock" }
    public var contexts: [KeyContext] { [.list, .stock] }
    public var capturesText: Bool { mayReceive }
    public var keyBarActions: [KeyAction] { [.help, .open, .new, .suppliers, .stockTake, .back] }
    public func permission(for action: KeyAction) -> Permission? {
        [.stockTake, .new].contains(action) ? .inventoryWrite : nil
    }
    public func keyLabel(_ action: KeyAction) -> String? { action == .new ? "No barcode" : nil }

    public func tick(environment: AppEnvironment) {
        guard changes.changed(environment) else { return }
        do {
            items = try environment.stock.overview(by: environment.actor)
        } catch {
            message = userMessage(error)
        }
        table.selection.setCount(items.count)
    }

    public func handle(_ input: Input, environment: AppEnvironment) -> ScreenAction {
        message = nil  // a message answers the last key; the next one clears it
        switch (input.action, input.key) {
        case (.back, _): return .pop
        case (.help, _): return .showHelp
        case (.up, _), (.down, _), (.pageUp, _), (.pageDown, _), (.first, _), (.last, _):
            _ = table.selection.follow(input)
        case (.suppliers, _): return .push(RegisterListScreen(.suppliers, environment: environment))
        case (.new, _): return .push(unscannedPicker(environment))
        case (.stockTake, _): return .push(StockTakeScreen(environment: environment))
        case (.open, _):
            let typed = scan
            scan = ""
            guard !typed.isEmpty else {
                guard items.indices.contains(table.selection.selected) else { return .none }
                return .push(StockItemScreen(code: items[table.selection.selected].medicine.code, environment: environment))
            }
            return identify(typed, environment)
        case (_, .backspace):
            if !scan.isEmpty { scan.removeLast() }
        case (_, .control("u")):
            scan = ""
        case (_, .character(let c)) where mayReceive && scan.count < 200:
            scan.append(c)
        default: break
        }
        return .none
    }

    private func identify(_ typed: String, _ environment: AppEnvironment) -> ScreenAction {
        do {
            let identified = try environment.stock.identify(scan: typed, by: environment.actor)
            let (parsed, item) = (identified.scan, identified.medicine)
            // Expired stock is refused at the scan: before any form, and before a new barcode is linked.
            if let expiry = parsed.expiry, expiry < CalendarDate(environment.clock.now()) {
                message = StockError.expiryInPast(expiry).description
                return .none
            }
            guard let item else { return .push(linkPicker(typed, parsed, environment)) }
            return .push(receiveForm((typed, parsed), item, environment))
        } catch let error as ScanError {
            message = "\(error) A pack whose barcode will not read: \(environment.keymap.label(for: .new)) picks its item."
            return .none
        } catch {
            message = userMessage(error)
            return .none
        }
    }

    /// A new GTIN: the item it is, picked by part of its name or its code, then received.
    private func linkPicker(_ typed: String, _ parsed: GS1Scan, _ environment: AppEnvironment) -> SearchPickerScreen {
        itemPicker(
            title: "GTIN \(parsed.gtin) is new: which item?",
            hint: "Part of the medicine's name (parac) or its code. Enter links the barcode to it.", openLabel: "Link"
        ) { [weak self] picker, code, environment in
            guard let self else { return .pop }
            return picker.attempt {
                try environment.stock.link(gtin: parsed.gtin, to: code, by: environment.actor)
                return .sequence([.pop, identify(typed, environment)])
            }
        }
    }

    /// F2: a pack without a barcode, or with one that will not read: the item is picked,
    /// then batch and expiry are typed off the pack.
    private func unscannedPicker(_ environment: AppEnvironment) -> SearchPickerScreen {
        itemPicker(
            title: "Receive a pack without a barcode: which item?",
            hint: "Part of the medicine's name (parac) or its code. Enter receives it.", openLabel: "Receive"
        ) { [weak self] picker, code, environment in
            guard let self else { return .pop }
            return picker.attempt {
                guard let item = try environment.stock.searchFormulary(code, by: environment.actor).first else { return .none }
                return .sequence([.pop, .push(receiveForm(nil, item, environment))])
            }
        }
    }

    /// The formulary, searched by part of a name or a code; `pick` gets the chosen code.
    private func itemPicker(
        title: String, hint: String, openLabel: String,
        pick: @escaping (SearchPickerScreen, String, AppEnvironment) -> ScreenAction?
    ) -> SearchPickerScreen {
        SearchPickerScreen(
            title: title, keyColumn: "Code", keyWidth: 10, hint: hint, openLabel: openLabel,
            search: { query, environment in
                try environment.stock.searchFormulary(query, by: environment.actor).map {
                    .init(key: $0.code, text: $0.description)
                }
            }
        ) { picker, row, _, environment in pick(picker, row.key, environment) }
    }

    /// The receive form for `item`: from a scan (`typed`, as read), or typed off a pack
    /// without a barcode when `scanned` is nil.
    private func receiveForm(
        _ scanned: (typed: String, parsed: GS1Scan)?, _ item: Medicine, _ environment: AppEnvironment
    )
        -> FormScreen
    {
        warnedLot = nil
        let parsed = scanned?.parsed
        let screen = FormScreen(
            definition: environment.screens["receive"],
            intro: "\(item.description) · " + (parsed.map { "GTIN \($0.gtin)" } ?? "no barcode: batch and expiry off the pack"),
            values: fieldValues([ReceiveField.batch: parsed?.batch ?? "", .expiry: parsed?.expiry?.description ?? ""]),
            check: { screen, environment in
                Self.receiptProblems(screen.form, scanned: parsed, today: CalendarDate(environment.clock.now()))
            }
        ) {
            [weak self] screen, environment in
            guard let self else { return .pop }
            return screen.attempt {
                let today = CalendarDate(environment.clock.now())
                let (quantity, expiry, unitCost) = try Self.checkedReceipt(screen.form, scanned: parsed, today: today)
                // A lot on hand with another expiry is said once before a second batch is made.
                let lot = screen.form[ReceiveField.batch]
                let others =
                    try expiry.map {
                        try environment.stock.otherExpiries(of: item.code, batch: lot, than: $0, by: environment.actor)
                    } ?? []
                if let expiry, !others.isEmpty, warnedLot != "\(lot) \(expiry)" {
                    warnedLot = "\(lot) \(expiry)"
                    throw FieldProblems([
                        FieldProblem(
                            ReceiveField.expiry,
                            "lot \(lot) is on hand expiring \(others.map(\.description).joined(separator: ", ")); "
                                + "Enter again receives a second batch expiring \(expiry)")
                    ])
                }
                let receipt = try Self.receive(
                    scanned?.typed, item: item, quantity: quantity, form: screen.form, expiry: expiry, unitCost: unitCost,
                    environment)
                message = "Received \(quantity) \(receipt.medicine.description); on hand \(receipt.onHand)."
                tick(environment: environment)
                return .pop
            }
        }
        screen.form.focus(on: ReceiveField.quantity)  // then batch and expiry, in the form's order
        screen.pickers[ReceiveField.supplier.rawValue] = Self.supplierPicker
        return screen
    }

    /// Enter in the supplier field: a name that is a supplier's moves on; any other text
    /// lists the suppliers containing it to choose from (all of them, from the list's
    /// search field, when the text matches none). An empty field moves on: it is optional.
    static func supplierPicker(_ form: FormScreen, _ environment: AppEnvironment) -> ScreenAction? {
        let typed = form.form[ReceiveField.supplier].trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return nil }
        let exact = try? environment.suppliers.all(by: environment.actor).contains {
            $0.name.compare(typed, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame
        }
        guard exact == false else { return nil }
        return .push(
            SearchPickerScreen(
                title: "Which supplier?", keyColumn: "Supplier", keyWidth: 36,
                hint: "Part of the supplier's name. Enter chooses it; new suppliers are added on the Suppliers screen.",
                query: typed, listAtOnce: environment,
                search: { query, environment in
                    try environment.suppliers.matching(query, by: environment.actor).map {
                        .init(
                            key: $0.name,
                            text: [$0.contact, $0.phone.isEmpty ? "" : PhoneNumber.display($0.phone)].filter { !$0.isEmpty }
                                .joined(separator: " · "))
                    }
                }
            ) { [weak form] _, row, _, _ in
                form?.form[ReceiveField.supplier] = row.key
                form?.form.setError(nil, on: ReceiveField.supplier.rawValue)
                form?.form.focus(on: ReceiveField.unitCost)
                return .pop
            })
    }

    /// Posts a checked receipt: by the scan when there was one, else by the picked item.
    private static func receive(
        _ scan: String?, item: Medicine, quantity: Int, form: Form, expiry: CalendarDate?, unitCost: Rands?,
        _ environment: AppEnvironment
    ) throws -> StockReceipt {
        let (batch, supplier) = (form[ReceiveField.batch], form[ReceiveField.supplier])
        if let scan {
            return try environment.stock.receive(
                scan: scan, quantity: quantity, batch: batch, expiry: expiry, supplier: supplier, unitCost: unitCost,
                by: environment.actor)
        }
        guard let expiry else { throw ScanError.noExpiry }
        return try environment.stock.receive(
            itemCode: item.code, quantity: quantity, batch: batch, expiry: expiry, supplier: supplier, unitCost: unitCost,
            by: environment.actor)
    }

    /// What `checkedReceipt` finds wrong, or nil.
    private static func receiptProblems(_ form: Form, scanned: GS1Scan?, today: CalendarDate) -> FieldProblems? {
        FieldProblems.thrown { _ = try checkedReceipt(form, scanned: scanned, today: today) }
    }

    /// The receive form's quantity, expiry and unit cost, or every problem with them at once
    /// (and a missing batch), so one submit names all that needs correcting.
    private static func checkedReceipt(
        _ form: Form, scanned: GS1Scan?, today: CalendarDate
    ) throws
        -> (quantity: Int, expiry: CalendarDate?, unitCost: Rands?)
    {
        var problems: [FieldProblem] = []
        let quantity = TypedNumber.integer(form[ReceiveField.quantity])
        if let quantity {
            do { try StockRules.check(units: quantity) } catch {
                problems.append(FieldProblem(ReceiveField.quantity, error.description))
            }
        } else {
            problems.append(FieldProblem(ReceiveField.quantity, "type a whole number of units"))
        }
        let typedBatch = form[ReceiveField.batch].trimmingCharacters(in: .whitespaces)
        if let batch = scanned?.batch, typedBatch != batch {
            // What the barcode says is what the pack is: a changed value would be stored nowhere, or wrongly.
            problems.append(
                FieldProblem(
                    ReceiveField.batch, "the barcode says batch \(batch); scan the pack again if that is wrong, not typed over"))
        } else if scanned?.batch == nil, typedBatch.isEmpty {
            problems.append(
                FieldProblem(ReceiveField.batch, (scanned == nil ? "" : "the scan has no batch; ") + "type the batch number"))
        } else if form[ReceiveField.batch].count > GS1Scan.batchLength {
            problems.append(
                FieldProblem(
                    ReceiveField.batch,
                    "a batch number has at most \(GS1Scan.batchLength) characters (GS1 AI 10); check what was typed"))
        }
        let expiry = form[ReceiveField.expiry].isEmpty ? nil : CalendarDate(typed: form[ReceiveField.expiry])
        if let scannedExpiry = scanned?.expiry, expiry != scannedExpiry {
            problems.append(
                FieldProblem(
                    ReceiveField.expiry,
                    "the barcode says expiry \(scannedExpiry); scan the pack again if that is wrong, not typed over"))
        } else if !form[ReceiveField.expiry].isEmpty, expiry == nil {
            problems.append(FieldProblem(ReceiveField.expiry, "expiry must be a real date, YYYY-MM-DD"))
        } else if let date = expiry ?? scanned?.expiry, date < today {
            problems.append(FieldProblem(ReceiveField.expiry, StockError.expiryInPast(date).description))
        } else if expiry == nil, scanned?.expiry == nil {
            problems.append(
                FieldProblem(
                    ReceiveField.expiry, (scanned == nil ? "type the expiry" : "the scan has no expiry; type it") + ", YYYY-MM-DD"
                ))
        }
        let unitCost = Rands(typed: form[ReceiveField.unitCost])
        if !form[ReceiveField.unitCost].isEmpty, unitCost == nil {
            problems.append(FieldProblem(ReceiveField.unitCost, "the unit cost is an amount in rand, e.g. 0.45"))
        }
        if !problems.isEmpty { throw FieldProblems(problems) }
        return (quantity ?? 0, expiry, unitCost)
    }

    public func render(into canvas: inout Canvas, top: Int, height: Int, environment: AppEnvironment) {
        if mayReceive {
            renderScanField(into: &canvas, top: top)
        } else {
            canvas.put("Enter opens the selected item.", x: 2, y: top + 1, style: .muted)
        }
        table.columns[1].width = max(20, canvas.width - 4 - 9 - 8 - 11 - 4)
        table.render(
            count: items.count,
            row: {
                [
                    items[$0].medicine.code, items[$0].medicine.description, String(items[$0].onHand),
                    items[$0].nextExpiry?.description ?? "—",
                ]
            },
            into: &canvas, x: 2, y: top + 4, width: canvas.width - 4, height: height - 6)
        if let message {
            canvas.putWrapped(message, x: 2, y: top + height - 1, width: canvas.width - 4, style: .strong, upward: true)
        }
    }

    private func renderScanField(into canvas: inout Canvas, top: Int) {
        canvas.put("Scan:", x: 2, y: top + 1, style: .strong)
        let shown = scan.replacingOccurrences(of: "\u{1D}", with: "<GS>")
        canvas.fill(x: 8, y: top + 1, width: 50, height: 1, style: Style(underline: true))
        canvas.put(String(shown.suffix(50)), x: 8, y: top + 1, style: Style(underline: true), maxWidth: 50)
        canvas.cursor = (8 + min(50, DisplayWidth.of(String(shown.suffix(50)))), top + 1)
        canvas.put(
            "Scan a pack or type its GS1 code, Enter. Enter alone opens the item.", x: 8, y: top + 2, style: .muted,
            maxWidth: canvas.width - 10)
    }
}
