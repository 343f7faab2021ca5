import CadreEngine
import CadreStore
import CadreWire
import Foundation
import Logging

/// The methods of `io.cadre.Workforce` and `org.varlink.service`. `immediate` answers what needs no
/// I/O right on the connection's event loop (and every refusal); `handle` does the rest.
final class WorkforceService: Sendable {
    let supervisor: Supervisor
    let store: any WorkforceStore
    let hub: EventHub
    let authorizer: Authorizer
    let logger: Logger
    let policy: @Sendable () -> AssessmentPolicy
    let channels: @Sendable () -> [Channel]
    /// `badges.yaml` of the configuration directory, read on each badge import.
    let badgeSettings: @Sendable () throws -> BadgeSettings
    let imports: ImportSessions
    let gaps: GapViews
    let plans: PlanViews
    let results: PhaseResults

    init(
        supervisor: Supervisor, store: any WorkforceStore, hub: EventHub, authorizer: Authorizer, logger: Logger,
        policy: @escaping @Sendable () -> AssessmentPolicy, channels: @escaping @Sendable () -> [Channel] = { [] },
        badgeSettings: @escaping @Sendable () throws -> BadgeSettings = { BadgeSettings() }
    ) {
        self.channels = channels
        self.badgeSettings = badgeSettings
        self.supervisor = supervisor
        self.store = store
        self.hub = hub
        self.authorizer = authorizer
        self.logger = logger
        self.policy = policy
        imports = ImportSessions(store: store, hub: hub, logger: logger, policy: policy)
        results = PhaseResults(store: store)
        gaps = GapViews(store: store, results: results)
        plans = PlanViews(store: store, results: results)
    }

    /// The answer to a plain Ping, encoded once.
    /// Encoded once; a constant string, which cannot fail to encode.
    private static let pong = (try? VarlinkCodec.encodeReply(Workforce.PingResult(message: "pong"))) ?? []

    func immediate(_ call: VarlinkCall, peer: PeerCredentials) -> CallOutcome? {
        switch call.method {
        case "org.varlink.service.GetInfo":
            return reply(
                Workforce.ServiceInfo(
                    vendor: "Cadre", product: "cadred", version: CadreVersion.current,
                    url: "file:///usr/share/doc/cadre/PROTOCOL.md",
                    interfaces: [VarlinkInterfaces.serviceName, VarlinkInterfaces.workforceName]))
        case "org.varlink.service.GetInterfaceDescription":
            struct Parameters: Decodable { var interface: String }
            // Undecodable parameters are the caller's error, answered as the varlink spec says.
            guard let parameters = try? call.decodeParameters(as: Parameters.self) else {
                return failure(ControlFailure(Workforce.ErrorName.serviceInvalidParameter, ["parameter": "interface"] as JSONValue))
            }
            guard let description = VarlinkInterfaces.description(of: parameters.interface) else {
                return failure(ControlFailure(Workforce.ErrorName.interfaceNotFound, ["interface": .string(parameters.interface)] as JSONValue))
            }
            return reply(["description": .string(description)] as JSONValue)
        default:
            break
        }
        guard let method = Workforce.Method(qualifiedName: call.method) else {
            let interface = call.method.split(separator: ".").dropLast().joined(separator: ".")
            if interface == VarlinkInterfaces.workforceName || interface == VarlinkInterfaces.serviceName {
                return failure(ControlFailure(Workforce.ErrorName.methodNotFound, ["method": .string(call.method)] as JSONValue))
            }
            return failure(ControlFailure(Workforce.ErrorName.interfaceNotFound, ["interface": .string(interface)] as JSONValue))
        }
        if method.access > .anyone {
            // Unknown access needs a user-database look-up: not on the event loop; `handle` does it.
            guard let granted = authorizer.knownAccess(of: peer) else { return nil }
            if granted < method.access { return failure(denied(method, peer: peer)) }
        }
        switch method {
        case .ping:
            // A Ping without a (readable) message is a plain liveness probe: answer "pong".
            guard let message = (try? call.decodeParameters(as: Workforce.PingParameters.self))?.message else {
                return .reply(Self.pong)
            }
            // An echo is a probe, not a way to make the daemon copy megabytes for anyone.
            guard message.utf8.count <= 1024 else {
                return failure(.invalidParameter("message", "a Ping message is at most 1024 bytes"))
            }
            return reply(Workforce.PingResult(message: message))
        case .subscribe:
            guard call.wantsMore else { return failure(ControlFailure(Workforce.ErrorName.expectedMore, Workforce.Empty())) }
            return .subscribe
        default:
            return nil
        }
    }

