import Foundation
import Yams

/// Reads a YAML file into Yams nodes, which keep line numbers for error messages.
struct YAMLFile {
    let path: String
    let root: Node

    /// Loads and parses `path`; a missing file or a YAML syntax error becomes a `ConfigFileError`.
    init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigFileError(file: path, line: nil, "cannot read the file (missing or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigFileError(file: path, line: nil, "the file is not UTF-8 text")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigFileError(file: path, line: nil, "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw Self.locate(error, file: path)
        }
    }

    /// A `ConfigFileError` at `node`'s line.
    func error(_ message: String, at node: Node?) -> ConfigFileError {
        ConfigFileError(file: path, line: node?.mark?.line, message)
    }

    /// The mapping at `node`, or an error saying what was expected.
    func mapping(_ node: Node, _ what: String) throws -> Node.Mapping {
        guard let mapping = node.mapping else { throw error("\(what) must be a mapping (key: value)", at: node) }
        return mapping
    }

    /// The string at `node`, or an error.
    func string(_ node: Node, _ what: String) throws -> String {
        guard let scalar = node.scalar else { throw error("\(what) must be a plain value", at: node) }
        return scalar.string
    }

    /// The strings of a sequence, or of a single scalar treated as a one-item list.
    func strings(_ node: Node, _ what: String) throws -> [(String, Node)] {
        if let scalar = node.scalar { return [(scalar.string, node)] }
        guard let sequence = node.sequence else { throw error("\(what) must be a list", at: node) }
        return try sequence.map { (try string($0, what), $0) }
    }

    private static func locate(_ error: YamlError, file: String) -> ConfigFileError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            ConfigFileError(file: file, line: mark.line, "YAML error: \(problem)")
        default:
            ConfigFileError(file: file, line: nil, "YAML error: \(error)")
        }
    }
}
