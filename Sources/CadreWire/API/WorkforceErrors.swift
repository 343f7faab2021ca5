import CadreEngine

/// The errors of `io.cadre.Workforce` and `org.varlink.service`, by their stable varlink names.
extension Workforce {
    public enum ErrorName {
        public static let permissionDenied = "io.cadre.Workforce.PermissionDenied"
        public static let invalidTaxonomy = "io.cadre.Workforce.InvalidTaxonomy"
        public static let noTaxonomy = "io.cadre.Workforce.NoTaxonomy"
        public static let invalidImport = "io.cadre.Workforce.InvalidImport"
        public static let invalidCatalogue = "io.cadre.Workforce.InvalidCatalogue"
        public static let noCatalogue = "io.cadre.Workforce.NoCatalogue"
        public static let noPlans = "io.cadre.Workforce.NoPlans"
        public static let noPhaseResult = "io.cadre.Workforce.NoPhaseResult"
        public static let noSnapshot = "io.cadre.Workforce.NoSnapshot"
        public static let importNotFound = "io.cadre.Workforce.ImportNotFound"
        public static let tooManyImports = "io.cadre.Workforce.TooManyImports"
        public static let noAssessment = "io.cadre.Workforce.NoAssessment"
        public static let teamNotFound = "io.cadre.Workforce.TeamNotFound"
        public static let personNotFound = "io.cadre.Workforce.PersonNotFound"
        public static let runNotFound = "io.cadre.Workforce.RunNotFound"
        public static let roleNotFound = "io.cadre.Workforce.RoleNotFound"
        public static let invalidParameter = "io.cadre.Workforce.InvalidParameter"
        public static let subscriberTooSlow = "io.cadre.Workforce.SubscriberTooSlow"
        public static let tooManyConnections = "io.cadre.Workforce.TooManyConnections"
        public static let shuttingDown = "io.cadre.Workforce.ShuttingDown"
        public static let `internal` = "io.cadre.Workforce.Internal"

        public static let interfaceNotFound = "org.varlink.service.InterfaceNotFound"
        public static let methodNotFound = "org.varlink.service.MethodNotFound"
        public static let serviceInvalidParameter = "org.varlink.service.InvalidParameter"
        public static let expectedMore = "org.varlink.service.ExpectedMore"
    }

    public struct PermissionDeniedError: Codable, Hashable, Sendable {
        public var method: String
        public var uid: Int
        public var required: String
        public init(method: String, uid: Int, required: String) {
            self.method = method
            self.uid = uid
            self.required = required
        }
    }

    public struct InvalidInputError: Codable, Hashable, Sendable {
        public var file: String
        public var line: Int
        public var column: Int
        public var field: String
        public var code: String
        public var message: String
        public var hint: String
        public var errors: [JSONValue]

        /// The first error leads; all of them (up to 100) follow, so a client can print every one.
        public init(_ errors: [InputError]) {
            let first = errors.first ?? InputError(.init("input.invalid"), file: "", message: "invalid input")
            file = first.file
            line = first.line
            column = first.column
            field = first.field
            code = first.code.rawValue
            message = first.message
            hint = first.hint
            self.errors = errors.prefix(100).map { error in
                [
                    "file": .string(error.file), "line": .number(Double(error.line)),
                    "column": .number(Double(error.column)), "field": .string(error.field),
                    "code": .string(error.code.rawValue), "message": .string(error.message),
                    "hint": .string(error.hint),
                ]
            }
        }

        /// Back to engine errors, for clients that print them the way the engine does.
        public var inputErrors: [InputError] {
            let all = errors.compactMap { value -> InputError? in
                guard let code = value["code"]?.stringValue else { return nil }
                return InputError(
                    .init(code), file: value["file"]?.stringValue ?? "", line: value["line"]?.intValue ?? 0,
                    column: value["column"]?.intValue ?? 0, field: value["field"]?.stringValue ?? "",
                    message: value["message"]?.stringValue ?? "", hint: value["hint"]?.stringValue ?? "")
            }
            if !all.isEmpty { return all }
            return [
                InputError(
                    .init(code), file: file, line: line, column: column, field: field, message: message,
                    hint: hint)
            ]
        }
    }

    public struct LimitError: Codable, Hashable, Sendable {
        public var limit: Int
        public init(limit: Int) { self.limit = limit }
    }

    public struct HintError: Codable, Hashable, Sendable {
        public var hint: String
        public init(hint: String) { self.hint = hint }
    }

    public struct RunNotFoundError: Codable, Hashable, Sendable {
        public var id: Int64
        public init(id: Int64) { self.id = id }
    }

    public struct RoleNotFoundError: Codable, Hashable, Sendable {
        public var id: String
        public var version: Int64
        public init(id: String, version: Int64) {
            self.id = id
            self.version = version
        }
    }

    public struct InvalidParameterError: Codable, Hashable, Sendable {
        public var parameter: String
        public var message: String
        public init(parameter: String, message: String) {
            self.parameter = parameter
            self.message = message
        }
    }

    public struct SubscriberTooSlowError: Codable, Hashable, Sendable {
        public var queued: Int
        public var limit: Int
        public init(queued: Int, limit: Int) {
            self.queued = queued
            self.limit = limit
        }
    }

    public struct TooManyConnectionsError: Codable, Hashable, Sendable {
        public var uid: Int
        public var limit: Int
        public init(uid: Int, limit: Int) {
            self.uid = uid
            self.limit = limit
        }
    }

    public struct MessageError: Codable, Hashable, Sendable {
        public var message: String
        public init(message: String) { self.message = message }
    }

    /// `org.varlink.service.GetInfo`'s answer.
    public struct ServiceInfo: Codable, Hashable, Sendable {
        public var vendor: String
        public var product: String
        public var version: String
        public var url: String
        public var interfaces: [String]
        public init(vendor: String, product: String, version: String, url: String, interfaces: [String]) {
            self.vendor = vendor
            self.product = product
            self.version = version
            self.url = url
            self.interfaces = interfaces
        }
    }
}
