import CadreEngine
import CadreStore
import CadreWire
import Foundation
import Logging

/// Imports in progress. A client streams a file through `BeginImport`, `ImportChunk`… and
/// `CommitImport`; each chunk is parsed and validated as it arrives (the engine's streaming
/// importers) and its rows staged in a file of their own (the store's `ImportStaging`), so memory
/// stays flat whatever the file's size. Nothing reaches the store until the commit, which is one
/// transaction; any error discards the staging and the session.
actor ImportSessions {
    private enum Reader {
        case people(PeopleImport)
        case evidence(EvidenceImport)
        /// Course completions, staged as the training evidence they become (DESIGN.md).
        case completions(CompletionImport, CourseCatalogue)
        /// Credential holdings and HR events: kept in memory (a few rows per person) and stored
        /// as one batch of the data at commit.
        case holdings(CredentialHoldingImport, [CredentialHolding])
        case hrEvents(HREventImport, [HREvent])
        /// A workforce plan: it replaces the plan in force as a whole, so it is a document.
        case plan(WorkforcePlanImport, [WorkforcePlanRow])
    }

    /// Rows a batch import (holdings, HR events) may hold in memory.
    static let maximumBatchRows = 2_000_000

    private struct Session {
        let id: String
        /// What the client imports: people, evidence or completions.
        let label: String
        /// Where the rows are staged; nil for batch kinds.
        let kind: ImportKind?
        let name: String
        let owner: UInt32
        /// The control connection streaming the file; the import ends with it.
        let connection: UInt64
        let dryRun: Bool
        var reader: Reader
        let staging: ImportStaging?
    }

    private let store: any WorkforceStore
    private let hub: EventHub
    private let logger: Logger
    private let policy: @Sendable () -> AssessmentPolicy
    private var sessions: [String: Session] = [:]
    private var counter = 0
    private var reader: StoreReader?
    /// Open imports per connection, per user and in all: each holds a staging file open.
    static let perConnection = 2, perUser = 4, overall = 16

    init(store: any WorkforceStore, hub: EventHub, logger: Logger, policy: @escaping @Sendable () -> AssessmentPolicy) {
        self.store = store
        self.hub = hub
        self.logger = logger
        self.policy = policy
    }

    func begin(_ parameters: Workforce.BeginImportParameters, peer: PeerCredentials, connection: UInt64) async throws -> String {
        let open = sessions.values
        let limit =
            open.filter({ $0.connection == connection }).count >= Self.perConnection ? Self.perConnection
            : open.filter({ $0.owner == peer.uid }).count >= Self.perUser ? Self.perUser
            : open.count >= Self.overall ? Self.overall : nil
        if let limit {
            throw ControlFailure(Workforce.ErrorName.tooManyImports, Workforce.LimitError(limit: limit))
        }
        let kind: ImportKind?
        switch parameters.kind {
        case "people": kind = .people
        case "evidence", "completions": kind = .evidence
        case "credentials", "hr-events", "plan": kind = nil
        default:
            throw ControlFailure.invalidParameter(
                "kind", "'\(parameters.kind)' is not people, evidence, completions, credentials, hr-events or plan")
        }
        let format: ImportFormat
        switch parameters.format ?? "detect" {
        case "detect": format = .detect
        case "csv": format = .csv
        case "json": format = .json
        case let other: throw ControlFailure.invalidParameter("format", "'\(other)' is not csv, json or detect")
        }
        guard let version = try store.latestTaxonomyVersion(), let taxonomy = try store.taxonomy(version: version.version)
        else { throw StoreError(.noTaxonomy, "imports are checked against the taxonomy; none is loaded") }
        let options = ImportOptions(format: format, ignoresUnknownColumns: parameters.ignoreUnknownColumns ?? false)
        if reader == nil { reader = try StoreReader(databasePath: store.databasePath) }
        let known = try (reader?.knownPersonIDs() ?? []).sorted()
        let today = AsOfDay.of(Int64(Date().timeIntervalSince1970) + 1)
        let reader: Reader
        switch kind {
        case nil where parameters.kind == "plan":
            let compiled = try CompiledTaxonomy(taxonomy)
            reader = .plan(
                WorkforcePlanImport(
                    file: parameters.name, context: WorkforcePlanImportContext(taxonomy: compiled, asOf: today), options: options), [])
        case nil where parameters.kind == "credentials":
            guard let stored = try await store.document(.credentialCatalogue) else {
                throw ControlFailure(
                    Workforce.ErrorName.noCatalogue,
                    Workforce.HintError(hint: "holdings name credentials: load the credential catalogue first (cadrectl credentials load Config/credentials)"))
            }
            let catalogue = try WireJSON.decode(CredentialCatalogue.self, from: stored.content)
            reader = .holdings(
                CredentialHoldingImport(
                    file: parameters.name, context: HoldingImportContext(people: known, catalogue: catalogue, asOf: today),
                    options: options), [])
        case nil:
            let people = try (self.reader?.people(atDataVersion: try store.dataVersion()) ?? []).compactMap { person -> ImportedPerson? in
                guard let hired = InstantText.parse(person.hireDate) else { return nil }
                return ImportedPerson(
                    externalID: person.externalID, name: person.name, team: person.team, manager: person.manager,
                    role: person.role, rung: person.rung, hireDate: CalendarDay(daysSinceEpoch: hired / 86_400),
                    location: person.location)
            }
            reader = .hrEvents(
                HREventImport(
                    file: parameters.name, context: HREventImportContext(taxonomy: taxonomy, people: people, asOf: today),
                    options: options), [])
        case .people:
            reader = .people(
                PeopleImport(
                    file: parameters.name, context: PeopleImportContext(taxonomy: taxonomy, existingPeople: known),
                    options: options))
        case .evidence where parameters.kind == "completions":
            guard let stored = try await store.document(.courseCatalogue) else {
                throw ControlFailure(
                    Workforce.ErrorName.noCatalogue,
                    Workforce.HintError(hint: "completions name courses: load a course catalogue first (cadrectl catalogue load Config/catalogue)"))
            }
            let catalogue = try WireJSON.decode(CourseCatalogue.self, from: stored.content)
            reader = .completions(
                CompletionImport(
                    file: parameters.name, context: CompletionImportContext(people: known, courses: catalogue.ids, asOf: today),
                    options: options), catalogue)
        case .evidence:
            let scales = policy().scales.values.sorted { $0.name < $1.name }
            reader = .evidence(
                EvidenceImport(
                    file: parameters.name,
                    context: EvidenceImportContext(taxonomy: taxonomy, people: known, scales: scales), options: options))
        }
        let dryRun = parameters.dryRun ?? false
        counter += 1
        let id = "import-\(getpid())-\(counter)"
        sessions[id] = Session(
            id: id, label: parameters.kind, kind: kind, name: parameters.name, owner: peer.uid, connection: connection, dryRun: dryRun, reader: reader,
            staging: dryRun ? nil : try kind.map { try store.beginImport(kind: $0, source: parameters.name) })
        logger.info("import \(id) of \(parameters.kind) from \(parameters.name) opened by uid \(peer.uid)\(dryRun ? " (dry run)" : "")")
        return id
    }

    func chunk(_ id: String, data: String, connection: UInt64) throws -> Int {
        var session = try session(id, connection: connection)
        do {
            try feed(&session, Array(data.utf8))
        } catch {
            drop(session, because: error)
            throw error
        }
        sessions[id] = session
        return rows(of: session)
    }

    func commit(_ id: String, connection: UInt64) async throws -> Workforce.ImportSummary {
        var session = try session(id, connection: connection)
        do {
            try feed(&session, nil)
        } catch {
            drop(session, because: error)
            throw error
        }
        sessions[id] = nil
        let rows = rows(of: session)
        if !session.dryRun, case .plan(_, let rows) = session.reader {
            let content = try WireJSON.encode(rows)
            let stored = try await store.saveDocument(
                .workforcePlan, digest: SHA256.hex(content), source: session.name, items: rows.count, content: content)
            logger.info("import \(id): workforce plan of \(rows.count) role levels from \(session.name), data version \(stored.dataVersion)")
            if !stored.unchanged {
                hub.publish("import-committed", message: "plan from \(session.name): \(rows.count) rows, data version \(stored.dataVersion)")
            }
            return Workforce.ImportSummary(
                importId: id, kind: session.label, name: session.name, rows: rows.count, dryRun: false, dataVersion: stored.dataVersion,
                inserted: stored.unchanged ? 0 : rows.count, updated: 0, unchanged: stored.unchanged ? rows.count : 0)
        }
        if !session.dryRun, let batch = try batch(of: session) {
            let version = try await store.appendBatch(batch.kind, source: session.name, rows: batch.rows, content: batch.content)
            logger.info("import \(id) of \(session.name) committed as data version \(version): \(batch.rows) \(session.label)")
            hub.publish("import-committed", message: "\(session.label) from \(session.name): \(rows) rows, data version \(version)")
            return Workforce.ImportSummary(
                importId: id, kind: session.label, name: session.name, rows: rows, dryRun: false, dataVersion: version,
                inserted: batch.rows, updated: 0, unchanged: 0)
        }
        guard let staging = session.staging else {
            logger.info("import \(id): dry run of \(session.name) valid, \(rows) rows")
            return Workforce.ImportSummary(
                importId: id, kind: session.label, name: session.name, rows: rows, dryRun: true,
                dataVersion: try store.dataVersion(), inserted: 0, updated: 0, unchanged: 0)
        }
        let summary = try await staging.commit()
        logger.info(
            "import \(id) of \(session.name) committed as data version \(summary.dataVersion): \(summary.inserted) new, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.duplicates) duplicates")
        hub.publish(
            "import-committed",
            message: "\(session.label) from \(session.name): \(rows) rows, data version \(summary.dataVersion)")
        return Workforce.ImportSummary(
            importId: id, kind: session.label, name: session.name, rows: rows, dryRun: false,
            dataVersion: summary.dataVersion, inserted: summary.inserted, updated: summary.updated,
            unchanged: summary.unchanged, duplicates: summary.duplicates)
    }

    func abort(_ id: String, connection: UInt64) throws {
        let session = try session(id, connection: connection)
        sessions[id] = nil
        session.staging?.discard()
        logger.info("import \(id) aborted")
    }

    /// Parses `bytes` (nil: the end of the file) and stages the rows they complete.
    private func feed(_ session: inout Session, _ bytes: [UInt8]?) throws {
        switch session.reader {
        case .people(var reader):
            var batch: [StoredPerson] = []
            let collect: (ImportedPerson) -> Void = { person in
                batch.append(
                    StoredPerson(
                        externalID: person.externalID, name: person.name, team: person.team, manager: person.manager,
                        role: person.role, rung: person.rung, hireDate: person.hireDate.description,
                        location: person.location))
            }
            if let bytes { try reader.feed(bytes, collect) } else { try reader.finish(collect) }
            session.reader = .people(reader)
            if !batch.isEmpty { try session.staging?.append(people: batch) }
        case .evidence(var reader):
            var batch: [StoredEvidence] = []
            let collect: (ImportedEvidence) -> Void = { batch.append($0) }
            if let bytes { try reader.feed(bytes, collect) } else { try reader.finish(collect) }
            session.reader = .evidence(reader)
            if !batch.isEmpty { try session.staging?.append(evidence: batch) }
        case .completions(var reader, let catalogue):
            var batch: [StoredEvidence] = []
            let collect: (CourseCompletion) -> Void = { completion in
                // The decoder accepted only courses of this catalogue.
                guard let course = catalogue.course(completion.course) else { return }
                batch.append(contentsOf: completion.evidence(of: course))
            }
            if let bytes { try reader.feed(bytes, collect) } else { try reader.finish(collect) }
            session.reader = .completions(reader, catalogue)
            if !batch.isEmpty { try session.staging?.append(evidence: batch) }
        case .holdings(var reader, var holdings):
            let collect: (CredentialHolding) -> Void = { holdings.append($0) }
            if let bytes { try reader.feed(bytes, collect) } else { try reader.finish(collect) }
            try Self.checkBatchSize(holdings.count, session)
            session.reader = .holdings(reader, holdings)
        case .hrEvents(var reader, var events):
            let collect: (HREvent) -> Void = { events.append($0) }
            if let bytes { try reader.feed(bytes, collect) } else { try reader.finish(collect) }
            try Self.checkBatchSize(events.count, session)
            session.reader = .hrEvents(reader, events)
        case .plan(var reader, var rows):
            let collect: (WorkforcePlanRow) -> Void = { rows.append($0) }
            if let bytes { try reader.feed(bytes, collect) } else { try reader.finish(collect) }
            try Self.checkBatchSize(rows.count, session)
            session.reader = .plan(reader, rows)
        }
    }

    private static func checkBatchSize(_ rows: Int, _ session: Session) throws {
        guard rows <= maximumBatchRows else {
            throw InputErrors([InputError(
                .importTooManyErrors, file: session.name, message: "more than \(maximumBatchRows) rows",
                hint: "split the file")])
        }
    }

    /// A batch import's rows as the store keeps them; nil for staged kinds.
    private func batch(of session: Session) throws -> (kind: BatchKind, rows: Int, content: [UInt8])? {
        switch session.reader {
        case .holdings(_, let holdings): (.credentialHoldings, holdings.count, try WireJSON.encode(holdings))
        case .hrEvents(_, let events): (.hrEvents, events.count, try WireJSON.encode(events))
        default: nil
        }
    }

    private func rows(of session: Session) -> Int {
        switch session.reader {
        case .people(let reader): reader.rowCount
        case .evidence(let reader): reader.rowCount
        case .completions(let reader, _): reader.rowCount
        case .holdings(let reader, _): reader.rowCount
        case .hrEvents(let reader, _): reader.rowCount
        case .plan(let reader, _): reader.rowCount
        }
    }

    /// An import continues only on the connection that began it.
    private func session(_ id: String, connection: UInt64) throws -> Session {
        guard let session = sessions[id], session.connection == connection else {
            throw ControlFailure(Workforce.ErrorName.importNotFound, Workforce.ImportID(importId: id))
        }
        return session
    }

    private func drop(_ session: Session, because error: any Error) {
        sessions[session.id] = nil
        session.staging?.discard()
        logger.notice("import \(session.id) of \(session.name) rejected; nothing stored: \(error)")
    }

    /// The connection that streamed these imports is gone: nothing more can arrive for them.
    func connectionClosed(_ connection: UInt64) {
        for session in sessions.values where session.connection == connection {
            drop(session, because: DaemonError(.connectionClosed, "its connection closed before CommitImport"))
        }
    }
}
