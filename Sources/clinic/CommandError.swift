/// A command that cannot go on, said in one line (`Error: …`) without the usage block that
/// a mistyped flag gets: the flags were right, the values or the situation were not.
struct CommandError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