    func handle(_ call: VarlinkCall, peer: PeerCredentials, connection: UInt64) async -> CallOutcome {
        guard let method = Workforce.Method(qualifiedName: call.method) else {
            return failure(ControlFailure(Workforce.ErrorName.methodNotFound, ["method": .string(call.method)] as JSONValue))
        }
        if method.access > .anyone, await authorizer.access(of: peer) < method.access {
            return failure(denied(method, peer: peer))
        }
        do {
            return try await dispatch(method, call, peer: peer, connection: connection)
        } catch let failure as ControlFailure {
            return self.failure(failure)
        } catch let error as StoreError where error.code == .noTaxonomy {
            return failure(
                ControlFailure(
                    Workforce.ErrorName.noTaxonomy,
                    Workforce.HintError(hint: "load one first: cadrectl taxonomy load Config/taxonomy")))
        } catch let error as InputErrors {
            return failure(.invalidInput(error.errors, for: method))
        } catch let error as InputError {
            return failure(.invalidInput([error], for: method))
        } catch let error as VarlinkParameterError {
            return failure(.invalidParameter(error.parameter, error.message))
        } catch let error as DecodingError {
            // Not a call's parameters (those throw VarlinkParameterError): say which value, if known.
            return failure(.invalidParameter("parameters", "\(error)"))
        } catch {
            logger.error("\(method.rawValue) failed: \(error)")
            return failure(ControlFailure(Workforce.ErrorName.internal, Workforce.MessageError(message: "\(error)")))
        }
    }

    private func denied(_ method: Workforce.Method, peer: PeerCredentials) -> ControlFailure {
        logger.notice("permission denied: \(method.rawValue) for uid \(peer.uid) (pid \(peer.pid))")
        return ControlFailure(
            Workforce.ErrorName.permissionDenied,
            Workforce.PermissionDeniedError(
                method: method.qualifiedName, uid: Int(peer.uid), required: authorizer.requiredGroup(for: method.access)))
    }

