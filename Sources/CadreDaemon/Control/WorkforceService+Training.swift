import CadreEngine
import CadreStore
import CadreWire
import Logging

/// Course catalogues and learning plans.
extension WorkforceService {
    func dispatchTraining(_ method: Workforce.Method, _ call: VarlinkCall, peer: PeerCredentials) async throws -> CallOutcome {
        switch method {
        case .loadCatalogue:
            let parameters = try call.decodeParameters(as: Workforce.LoadCatalogueParameters.self)
            let (_, taxonomy) = try taxonomy(nil)
            if parameters.kind == "credentials" { return try await loadCredentials(parameters, taxonomy: taxonomy, peer: peer) }
            guard parameters.kind == "courses" else {
                throw ControlFailure.invalidParameter("kind", "'\(parameters.kind)' is not courses or credentials")
            }
            let catalogue = try CatalogueParser.parse(
                parameters.files.map { CatalogueSource(name: $0.name, contents: $0.contents) }, skills: taxonomy.skills.map(\.id))
            let source = parameters.source ?? parameters.files.map(\.name).joined(separator: ", ")
            let stored = try await store.saveDocument(
                .courseCatalogue, digest: catalogue.digest, source: source, items: catalogue.count,
                content: try WireJSON.encode(catalogue))
            if !stored.unchanged {
                logger.info("course catalogue of \(catalogue.count) courses loaded from \(source) by uid \(peer.uid) as data version \(stored.dataVersion)")
                hub.publish("catalogue-loaded", message: "courses: \(catalogue.count), data version \(stored.dataVersion)")
            }
            return reply(Workforce.CatalogueReply(version: Self.catalogueVersion(stored)))
        case .getCatalogue:
            let parameters = try call.decodeParameters(as: Workforce.GetCatalogueParameters.self)
            let kind: DocumentKind
            switch parameters.kind {
            case "courses": kind = .courseCatalogue
            case "credentials": kind = .credentialCatalogue
            default: throw ControlFailure.invalidParameter("kind", "'\(parameters.kind)' is not courses or credentials")
            }
            guard let stored = try await store.document(kind) else {
                throw ControlFailure(
                    Workforce.ErrorName.noCatalogue,
                    Workforce.HintError(
                        hint: kind == .courseCatalogue
                            ? "no course catalogue loaded: cadrectl catalogue load Config/catalogue"
                            : "no credential catalogue loaded: cadrectl credentials load Config/credentials"))
            }
            return reply(
                Workforce.CatalogueDocumentReply(
                    version: Self.catalogueVersion(stored), document: try WireJSON.decode(JSONValue.self, from: stored.content)))
        default:
            let parameters = try call.decodeParameters(as: Workforce.GetPlansParameters.self)
            let access = await authorizer.access(of: peer)
            return reply(Workforce.PlansViewReply(view: try await plans.view(parameters, seesPeople: access >= .operator)))
        }
    }

    private func loadCredentials(
        _ parameters: Workforce.LoadCatalogueParameters, taxonomy: Taxonomy, peer: PeerCredentials
    ) async throws -> CallOutcome {
        let catalogue = try CredentialCatalogueParser.parse(
            parameters.files.map { CredentialCatalogueSource(name: $0.name, contents: $0.contents) }, taxonomy: taxonomy)
        let source = parameters.source ?? parameters.files.map(\.name).joined(separator: ", ")
        let stored = try await store.saveDocument(
            .credentialCatalogue, digest: catalogue.digest, source: source, items: catalogue.credentials.count,
            content: try WireJSON.encode(catalogue))
        if !stored.unchanged {
            logger.info("credential catalogue of \(catalogue.credentials.count) credentials loaded from \(source) by uid \(peer.uid)")
            hub.publish("catalogue-loaded", message: "credentials: \(catalogue.credentials.count), data version \(stored.dataVersion)")
        }
        return reply(Workforce.CatalogueReply(version: Self.catalogueVersion(stored)))
    }

    static func catalogueVersion(_ stored: StoredDocument) -> Workforce.CatalogueVersion {
        Workforce.CatalogueVersion(
            kind: stored.kind == .courseCatalogue ? "courses" : "credentials", dataVersion: stored.dataVersion, digest: stored.digest, source: stored.source,
            loadedAt: Timestamp.format(epochMilliseconds: stored.loadedAt), items: stored.items, unchanged: stored.unchanged)
    }
}

extension WorkforceService {
    /// Open Badges 3.0 files as one batch of holdings (see `BadgeImport`).
    func importBadges(_ parameters: Workforce.ImportBadgesParameters, peer: PeerCredentials) async throws -> Workforce.ImportBadgesReply {
        guard let stored = try await store.document(.credentialCatalogue) else {
            throw ControlFailure(
                Workforce.ErrorName.noCatalogue,
                Workforce.HintError(hint: "badges name credentials: load the credential catalogue first (cadrectl credentials load Config/credentials)"))
        }
        let catalogue = try WireJSON.decode(CredentialCatalogue.self, from: stored.content)
        let known = try results.reader().knownPersonIDs().sorted()
        let outcomes = try BadgeImport(settings: try badgeSettings(), catalogue: catalogue, knownPeople: known).outcomes(parameters.files)
        let holdings = outcomes.map(\.holding)
        let badges = outcomes.map(\.wire)
        let name = parameters.files.count == 1 ? parameters.files[0].name : "\(parameters.files.count) badges"
        if parameters.dryRun == true {
            let summary = Workforce.ImportSummary(
                importId: "", kind: "badges", name: name, rows: holdings.count, dryRun: true, dataVersion: try store.dataVersion(),
                inserted: 0, updated: 0, unchanged: 0)
            return Workforce.ImportBadgesReply(summary: summary, badges: badges)
        }
        let version = try await store.appendBatch(
            .credentialHoldings, source: name, rows: holdings.count, content: try WireJSON.encode(holdings))
        let verified = holdings.count(where: { $0.verification == .verified })
        logger.info(
            "\(holdings.count) Open Badges imported from \(name) by uid \(peer.uid) as data version \(version) (\(verified) verified, \(holdings.count - verified) unverified)")
        hub.publish("import-committed", message: "badges from \(name): \(holdings.count) holdings (\(verified) verified), data version \(version)")
        let summary = Workforce.ImportSummary(
            importId: "", kind: "badges", name: name, rows: holdings.count, dryRun: false, dataVersion: version,
            inserted: holdings.count, updated: 0, unchanged: 0)
        return Workforce.ImportBadgesReply(summary: summary, badges: badges)
    }
}
