import ClinicDomain
import XCTest

final class LedgerTests: XCTestCase {
    let today = CalendarDate(year: 2026, month: 11, day: 24)!

    func batch(_ id: Int64, _ y: Int, _ m: Int, _ d: Int, _ onHand: Int) -> BatchStock {
        BatchStock(batchID: id, expiry: CalendarDate(year: y, month: m, day: d)!, onHand: onHand)
    }

    func testFirstExpiryFirstOutNeverExpired() throws {
        let batches = [
            batch(1, 2027, 6, 1, 10), batch(2, 2026, 12, 31, 5), batch(3, 2026, 11, 23, 100), batch(4, 2026, 11, 24, 2),
        ]
        let picks = try StockRules.fefo(batches, quantity: 9, today: today).get()
        XCTAssertEqual(picks.map(\.batchID), [4, 2, 1], "expires today is still usable; expired yesterday never")
        XCTAssertEqual(picks.map(\.quantity), [2, 5, 2])
        guard case .failure(let error) = StockRules.fefo(batches, quantity: 18, today: today) else { return XCTFail() }
        XCTAssertEqual(error, .insufficient(requested: 18, available: 17))
        XCTAssertEqual(error.description, "Only 17 in date on hand; 18 asked for. Nothing was taken.")
        guard case .failure(.notPositive) = StockRules.fefo(batches, quantity: 0, today: today) else { return XCTFail() }
    }

    /// Random receipts, dispensings and adjustments: on hand always equals the sum of the
    /// accepted movements and never goes negative; refused movements change nothing.
    func testRandomMovementSequencesKeepTheLedgerInvariants() {
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0...UInt64.max, using: &generator)
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<200 {
            var onHand = 0
            var ledger: [Int] = []
            for _ in 0..<50 {
                let change = next(3) == 0 ? next(40) + 1 : -(next(30))
                switch StockRules.apply(change, to: onHand) {
                case .success(let newOnHand):
                    ledger.append(change)
                    onHand = newOnHand
                case .failure(let error):
                    XCTAssertEqual(error, .wouldGoNegative(onHand: onHand, change: change), "seed \(seed)")
                }
                XCTAssertGreaterThanOrEqual(onHand, 0, "seed \(seed)")
                XCTAssertEqual(ledger.reduce(0, +), onHand, "seed \(seed)")
            }
        }
    }
}
