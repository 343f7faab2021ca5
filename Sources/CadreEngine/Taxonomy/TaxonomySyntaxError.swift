import Yams

/// Turns what libYAML reports into a `taxonomy.syntax` error (or another format's syntax code) at
/// the line and column it names.
enum TaxonomySyntaxError {
    static func inputError(_ error: any Error, file: String, code: InputError.Code = .taxonomySyntax) -> InputError {
        let hint = "check indentation (spaces, not tabs) and that every `key:` is followed by a space"
        guard let yamlError = error as? YamlError else {
            return InputError(code, file: file, message: "not readable as YAML: \(error)", hint: hint)
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return InputError(code, file: file, line: mark.line, column: mark.column,
                              message: message, hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            return InputError(code, file: file, line: context.mark.line, column: context.mark.column,
                              field: duplicates.first ?? "",
                              message: "key \(keys) is written more than once in one mapping",
                              hint: "keep one of them; a second `- ` may be missing before a new list item")
        case .reader(let problem, _, _, _):
            return InputError(code, file: file, message: problem, hint: "save the file as UTF-8")
        default:
            return InputError(code, file: file, message: "not readable as YAML: \(yamlError)", hint: hint)
        }
    }
}
