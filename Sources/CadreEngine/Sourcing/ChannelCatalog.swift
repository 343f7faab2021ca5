import Yams

/// Reads the hiring channels from YAML (docs/SOURCING.md):
///
///     channels:
///       - {id: campus, kind: university, rungs: [1], costPerHire: 800000, timeToFillDays: 150, capacityPerQuarter: 6}
///
/// through the taxonomy's YAML value reader, so a channels file reports its problems with the same
/// file, line, column and field path as the rest of the configuration — under `channels.*` codes.
public enum ChannelCatalog {
    static let topKeys = ["channels"]
    static let channelKeys = ["id", "kind", "rungs", "costPerHire", "timeToFillDays", "capacityPerQuarter"]

    /// Channels in file order. Throws every problem found, by line and column.
    public static func parse(file: String, contents: String) throws(InputErrors) -> [Channel] {
        var reader = TaxonomyValueReader(file: file)
        var channels: [Channel] = []
        read(contents, file: file, reader: &reader, into: &channels)
        guard reader.errors.isEmpty else {
            let errors = reader.errors.map(Self.channelError).enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }.map(\.element)
            throw InputErrors(errors)
        }
        return channels
    }

    private static func read(_ contents: String, file: String, reader: inout TaxonomyValueReader, into channels: inout [Channel]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: contents)
        } catch {
            reader.report(TaxonomySyntaxError.inputError(error, file: file))
            return
        }
        guard let root, !TaxonomyValueReader.isNull(root) else { return }
        let top = TaxonomyPlace(file: file, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1, field: "")
        guard let fields = reader.fields(root, at: top, known: topKeys, what: "a channels file") else { return }
        var firstDefined: [String: TaxonomyPlace] = [:]
        for (index, node) in (reader.list(fields, "channels") ?? []).enumerated() {
            let place = fields.place(of: "channels").item(index, at: node)
            let (channel, id) = readChannel(node, at: place, reader: &reader)
            // An id is taken by its first definition even when the rest of that channel is wrong.
            guard let id else { continue }
            if let first = firstDefined[id.value] {
                reader.report(id.place.error(
                    .channelsDuplicateID, "channel `\(id.value)` is already defined",
                    hint: "first defined at line \(first.line); give each channel its own id"))
                continue
            }
            firstDefined[id.value] = id.place
            if let channel { channels.append(channel) }
        }
    }

    private static func readChannel(
        _ node: Node, at place: TaxonomyPlace, reader: inout TaxonomyValueReader
    ) -> (channel: Channel?, id: Located<String>?) {
        guard let fields = reader.fields(node, at: place, known: channelKeys, what: "a channel") else { return (nil, nil) }
        let id = reader.identifier(fields, "id")
        var kind: ChannelKind?
        if let text = reader.text(fields, "kind", required: true) {
            kind = ChannelKind(rawValue: text)
            if kind == nil {
                let known = ChannelKind.allCases.map(\.rawValue)
                let suggestion = TaxonomyIdentifier.suggestion(for: text, among: known)
                reader.report(fields.place(of: "kind").error(
                    .channelsUnknownKind, "`\(text)` is not a channel kind",
                    hint: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "use one of \(known.joined(separator: ", "))"))
            }
        }
        let rungs = readRungs(fields, reader: &reader)
        let cost = bounded(fields, "costPerHire", 0...Int(SourcingLimits.maximumCost), required: true,
                           what: "a cost in minor units of the currency", reader: &reader)
        let days = bounded(fields, "timeToFillDays", 0...SourcingLimits.maximumTimeToFillDays, required: true,
                           what: "a number of days", reader: &reader)
        let capacity = bounded(fields, "capacityPerQuarter", 0...Int(Int32.max), required: false,
                               what: "hires per quarter (leave it out for no limit)", reader: &reader)
        guard let id, let kind, let rungs, let cost, let days else { return (nil, id) }
        let channel = Channel(id: id.value, kind: kind, rungs: rungs, costPerHire: Int64(cost),
                              timeToFillDays: days, capacityPerQuarter: capacity)
        return (channel, id)
    }

    private static func readRungs(_ fields: TaxonomyFields, reader: inout TaxonomyValueReader) -> [Int]? {
        guard let items = reader.list(fields, "rungs") else {
            if fields["rungs"] == nil {
                reader.report(fields.place.child("rungs", at: nil).error(.taxonomyMissingField, "`rungs` is required",
                                                                         hint: "list the rungs the channel hires at, e.g. `rungs: [1, 2]`"))
            }
            return nil
        }
        let place = fields.place(of: "rungs")
        if items.isEmpty {
            reader.report(place.error(.channelsOutOfRange, "the channel supplies no rung",
                                      hint: "list the rungs the channel hires at, e.g. `rungs: [1, 2]`"))
            return nil
        }
        var rungs: [Int] = []
        var valid = true
        for (index, item) in items.enumerated() {
            let itemPlace = place.item(index, at: item)
            guard case .scalar(let scalar) = item, let rung = Int(scalar.string) else {
                reader.report(itemPlace.error(.taxonomyBadType, "a rung must be a whole number, found \(TaxonomyValueReader.kind(of: item))"))
                valid = false
                continue
            }
            guard rung >= 1 else {
                reader.report(itemPlace.error(.channelsOutOfRange, "rung \(rung) is below 1",
                                              hint: "rungs count up from 1 at the entry level"))
                valid = false
                continue
            }
            if !rungs.contains(rung) { rungs.append(rung) }
        }
        return valid ? rungs.sorted() : nil
    }

    private static func bounded(
        _ fields: TaxonomyFields, _ key: String, _ range: ClosedRange<Int>, required: Bool, what: String,
        reader: inout TaxonomyValueReader
    ) -> Int? {
        guard required || fields[key] != nil else { return nil }
        guard let value = reader.integer(fields, key) else { return nil }
        guard range.contains(value.value) else {
            reader.report(value.place.error(
                .channelsOutOfRange, "`\(key)` is \(value.value), outside \(range.lowerBound)–\(range.upperBound)",
                hint: "\(key) is \(what)"))
            return nil
        }
        return value.value
    }

    /// The shared YAML reader speaks in `taxonomy.*` codes; a channels file answers in its own.
    private static func channelError(_ error: InputError) -> InputError {
        let codes: [InputError.Code: InputError.Code] = [
            .taxonomySyntax: .channelsSyntax, .taxonomyBadType: .channelsBadType,
            .taxonomyUnknownField: .channelsUnknownField, .taxonomyMissingField: .channelsMissingField,
            .taxonomyBadID: .channelsBadID,
        ]
        var error = error
        if let code = codes[error.code] { error.code = code }
        return error
    }
}
