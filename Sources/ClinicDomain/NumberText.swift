import Foundation

extension Double {
    /// The number as typed at the clinic: "2", "81.5", never "2.0" and never locale-dependent.
    public var plainText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

/// Numbers as staff type them: spaces around the digits ignored (" 5" days is 5), a
/// decimal comma read as a point.
public enum TypedNumber {
    public static func integer(_ text: String) -> Int? { Int(text.trimmingCharacters(in: .whitespaces)) }

    public static func decimal(_ text: String) -> Double? {
        Double(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "."))
    }
}

extension Int {
    /// The count with its noun in the right number: "1 visit", "3 visits", "0 visits";
    /// `plural` for a noun that does not take an s ("1 batch", "2 batches").
    public func counted(_ singular: String, plural: String? = nil) -> String {
        "\(self) " + (self == 1 ? singular : plural ?? singular + "s")
    }
}
