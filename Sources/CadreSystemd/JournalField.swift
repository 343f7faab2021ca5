import Logging

/// Names and values of the journal fields a log record becomes.
///
/// journald accepts a field name only if it is 1–64 characters of `A–Z`, `0–9` and `_`, does not
/// start with a digit, and does not start with `_` (those are trusted fields journald sets
/// itself); it silently drops fields that break the rule. Metadata keys are written in Swift's
/// camel case (`runID`) or snake case (`run_id`), so both are mapped to the same upper snake
/// case, behind the `CADRE_` prefix that keeps Cadre's fields apart from everyone else's.
enum JournalField {
    static let prefix = "CADRE_"
    static let maximumNameLength = 64

    /// `runID` and `run_id` → `CADRE_RUN_ID`; `workerPID` → `CADRE_WORKER_PID`;
    /// `HTTPServer` → `CADRE_HTTP_SERVER`; `store.path` → `CADRE_STORE_PATH`.
    static func name(forMetadataKey key: String) -> String {
        let words = upperSnakeCase(key)
        let name = prefix + (words.isEmpty ? "METADATA" : words)
        return String(name.prefix(maximumNameLength))
    }

    /// Splits at case changes and at anything that is not an ASCII letter or digit; a run of
    /// capitals is one word (an acronym) that ends where a lower-case letter begins the next word.
    static func upperSnakeCase(_ key: String) -> String {
        let characters = Array(key.unicodeScalars)
        var words: [String] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word = ""
        }
        for (index, scalar) in characters.enumerated() {
            guard ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) else {
                endWord()
                continue
            }
            let isUpper = ("A"..."Z").contains(scalar)
            if isUpper, let previous = index > 0 ? characters[index - 1] : nil {
                let previousIsLowerOrDigit = ("a"..."z").contains(previous) || ("0"..."9").contains(previous)
                let previousIsUpper = ("A"..."Z").contains(previous)
                let nextIsLower = index + 1 < characters.count && ("a"..."z").contains(characters[index + 1])
                if previousIsLowerOrDigit || (previousIsUpper && nextIsLower) { endWord() }
            }
            word.unicodeScalars.append(scalar)
        }
        endWord()
        return words.joined(separator: "_").uppercased()
    }

    /// swift-log's priority names onto syslog's numbers (`PRIORITY=`), the scale journalctl's
    /// `-p` filters on. syslog has nothing below debug, so trace shares 7 with it.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
