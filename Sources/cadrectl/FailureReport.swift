#if canImport(Glibc)
import Glibc
#endif
import CadreEngine
import CadreWire

/// Turns what the client or the daemon reported into the words an operator needs (what went wrong,
/// where, what to do) and the exit status a script can branch on.
enum FailureReport {
    static func failure(for error: VarlinkClientError) -> CommandFailure {
        let path = error.socketPath
        switch error.code {
        case .notReachable:
            return CommandFailure(
                ExitStatus.unreachable,
                "cadred is not reachable at \(path): \(error.message)",
                "start it with `systemctl start cadred.socket` (or `make run` in a checkout),",
                "or point cadrectl at its socket with --socket PATH or CADRE_SOCKET")
        case .socketPermission:
            let group = socketGroup(path)
            var lines = ["permission denied opening \(path)"]
            if let group {
                lines.append("the socket's group is \(group) (readers may be admitted by an ACL entry: getfacl \(path));")
                lines.append("ask an administrator to add you (usermod -aG \(group) \(userName())), then log in again")
            }
            return CommandFailure(ExitStatus.permission, lines: lines)
        case .closed:
            return CommandFailure(
                ExitStatus.unreachable, "\(error.message) (\(path))",
                "it may have stopped or restarted: see `systemctl status cadred` or `journalctl -u cadred`")
        default:
            return CommandFailure(ExitStatus.failed, "\(path): \(error.message)")
        }
    }

    static func failure(for error: VarlinkRemoteError) -> CommandFailure {
        typealias Name = Workforce.ErrorName
        switch error.name {
        case Name.permissionDenied:
            guard let denied = error.decodeParameters(as: Workforce.PermissionDeniedError.self) else { break }
            // Not every refusal is about a group: a reader asking for one person of a small team.
            let groups = denied.required.components(separatedBy: " or ")
            guard !groups.contains(where: { $0.contains(" ") }) else {
                return CommandFailure(
                    ExitStatus.permission,
                    "permission denied: \(denied.method) needs \(denied.required) (you are uid \(denied.uid))")
            }
            let group = groups.first ?? denied.required
            return CommandFailure(
                ExitStatus.permission,
                "permission denied: \(denied.method) needs group \(denied.required) (you are uid \(denied.uid))",
                "ask an administrator to add you (usermod -aG \(group) \(userName())), then log in again")
        case Name.invalidTaxonomy:
            guard let invalid = error.decodeParameters(as: Workforce.InvalidInputError.self) else { break }
            return invalidInput(invalid.inputErrors)
        case Name.invalidImport:
            guard let invalid = error.decodeParameters(as: Workforce.InvalidInputError.self) else { break }
            return invalidInput(invalid.inputErrors, nothingStored: true)
        case Name.importNotFound:
            let id = error.decodeParameters(as: Workforce.ImportID.self)?.importId ?? "?"
            return CommandFailure(
                ExitStatus.failed, "cadred no longer knows import \(id): nothing of it was stored",
                "it was idle too long or cadred restarted; run the import again")
        case Name.noAssessment:
            let hint = error.decodeParameters(as: Workforce.HintError.self)?.hint
            return CommandFailure(ExitStatus.failed, lines: ["no assessment to show"] + (hint.map { [$0] } ?? []))
        case Name.teamNotFound:
            let id = error.decodeParameters(as: Workforce.IDError.self)?.id ?? "?"
            return CommandFailure(
                ExitStatus.failed, "no team `\(id)` in the run's roster (team names are matched exactly)",
                "list the teams with `cadrectl gaps --all`")
        case Name.personNotFound:
            let id = error.decodeParameters(as: Workforce.IDError.self)?.id ?? "?"
            return CommandFailure(
                ExitStatus.failed, "no person `\(id)` in the run's roster",
                "a run sees the people imported before it started: `cadrectl import people FILE`, then `cadrectl run --wait`")
        case Name.noTaxonomy:
            let hint = error.decodeParameters(as: Workforce.HintError.self)?.hint
            return CommandFailure(ExitStatus.failed, lines: ["no taxonomy is loaded"] + (hint.map { [$0] } ?? []))
        case Name.runNotFound:
            let id = error.decodeParameters(as: Workforce.RunNotFoundError.self)?.id
            return CommandFailure(
                ExitStatus.failed, "no run #\(id.map(String.init) ?? "?")", "list the runs with `cadrectl runs`")
        case Name.roleNotFound:
            guard let missing = error.decodeParameters(as: Workforce.RoleNotFoundError.self) else { break }
            return CommandFailure(
                ExitStatus.failed, "no role `\(missing.id)` in taxonomy version \(missing.version)",
                "list the roles with `cadrectl taxonomy roles`")
        case Name.invalidParameter, Name.serviceInvalidParameter:
            if let invalid = error.decodeParameters(as: Workforce.InvalidParameterError.self) {
                return CommandFailure(ExitStatus.usage, "invalid \(invalid.parameter): \(invalid.message)")
            }
        case Name.subscriberTooSlow:
            let slow = error.decodeParameters(as: Workforce.SubscriberTooSlowError.self)
            return CommandFailure(
                ExitStatus.failed,
                "cadred dropped this subscription: it fell \(slow.map { "\($0.queued)" } ?? "too many") events behind"
                    + (slow.map { " (limit \($0.limit))" } ?? ""))
        case Name.tooManyConnections:
            let limit = error.decodeParameters(as: Workforce.TooManyConnectionsError.self)
            return CommandFailure(
                ExitStatus.failed,
                "cadred refused the connection: uid \(limit.map { "\($0.uid)" } ?? "?") already has "
                    + "\(limit.map { "\($0.limit)" } ?? "too many") connections open")
        case Name.shuttingDown:
            return CommandFailure(ExitStatus.unreachable, "cadred is shutting down", "try again once it is back")
        case Name.internal:
            let message = error.decodeParameters(as: Workforce.MessageError.self)?.message ?? error.description
            return CommandFailure(ExitStatus.failed, "cadred failed: \(message)", "details: journalctl -u cadred")
        case Name.methodNotFound, Name.interfaceNotFound:
            return CommandFailure(
                ExitStatus.failed, "cadred does not know this call (\(error.description))",
                "is cadred older than cadrectl? compare `cadrectl status` with the installed version")
        default:
            // Any other error shaped like InvalidTaxonomy (file, line, column, code, errors) is an
            // input error too, whichever input it is about.
            if error.parameters["errors"] != nil, error.parameters["code"] != nil,
                let invalid = error.decodeParameters(as: Workforce.InvalidInputError.self)
            {
                return invalidInput(invalid.inputErrors)
            }
        }
        return CommandFailure(ExitStatus.failed, "cadred answered with an error: \(error.description)")
    }

    /// Every error on its own line, as a compiler prints them, then a count (and, for an import,
    /// that the file was rejected whole).
    static func invalidInput(_ errors: [InputError], nothingStored: Bool = false) -> CommandFailure {
        var count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        if nothingStored { count += "; the file was rejected and nothing was stored" }
        return CommandFailure(ExitStatus.failed, lines: errors.map(\.description) + [count], verbatim: true)
    }

    private static func socketGroup(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UserDatabase.groupName(of: info.st_gid) ?? "\(info.st_gid)"
    }

    private static func userName() -> String {
        UserDatabase.userName(of: getuid()) ?? "$USER"
    }
}
