import CadreEngine
import CadreWire
import Foundation
import NIOCore
import NIOEmbedded

/// libFuzzer's entry point over the parsers that read bytes from outside the daemon: varlink
/// calls, bus frames, people and evidence files, taxonomy files. `CADRE_FUZZ_TARGET` picks one
/// (default `varlink`). Any input may be rejected; none may crash, hang or grow without bound.
///
///     make fuzz FUZZ_TARGET=varlink FUZZ_SECONDS=60
@_cdecl("LLVMFuzzerTestOneInput")
public func cadreFuzzOneInput(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: count))
    switch FuzzTarget.selected {
    case .varlink: FuzzTarget.varlink(bytes)
    case .bus: FuzzTarget.bus(bytes)
    case .evidence: FuzzTarget.evidence(bytes)
    case .taxonomy: FuzzTarget.taxonomy(bytes)
    }
    return 0
}

enum FuzzTarget: String {
    case varlink, bus, evidence, taxonomy

    static let selected = FuzzTarget(rawValue: ProcessInfo.processInfo.environment["CADRE_FUZZ_TARGET"] ?? "varlink") ?? .varlink

    /// The control socket's path: NUL framing with a limit, then the call scanner and typed parameters.
    static func varlink(_ bytes: [UInt8]) {
        let channel = EmbeddedChannel()
        guard (try? channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(VarlinkFrameDecoder(maximumMessageLength: 4096)))) != nil
        else { return }
        do {
            try channel.writeInbound(ByteBuffer(bytes: bytes))
            while let message = try channel.readInbound(as: ByteBuffer.self) {
                if let call = try? VarlinkCodec.decodeCall(message.readableBytesView) {
                    _ = try? call.decodeParameters(as: Workforce.GetGapsParameters.self)
                    _ = try? call.decodeParameters(as: Workforce.ImportChunkParameters.self)
                }
            }
        } catch {}
        _ = try? channel.finish()
    }

    static func bus(_ bytes: [UInt8]) {
        let channel = EmbeddedChannel()
        guard (try? channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BusFrameDecoder(maximumFrameLength: 1 << 16)))) != nil
        else { return }
        do {
            try channel.writeInbound(ByteBuffer(bytes: bytes))
            while try channel.readInbound(as: BusFrame.self) != nil {}
        } catch {}
        _ = try? channel.finish()
    }

    static let taxonomyForImports = Taxonomy(
        skills: [Skill(id: "python", name: "Python", discipline: .softwareEngineering)],
        roles: [Role(id: "ml-engineer", name: "ML engineer", levels: [RoleLevel(rung: 1, title: "I", requirements: [Requirement(skill: "python", level: 2, importance: 3)])])])

    /// An evidence file fed in two pieces split at the first byte's value, as chunks arrive.
    static func evidence(_ bytes: [UInt8]) {
        var reader = EvidenceImport(file: "fuzz.csv", context: EvidenceImportContext(taxonomy: taxonomyForImports, people: ["p1", "p2"]))
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) % bytes.count
        _ = try? reader.feed(bytes[..<split]) { _ in }
        _ = try? reader.feed(bytes[split...]) { _ in }
        _ = try? reader.finish { _ in }
    }

    static func taxonomy(_ bytes: [UInt8]) {
        _ = try? TaxonomyParser.parse([TaxonomySource(name: "fuzz.yaml", contents: String(decoding: bytes, as: UTF8.self))])
    }
}
