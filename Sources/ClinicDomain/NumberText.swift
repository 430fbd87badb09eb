extension Double {
    /// The number as typed at the clinic: "2", "81.5", never "2.0" and never locale-dependent.
    public var plainText: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