    private func dispatch(
        _ method: Workforce.Method, _ call: VarlinkCall, peer: PeerCredentials, connection: UInt64
    ) async throws -> CallOutcome {
        switch method {
        case .ping, .subscribe:
            return immediate(call, peer: peer) ?? failure(.shuttingDown)
        case .getStatus:
            return reply(try await supervisor.status())
        case .startRun:
            let parameters = try call.decodeParameters(as: Workforce.StartRunParameters.self)
            var asOf = Int64(Date().timeIntervalSince1970)
            if let text = parameters.asOf {
                guard let parsed = Timestamp.parseAsOf(text) else {
                    throw ControlFailure.invalidParameter("asOf", "'\(text)' is not a date (YYYY-MM-DD) or RFC 3339 time")
                }
                asOf = parsed
            }
            var phases = PhasePolicies()
            phases.sourcing.channels = channels()
            if let budget = parameters.trainingBudget {
                guard budget >= 0 else { throw ControlFailure.invalidParameter("trainingBudget", "a budget is not negative") }
                phases.training.budget = budget
            }
            let record = try await supervisor.startRun(
                asOf: asOf, trigger: parameters.trigger ?? "cadrectl", requestedBy: peer.uid,
                policy: try PhasePolicies.pin(assessment: policy(), phases: phases))
            return reply(Workforce.RunReply(run: APIMapping.run(record)))
        case .getRun:
            let parameters = try call.decodeParameters(as: Workforce.GetRunParameters.self)
            guard let record = try await store.run(id: parameters.id) else {
                throw ControlFailure(Workforce.ErrorName.runNotFound, Workforce.RunNotFoundError(id: parameters.id))
            }
            return reply(Workforce.RunReply(run: APIMapping.run(record)))
        case .listRuns:
            let parameters = try call.decodeParameters(as: Workforce.ListRunsParameters.self)
            let runs = try await store.runs(limit: min(max(parameters.limit ?? 20, 1), 1000))
            return reply(Workforce.RunsReply(runs: runs.map(APIMapping.run)))
        case .listTaxonomyVersions:
            return reply(Workforce.TaxonomyVersionsReply(versions: try store.taxonomyVersions().map(APIMapping.taxonomyVersion)))
        case .listSkills:
            let (version, taxonomy) = try taxonomy(call.decodeParameters(as: Workforce.VersionParameters.self).version)
            return reply(Workforce.SkillsReply(version: version, skills: taxonomy.skills.map(APIMapping.skill)))
        case .listRoles:
            let (version, taxonomy) = try taxonomy(call.decodeParameters(as: Workforce.VersionParameters.self).version)
            return reply(Workforce.RolesReply(version: version, roles: taxonomy.roles.map(APIMapping.roleSummary)))
        case .getRole:
            let parameters = try call.decodeParameters(as: Workforce.GetRoleParameters.self)
            let (version, taxonomy) = try taxonomy(parameters.version)
            guard let role = taxonomy.role(parameters.id) else {
                throw ControlFailure(
                    Workforce.ErrorName.roleNotFound, Workforce.RoleNotFoundError(id: parameters.id, version: version))
            }
            return reply(Workforce.RoleReply(version: version, role: APIMapping.role(role, in: taxonomy)))
        case .validateTaxonomy:
            let parameters = try call.decodeParameters(as: Workforce.ValidateTaxonomyParameters.self)
            let taxonomy = try TaxonomyParser.parse(parameters.files.map { TaxonomySource(name: $0.name, contents: $0.contents) })
            return reply(
                Workforce.TaxonomyCounts(
                    skills: taxonomy.skills.count, roles: taxonomy.roles.count, roleLevels: taxonomy.roleLevelCount))
        case .loadTaxonomy:
            let parameters = try call.decodeParameters(as: Workforce.LoadTaxonomyParameters.self)
            let taxonomy = try TaxonomyParser.parse(parameters.files.map { TaxonomySource(name: $0.name, contents: $0.contents) })
            return reply(Workforce.TaxonomyReply(taxonomy: try save(taxonomy, source: parameters.source, peer: peer)))
        case .importNICE:
            let parameters = try call.decodeParameters(as: Workforce.ImportNICEParameters.self)
            let taxonomy = try NICEImport.taxonomy(
                fromJSON: Array(parameters.file.contents.utf8), file: parameters.file.name,
                defaultLevel: parameters.defaultLevel ?? 3, defaultImportance: parameters.defaultImportance ?? 3)
            return reply(Workforce.TaxonomyReply(taxonomy: try save(taxonomy, source: "nice:" + parameters.file.name, peer: peer)))
        case .beginImport, .importChunk, .commitImport, .abortImport:
            return try await dispatchImport(method, call, peer: peer, connection: connection)
        case .loadCatalogue, .getCatalogue, .getPlans:
            return try await dispatchTraining(method, call, peer: peer)
        case .getCredentials:
            let parameters = try call.decodeParameters(as: Workforce.GetCredentialsParameters.self)
            let sees = await authorizer.access(of: peer) >= .operator
            return reply(Workforce.CredentialsViewReply(view: try await CredentialViews(results: results).view(parameters, seesPeople: sees)))
        case .importBadges:
            let parameters = try call.decodeParameters(as: Workforce.ImportBadgesParameters.self)
            return reply(try await importBadges(parameters, peer: peer))
        case .getSourcing:
            let parameters = try call.decodeParameters(as: Workforce.GetSourcingParameters.self)
            let sees = await authorizer.access(of: peer) >= .operator
            return reply(Workforce.SourcingViewReply(view: try await SourcingViews(results: results).view(parameters, seesPeople: sees)))
        case .getRetention:
            let parameters = try call.decodeParameters(as: Workforce.GetRetentionParameters.self)
            let sees = await authorizer.access(of: peer) >= .operator
            return reply(Workforce.RetentionViewReply(view: try await RetentionViews(results: results).view(parameters, seesPeople: sees)))
        case .getTrend, .getSnapshot:
            return try await dispatchMonitoring(method, call, peer: peer)
        case .getGaps:
            let parameters = try call.decodeParameters(as: Workforce.GetGapsParameters.self)
            return reply(Workforce.GapViewReply(view: try await gaps.view(parameters, access: await authorizer.access(of: peer), uid: peer.uid)))
        }
    }

