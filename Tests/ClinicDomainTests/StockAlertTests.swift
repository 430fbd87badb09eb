import ClinicDomain
import XCTest

final class StockAlertTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 11, day: 24)!

    func d(_ y: Int, _ m: Int, _ day: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: day)! }

    func testEveryKindOfAlertAtItsEdges() {
        let alerts = StockAlertRules.alerts(
            [
                ItemStock(
                    item: "Paracetamol", reorderLevel: 100, batches: [("A", d(2026, 12, 24), 40), ("B", d(2027, 6, 1), 50)]),
                ItemStock(item: "Amoxicillin", reorderLevel: 10, batches: [("C", d(2026, 11, 23), 30)]),
                ItemStock(item: "Ibuprofen", reorderLevel: 10, batches: [("D", d(2027, 1, 23), 20), ("E", d(2027, 2, 22), 20)]),
                ItemStock(item: "Metformin", reorderLevel: 10, batches: [("F", d(2027, 2, 23), 500)]),
            ], today: today)
        XCTAssertEqual(
            alerts,
            [
                .expired(item: "Amoxicillin", batch: "C", expiry: d(2026, 11, 23), onHand: 30),
                .outOfStock(item: "Amoxicillin"),
                .belowReorder(item: "Paracetamol", onHand: 90, reorderLevel: 100),
                .expiring(item: "Paracetamol", batch: "A", expiry: d(2026, 12, 24), days: 30, onHand: 40),
                .expiring(item: "Ibuprofen", batch: "D", expiry: d(2027, 1, 23), days: 60, onHand: 20),
                .expiring(item: "Ibuprofen", batch: "E", expiry: d(2027, 2, 22), days: 90, onHand: 20),
            ], "Metformin expires in 91 days: no alert")
    }

    func testEmptyBatchesRaiseNoExpiryAlerts() {
        let alerts = StockAlertRules.alerts(
            [ItemStock(item: "X", reorderLevel: 0, batches: [("A", d(2026, 1, 1), 0)])], today: today)
        XCTAssertEqual(alerts, [.outOfStock(item: "X")])
    }
}
