import Crypto
import Foundation

/// Counselling notes at rest: the free text of a note (notes, outcome, referral) is stored
/// sealed with AES-256-GCM under a key kept in its own file beside the database
/// (`<database>.notes-key`, 32 random bytes, mode 0600, owned by the user the program runs
/// as). A copy of the database, a backup, or head office's copy of a synced note holds only
/// the sealed text; whoever has the key file can read it.
///
/// Stored form: `enc1:<key id>:<base64 of nonce, ciphertext and tag>`; the key id (the first
/// 8 hex digits of the key's SHA-256) says when a note was sealed under another key.
public struct CounsellingCipher: Sendable {
    static let prefix = "enc1:"
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    /// The first 8 hex digits of the key's SHA-256: names the key without revealing it.
    public let keyID: String

    init(key: SymmetricKey) {
        keyBytes = key.withUnsafeBytes { Data($0) }
        keyID = SHA256.hash(data: keyBytes).prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// Where the key of the database at `databasePath` is kept.
    public static func keyPath(for databasePath: String) -> String { databasePath + ".notes-key" }

    /// Whether a stored value is sealed (rather than text written before notes were sealed).
    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// The key in `path`; nil when there is no such file.
    public static func load(path: String) throws(CounsellingKeyError) -> CounsellingCipher? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path)
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: path) }
        guard info.st_mode & 0o077 == 0 else { throw .readableByOthers(path: path) }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        guard bytes.count == 32 else { throw .damaged(path: path) }
        return CounsellingCipher(key: SymmetricKey(data: bytes))
    }

    /// Makes a new random key and writes it to `path` (0600, fsynced, never over a file).
    public static func create(path: String) throws(CounsellingKeyError) -> CounsellingCipher {
        let key = SymmetricKey(size: .bits256)
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotCreate(path: path) }
        defer { close(descriptor) }
        let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == 32, fsync(descriptor) == 0 else {
            unlink(path)
            throw .cannotCreate(path: path)
        }
        return CounsellingCipher(key: key)
    }

    /// `text` sealed for storage.
    public func seal(_ text: String) throws -> String {
        let box = try AES.GCM.seal(Data(text.utf8), using: key)
        guard let combined = box.combined else { throw CounsellingKeyError.damaged(path: "") }
        return "\(Self.prefix)\(keyID):\(combined.base64EncodedString())"
    }

    /// The text of a stored value: sealed values are opened, text from before sealing is returned as it is.
    public func open(_ stored: String, keyPath: String) throws(CounsellingKeyError) -> String {
        guard Self.isSealed(stored) else { return stored }
        let parts = stored.dropFirst(Self.prefix.count).split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { throw .noteDamaged }
        guard parts[0] == keyID else { throw .otherKey(path: keyPath) }
        guard let data = Data(base64Encoded: String(parts[1])),
            let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key),
            let text = String(data: plain, encoding: .utf8)
        else { throw .noteDamaged }
        return text
    }
}

extension CounsellingCipher {
    /// `record` with its free text sealed.
    public func sealed(_ record: CounsellingRecord) throws -> CounsellingRecord {
        var sealed = record
        (sealed.notes, sealed.outcome, sealed.referral) = (
            try seal(record.notes), try seal(record.outcome), try seal(record.referral)
        )
        return sealed
    }

    /// `record` opened, or, when it cannot be (another key, damaged), with its text replaced by
    /// the reason in brackets: one unreadable note never hides the others.
    public func openedOrMarked(_ record: CounsellingRecord, keyPath: String) -> CounsellingRecord {
        do {
            return try opened(record, keyPath: keyPath)
        } catch {
            var marked = record
            (marked.notes, marked.outcome, marked.referral) = ("[\(error.description)]", "", "")
            return marked
        }
    }

    /// `record` with its free text opened.
    public func opened(_ record: CounsellingRecord, keyPath: String) throws(CounsellingKeyError) -> CounsellingRecord {
        var opened = record
        opened.notes = try open(record.notes, keyPath: keyPath)
        opened.outcome = try open(record.outcome, keyPath: keyPath)
        opened.referral = try open(record.referral, keyPath: keyPath)
        return opened
    }
}

/// Why counselling notes cannot be sealed or opened, in words with what to do.
public enum CounsellingKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case notAFile(path: String)
    case readableByOthers(path: String)
    case unreadable(path: String)
    case damaged(path: String)
    case cannotCreate(path: String)
    case otherKey(path: String)
    case noteDamaged

    public var description: String {
        switch self {
        case .missing(let path):
            "The counselling notes are locked: their key file \(path) is missing. Put back the key kept with the backups; notes cannot be read or written without it."
        case .notAFile(let path): "The counselling key \(path) is not a plain file; counselling notes are locked."
        case .readableByOthers(let path):
            "The counselling key \(path) can be read by others: `chmod 600 \(path)`, then try again."
        case .unreadable(let path): "The counselling key \(path) cannot be read by this user; counselling notes are locked."
        case .damaged(let path): "The counselling key \(path) is damaged (it must be 32 bytes); counselling notes are locked."
        case .cannotCreate(let path): "Cannot create the counselling key \(path): the folder is not writable or the disk is full."
        case .otherKey(let path):
            "These counselling notes were sealed with another key than \(path); put back the key they were written with."
        case .noteDamaged: "A counselling note is damaged and cannot be opened; the other notes are unaffected."
        }
    }
}
