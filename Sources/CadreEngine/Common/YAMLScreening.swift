import CLibYAML

/// Checks that outside YAML (taxonomy files, the daemon's configuration) is small and plain before
/// Yams composes it into a tree.
///
/// Anchors and aliases are refused outright: composing shares an anchored node, but hashing a
/// mapping's keys (Yams checks them for duplicates) and reading the tree walk every alias as a full
/// copy, so ~470 bytes of nested aliases ("billion laughs", worst with aliases as mapping keys)
/// cost minutes of CPU. Cadre's formats have no use for them. The check reads libyaml's events —
/// the same parser, and so the same anchors, Yams would compose — which costs time linear in the
/// text and expands nothing.
public enum YAMLScreening {
    public struct Reference: Hashable, Sendable {
        /// 1-based, as `InputError` counts.
        public var line: Int
        public var column: Int
        /// The anchor's name, without `&` or `*`.
        public var name: String
        /// `*name` (a use) rather than `&name` (a definition).
        public var isAlias: Bool
    }

    /// The first anchor or alias in document order, or nil when there is none. A syntax error ends
    /// the search: Yams stops at the same event, reports it, and has expanded nothing past it.
    public static func firstAnchorOrAlias(in text: String) -> Reference? {
        var text = text
        return text.withUTF8 { bytes -> Reference? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let anchor: UnsafeMutablePointer<yaml_char_t>?
                switch event.type {
                case YAML_ALIAS_EVENT: anchor = event.data.alias.anchor
                case YAML_SCALAR_EVENT: anchor = event.data.scalar.anchor
                case YAML_SEQUENCE_START_EVENT: anchor = event.data.sequence_start.anchor
                case YAML_MAPPING_START_EVENT: anchor = event.data.mapping_start.anchor
                case YAML_STREAM_END_EVENT: return nil
                default: anchor = nil
                }
                if let anchor {
                    return Reference(
                        line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1,
                        name: ControlCharacters.escaped(String(cString: anchor)), isAlias: event.type == YAML_ALIAS_EVENT)
                }
            }
            return nil
        }
    }

    /// The message and hint for a refused anchor or alias, worded once for every format.
    public static func describe(_ reference: Reference) -> (message: String, hint: String) {
        let what = reference.isAlias ? "the alias `*\(reference.name)`" : "the anchor `&\(reference.name)`"
        return ("\(what): YAML anchors and aliases are not accepted",
                "write the value out in full; repeating it is cheap, expanding aliases is not")
    }
}
