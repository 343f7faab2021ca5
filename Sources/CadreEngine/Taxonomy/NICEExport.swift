import Foundation

/// The parts of NIST's CPRT JSON export of the NICE Framework (SP 800-181 Rev 1, v2.x) that the
/// import reads: `response.elements.elements[]` and `response.elements.relationships[]`.
/// Everything else in the file (documents, relationship types, provenance) is ignored.
struct NICEExport: Decodable {
    struct Response: Decodable {
        var elements: Contents
    }

    struct Contents: Decodable {
        var elements: [Element]
        var relationships: [Relationship]
    }

    struct Element: Decodable {
        /// `work_role`, `knowledge`, `skill`, `task`, `competency_area`, `category`, `sort`, `opm_code`.
        var type: String
        var identifier: String
        var title: String?
        var text: String?

        enum CodingKeys: String, CodingKey {
            case type = "element_type"
            case identifier = "element_identifier"
            case title, text
        }
    }

    /// NICE's "projection" edges; a work role points at the tasks, knowledge and skills it needs.
    struct Relationship: Decodable {
        var source: String
        var destination: String

        enum CodingKeys: String, CodingKey {
            case source = "source_element_identifier"
            case destination = "dest_element_identifier"
        }
    }

    var response: Response

    /// Decodes the export, turning Foundation's errors into ones that name the field at fault.
    static func decode(_ bytes: [UInt8], file: String) throws(InputErrors) -> NICEExport {
        let data = Data(bytes)
        do {
            return try JSONDecoder().decode(NICEExport.self, from: data)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            throw InputErrors([syntaxError(data, file: file)])
        } catch let error as DecodingError {
            throw InputErrors([layoutError(error, file: file)])
        } catch {
            throw InputErrors([InputError(.niceSyntax, file: file, message: "not readable as JSON: \(error)")])
        }
    }

    private static func syntaxError(_ data: Data, file: String) -> InputError {
        var line = 0
        var column = 0
        var detail = "the file is not valid JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            // Foundation reports "… around character N." (a byte offset); turn it into a line and column.
            let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            if !description.isEmpty { detail = description }
            if let range = description.range(of: "character "),
               let offset = Int(description[range.upperBound...].prefix { $0.isNumber }), offset <= data.count {
                let before = data.prefix(offset)
                line = before.count { $0 == UInt8(ascii: "\n") } + 1
                column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
            }
        }
        return InputError(.niceSyntax, file: file, line: line, column: column, message: detail,
                          hint: "download the JSON export again from csrc.nist.gov (NICE Framework, CPRT)")
    }

    private static func layoutError(_ error: DecodingError, file: String) -> InputError {
        let hint = "expected NIST's CPRT export with response.elements.elements[] and relationships[]"
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce("") { path, key in
                if let index = key.intValue { return "\(path)[\(index)]" }
                return path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)"
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return InputError(.niceLayout, file: file, field: parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)",
                              message: "`\(key.stringValue)` is missing", hint: hint)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return InputError(.niceLayout, file: file, field: path(context.codingPath),
                              message: context.debugDescription, hint: hint)
        @unknown default:
            return InputError(.niceLayout, file: file, message: "\(error)", hint: hint)
        }
    }
}
