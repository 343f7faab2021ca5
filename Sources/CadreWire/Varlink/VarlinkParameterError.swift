/// A call's parameters that do not decode as its method's input: which parameter, and what is
/// wrong with it, so the daemon can answer `InvalidParameter` naming it for every method.
public struct VarlinkParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The parameter's path: `id`, `files[0].name`; `parameters` when the whole is at fault.
    public var parameter: String
    public var message: String

    public init(parameter: String, message: String) {
        self.parameter = parameter
        self.message = message
    }

    public var description: String { "\(parameter): \(message)" }
}

/// Turns a `DecodingError` of a call's parameters into the parameter at fault.
///
/// Foundation's JSONDecoder reports a number that the field's type cannot hold (`1.5` or `1e20`
/// for an `Int64`) as "The given data was not valid JSON" with no coding path at all. For that
/// case the parameters are read as a tree, and each number that is not a whole `Int64` is tried
/// as `0` in turn: the one whose replacement makes the error go away is the parameter at fault.
/// Parameters are a handful of fields and this runs only for a call already refused.
enum VarlinkParameterDiagnosis {
    static func error<T: Decodable>(_ error: any Error, decoding type: T.Type, from bytes: some Collection<UInt8>) -> VarlinkParameterError {
        guard let decoding = error as? DecodingError else {
            return VarlinkParameterError(parameter: "parameters", message: "\(error)")
        }
        switch decoding {
        case .typeMismatch(let expected, let context):
            return VarlinkParameterError(
                parameter: path(context.codingPath), message: "expected \(name(of: expected)), found \(found(at: context.codingPath, in: bytes))")
        case .valueNotFound(let expected, let context):
            return VarlinkParameterError(parameter: path(context.codingPath), message: "expected \(name(of: expected)), found null")
        case .keyNotFound(let key, let context):
            return VarlinkParameterError(parameter: path(context.codingPath + [key]), message: "is required")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return VarlinkParameterError(parameter: path(context.codingPath), message: context.debugDescription)
        case .dataCorrupted(let context):
            if let tree = try? WireJSON.decode(JSONValue.self, from: bytes), let culprit = unrepresentableNumber(in: tree, as: type) {
                return culprit
            }
            return VarlinkParameterError(parameter: "parameters", message: context.debugDescription)
        @unknown default:
            return VarlinkParameterError(parameter: "parameters", message: "\(error)")
        }
    }

    private static func unrepresentableNumber<T: Decodable>(in tree: JSONValue, as type: T.Type) -> VarlinkParameterError? {
        for (keys, number) in numbers(in: tree, at: []) where number.rounded() != number || !(-9.2e18...9.2e18).contains(number) {
            let repaired = replacing(keys, in: tree, with: .number(0))
            do {
                _ = try WireJSON.convert(repaired, to: type)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                continue
            } catch {}
            let text = number.rounded() == number && abs(number) < 1e300 ? String(format: "%.0f", number) : "\(number)"
            return VarlinkParameterError(parameter: path(keys), message: "\(text) is not a whole number in the parameter's range")
        }
        return nil
    }

    private static func numbers(in value: JSONValue, at keys: [PathKey]) -> [([PathKey], Double)] {
        switch value {
        case .number(let number): [(keys, number)]
        case .array(let items): items.enumerated().flatMap { numbers(in: $1, at: keys + [PathKey(index: $0)]) }
        case .object(let fields): fields.keys.sorted().flatMap { numbers(in: fields[$0] ?? .null, at: keys + [PathKey(name: $0)]) }
        case .null, .bool, .string: []
        }
    }

    private static func replacing(_ keys: [PathKey], in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard let first = keys.first else { return replacement }
        let rest = Array(keys.dropFirst())
        switch value {
        case .array(var items):
            guard let index = first.intValue, items.indices.contains(index) else { return value }
            items[index] = replacing(rest, in: items[index], with: replacement)
            return .array(items)
        case .object(var fields):
            guard let field = fields[first.stringValue] else { return value }
            fields[first.stringValue] = replacing(rest, in: field, with: replacement)
            return .object(fields)
        default:
            return value
        }
    }

    /// `files[0].name`; `parameters` for the object itself.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "parameters" : text
    }

    private static func found(at keys: [any CodingKey], in bytes: some Collection<UInt8>) -> String {
        guard var value = try? WireJSON.decode(JSONValue.self, from: bytes) else { return "another type" }
        for key in keys {
            switch value {
            case .array(let items) where key.intValue.map(items.indices.contains) == true: value = items[key.intValue ?? 0]
            case .object(let fields) where fields[key.stringValue] != nil: value = fields[key.stringValue] ?? .null
            default: return "another type"
            }
        }
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt32.Type, is UInt64.Type: "a whole number"
        case is Double.Type, is Float.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }

    /// A coding key built from a path into the tree.
    struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(name: String) { stringValue = name }
        init(index: Int) { stringValue = "\(index)"; intValue = index }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.init(index: intValue) }
    }
}
