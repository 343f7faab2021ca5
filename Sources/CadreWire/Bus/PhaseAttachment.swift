/// One artifact in a `phaseSucceeded` frame's attachment: its name and how many bytes it takes.
public struct ArtifactExtent: Codable, Hashable, Sendable {
    public var name: String
    public var byteCount: Int

    public init(name: String, byteCount: Int) {
        self.name = name
        self.byteCount = byteCount
    }
}

/// A phase's result and its artifacts travel as one attachment — the result's bytes, then each
/// artifact's in the order `PhaseCompletion.artifacts` lists them — so the bulky bytes never pass
/// through the JSON header.
extension PhaseCompletion {
    public static func attachment(
        payload: [UInt8], artifacts: [(name: String, content: [UInt8])]
    ) -> (attachment: [UInt8], extents: [ArtifactExtent]) {
        var attachment: [UInt8] = []
        attachment.reserveCapacity(payload.count + artifacts.reduce(0) { $0 + $1.content.count })
        attachment += payload
        for artifact in artifacts { attachment += artifact.content }
        return (attachment, artifacts.map { ArtifactExtent(name: $0.name, byteCount: $0.content.count) })
    }

    /// Cuts an attachment back into the result and the artifacts `artifacts` describes.
    ///
    /// - Throws: `WireError` (`wire.malformed`) when the extents are negative, run past the
    ///   attachment or name an artifact twice.
    public func split(_ attachment: [UInt8]) throws(WireError) -> (payload: [UInt8], artifacts: [(name: String, content: [UInt8])]) {
        var total = 0
        for extent in artifacts {
            guard extent.byteCount >= 0, extent.byteCount <= attachment.count - total else {
                throw WireError(.malformed, "artifact \(extent.name) of \(extent.byteCount) bytes does not fit the \(attachment.count)-byte attachment")
            }
            total += extent.byteCount
        }
        guard Set(artifacts.map(\.name)).count == artifacts.count else {
            throw WireError(.malformed, "an artifact name repeats: \(artifacts.map(\.name))")
        }
        var start = attachment.count - total
        let payload = Array(attachment[..<start])
        let pieces = artifacts.map { extent -> (name: String, content: [UInt8]) in
            defer { start += extent.byteCount }
            return (extent.name, Array(attachment[start..<(start + extent.byteCount)]))
        }
        return (payload, pieces)
    }
}
