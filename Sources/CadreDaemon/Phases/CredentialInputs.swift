import CadreEngine
import CadreStore
import CadreWire

/// The credential catalogue and the holdings in force at a data version. Holdings are a set:
/// the union of every imported batch up to that version, each holding once, in the engine's order.
struct CredentialInputs {
    var catalogue: CredentialCatalogue
    var holdings: [CredentialHolding]

    /// Nil when no credential catalogue was loaded by `dataVersion`.
    static func load(reader: StoreReader, dataVersion: Int64) throws -> CredentialInputs? {
        guard let document = try reader.document(.credentialCatalogue, atDataVersion: dataVersion) else { return nil }
        let catalogue = try WireJSON.decode(CredentialCatalogue.self, from: document.content)
        var seen = Set<CredentialHolding>()
        for batch in try reader.batches(.credentialHoldings, atDataVersion: dataVersion) {
            seen.formUnion(try WireJSON.decode([CredentialHolding].self, from: batch.content))
        }
        return CredentialInputs(catalogue: catalogue, holdings: seen.sorted(by: CredentialHolding.precedes))
    }

    /// The holdings as assessment evidence (DESIGN.md: a holding counts while it is valid; the
    /// assessment's own time rule decides that from observed-at and valid-until).
    var evidence: [EvidenceRecord] {
        CredentialEvidence.records(for: holdings, catalogue: catalogue)
    }
}