    private func dispatchImport(
        _ method: Workforce.Method, _ call: VarlinkCall, peer: PeerCredentials, connection: UInt64
    ) async throws -> CallOutcome {
        switch method {
        case .beginImport:
            let parameters = try call.decodeParameters(as: Workforce.BeginImportParameters.self)
            return reply(Workforce.ImportID(importId: try await imports.begin(parameters, peer: peer, connection: connection)))
        case .importChunk:
            let parameters = try call.decodeParameters(as: Workforce.ImportChunkParameters.self)
            let rows = try await imports.chunk(parameters.importId, data: parameters.data, connection: connection)
            return reply(Workforce.ImportProgress(rows: rows))
        case .commitImport:
            let parameters = try call.decodeParameters(as: Workforce.ImportID.self)
            return reply(Workforce.ImportSummaryReply(summary: try await imports.commit(parameters.importId, connection: connection)))
        default:
            let parameters = try call.decodeParameters(as: Workforce.ImportID.self)
            try await imports.abort(parameters.importId, connection: connection)
            return reply(Workforce.Empty())
        }
    }

    func taxonomy(_ version: Int64?) throws -> (Int64, Taxonomy) {
        let resolved: Int64
        if let version {
            resolved = version
        } else {
            guard let latest = try store.latestTaxonomyVersion() else { throw StoreError(.noTaxonomy, "no taxonomy loaded") }
            resolved = latest.version
        }
        guard let taxonomy = try store.taxonomy(version: resolved) else {
            throw ControlFailure.invalidParameter("version", "no taxonomy version \(resolved)")
        }
        return (resolved, taxonomy)
    }

    private func save(_ taxonomy: Taxonomy, source: String, peer: PeerCredentials) throws -> Workforce.TaxonomyVersion {
        let info = try store.saveTaxonomy(taxonomy, source: source)
        if !info.unchanged {
            logger.info("taxonomy version \(info.version) loaded from \(source) by uid \(peer.uid)")
            hub.publish(
                "taxonomy-loaded",
                message: "version \(info.version): \(info.skills) skills, \(info.roles) roles, \(info.roleLevels) role levels")
        }
        return APIMapping.taxonomyVersion(info)
    }

    func reply<T: Encodable>(_ parameters: T) -> CallOutcome {
        do {
            return .reply(try VarlinkCodec.encodeReply(parameters))
        } catch {
            return failure(ControlFailure(Workforce.ErrorName.internal, Workforce.MessageError(message: "\(error)")))
        }
    }

    private func failure(_ failure: ControlFailure) -> CallOutcome {
        .reply(failure.bytes)
    }
}
