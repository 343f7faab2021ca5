import Foundation
import GRDB

/// A failure of the store itself: a missing prerequisite, a record that isn't there, a database file
/// that can't be read or written.
///
/// Like `InputError` it carries a stable `code` that the daemon passes on to clients and that tests
/// match; new codes can be added without breaking callers that switch on the ones they know. SQLite
/// errors never leak out as GRDB types: they are mapped onto these codes, keeping the SQLite message.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A run was requested before any taxonomy was loaded.
        public static let noTaxonomy = Code("store.no-taxonomy")
        /// The run, phase or database named doesn't exist.
        public static let notFound = Code("store.not-found")
        /// The database (or a stored document in it) can't be decoded.
        public static let corrupt = Code("store.corrupt")
        /// The file system refused: permissions, a full disk, a missing directory.
        public static let io = Code("store.io")
        /// A write through a read-only connection.
        public static let readOnly = Code("store.read-only")
        /// Another process holds a lock longer than the busy timeout.
        public static let busy = Code("store.busy")
        /// The request contradicts what is stored: a duplicate key, a finished run changing state.
        public static let conflict = Code("store.conflict")
        /// The caller misused the API: a wrong import kind, a value the store can't represent.
        public static let invalidRequest = Code("store.invalid-request")
        /// The database schema is older than this program (start `cadred` to migrate it) or unknown.
        public static let schema = Code("store.schema")
    }

    public var code: Code
    public var message: String
    /// Where in the store the error was raised, for the journal; not shown to users.
    public var file: String
    public var line: Int

    public init(_ code: Code, _ message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String { "[\(code)] \(message)" }
}

extension StoreError {
    /// Maps anything thrown below the store's public surface onto a `StoreError`, so callers handle
    /// one error type. `what` names the operation, because SQLite's own messages rarely do.
    static func wrapping(_ error: any Error, _ what: String, file: String = #fileID, line: Int = #line) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as DatabaseError:
            let detail = error.message ?? "\(error.resultCode)"
            return StoreError(code(for: error.resultCode), "\(what): \(detail)", file: file, line: line)
        case let error as DecodingError:
            return StoreError(.corrupt, "\(what): stored document can't be decoded: \(error)", file: file, line: line)
        case let error as CocoaError:
            return StoreError(.io, "\(what): \(error.localizedDescription)", file: file, line: line)
        default:
            return StoreError(.io, "\(what): \(error)", file: file, line: line)
        }
    }

    private static func code(for resultCode: ResultCode) -> Code {
        switch resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB, .SQLITE_FORMAT, .SQLITE_MISMATCH:
            return .corrupt
        case .SQLITE_READONLY:
            return .readOnly
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy
        case .SQLITE_CONSTRAINT:
            return .conflict
        case .SQLITE_CANTOPEN:
            return .notFound
        case .SQLITE_TOOBIG, .SQLITE_RANGE:
            return .invalidRequest
        default:
            return .io
        }
    }
}

/// Runs `body`, turning whatever it throws into a `StoreError` naming `what`.
func storeOperation<T>(_ what: String, file: String = #fileID, line: Int = #line, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw StoreError.wrapping(error, what, file: file, line: line)
    }
}
