#if canImport(Glibc)
import Glibc
#endif
import CadreEngine
import CadreWire

/// One import, start to end: BeginImport, the file's text in pieces (ImportChunk), CommitImport.
/// The file is read as it is sent, never whole. Anything that ends the import early — Ctrl-C, a
/// file that is not UTF-8, a read error — sends AbortImport, so cadred drops what it staged at once.
struct ImportUpload {
    let kind: String
    let flags: ImportFlags
    let socketPath: String
    let json: Bool

    func run() throws {
        let source = try ImportSource(flags.file)
        defer { source.close() }
        let link = DaemonLink(socketPath: socketPath)
        try link.connect()
        let terminal = Terminal.standardOutput()
        let style = Style(enabled: terminal.colours)
        var bar = terminal.isInteractive && !json ? ProgressLine(terminal: terminal, style: style) : nil
        defer { bar?.clear() }
        Interruption.catchInterrupts()

        let begin = Workforce.BeginImportParameters(
            kind: kind, name: source.name, format: flags.format.rawValue, dryRun: flags.dryRun,
            ignoreUnknownColumns: flags.ignoreUnknownColumns)
        let id = try link.call(.beginImport, begin, as: Workforce.ImportID.self).importId
        var chunks = TextChunks(descriptor: source.descriptor, isInterrupted: { Interruption.isRequested })
        var rows = 0
        let reply: JSONValue
        do {
            while let chunk = try nextChunk(&chunks, id: id, link: link, source: source) {
                rows = try link.call(
                    .importChunk, Workforce.ImportChunkParameters(importId: id, data: chunk.text),
                    as: Workforce.ImportProgress.self
                ).rows
                if Interruption.isRequested { throw abort(id, link: link, source: source, .interrupted) }
                bar?.show(label: source.shortName, fraction: source.size.map {
                    $0 > 0 ? Double(chunks.bytesSent) / Double($0) : 1
                }, detail: progressDetail(sent: chunks.bytesSent, size: source.size, rows: rows))
            }
            if Interruption.isRequested { throw abort(id, link: link, source: source, .interrupted) }
            reply = try link.call(.commitImport, Workforce.ImportID(importId: id), as: JSONValue.self)
        } catch let error as VarlinkRemoteError where error.name == Workforce.ErrorName.invalidImport {
            bar?.clear()
            throw FailureReport.failure(for: error)
        }
        bar?.clear()
        if json {
            Console.line(JSONText.pretty(reply["summary"] ?? reply))
            return
        }
        let summary = try link.decode(reply["summary"] ?? .null, as: Workforce.ImportSummary.self)
        Console.line(Self.text(summary, style: style))
    }

    /// The summary as an operator reads it.
    static func text(_ summary: Workforce.ImportSummary, style: Style) -> String {
        let rows = Formatting.plural(summary.rows, "row")
        // The import's name is whatever the user or a script gave: a path may hold any byte.
        let name = TerminalText.escaped(summary.name)
        if summary.dryRun {
            return "\(name): \(rows) of \(summary.kind), " + style.green("valid")
                + "; nothing stored (dry run, data version stays \(summary.dataVersion))"
        }
        var counts = "\(summary.inserted) new, \(summary.updated) updated, \(summary.unchanged) unchanged"
        if summary.duplicates > 0 { counts += ", \(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s") in the file" }
        if summary.inserted == 0, summary.updated == 0 {
            return "\(name): \(rows) of \(summary.kind) (\(counts)); nothing changed, data version stays \(summary.dataVersion)"
        }
        return "\(name): \(rows) of \(summary.kind) " + style.green("imported")
            + " (\(counts)); data version \(summary.dataVersion)"
    }

    private func progressDetail(sent: Int, size: Int?, rows: Int) -> String {
        let bytes = size.map { "\(Formatting.bytes(sent)) of \(Formatting.bytes($0))" } ?? "\(Formatting.bytes(sent)) sent"
        return "\(bytes), \(Formatting.plural(rows, "row"))"
    }

    /// The next piece of the file; a file that cannot be read as text ends the import.
    private func nextChunk(
        _ chunks: inout TextChunks, id: String, link: DaemonLink, source: ImportSource
    ) throws -> TextChunks.Chunk? {
        do {
            return try chunks.next()
        } catch {
            throw abort(id, link: link, source: source, error)
        }
    }

    /// Tells cadred to drop the import, and says why it ended and that nothing was stored.
    private func abort(_ id: String, link: DaemonLink, source: ImportSource, _ reason: TextChunks.Failure) -> CommandFailure {
        _ = try? link.call(.abortImport, Workforce.ImportID(importId: id), as: Workforce.Empty.self)
        switch reason {
        case .interrupted:
            return CommandFailure(ExitStatus.interrupted, "import of \(source.name) interrupted; nothing was stored")
        case .unreadable(let error):
            return CommandFailure(
                ExitStatus.failed, "cannot read \(source.name): \(String(cString: strerror(error))); nothing was stored")
        case .notUTF8(let line, let offset):
            let error = InputError(
                .importBadUTF8, file: source.name, line: line,
                message: "the file is not valid UTF-8 text (byte \(offset))",
                hint: "export the file as UTF-8 (Excel: \"CSV UTF-8\"); Latin-1 or Windows-1252 files must be converted, e.g. iconv -f WINDOWS-1252 -t UTF-8")
            return FailureReport.invalidInput([error], nothingStored: true)
        }
    }
}

/// The file an import reads: a path, or standard input for `-`.
struct ImportSource {
    let name: String
    let descriptor: Int32
    /// The last part of the path, for the progress line.
    var shortName: String { name.split(separator: "/").last.map(String.init) ?? name }
    /// Known for regular files, so progress can show a share; nil for pipes.
    let size: Int?
    private let owned: Bool

    init(_ path: String) throws(CommandFailure) {
        if path == "-" {
            name = "<stdin>"
            descriptor = 0
            owned = false
        } else {
            name = path
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            owned = true
            guard descriptor >= 0 else {
                throw CommandFailure(ExitStatus.failed, "cannot open \(path): \(String(cString: strerror(errno)))")
            }
        }
        var info = stat()
        let known = fstat(descriptor, &info) == 0
        if known, info.st_mode & S_IFMT == S_IFDIR {
            if owned { Glibc.close(descriptor) }
            throw CommandFailure(ExitStatus.failed, "\(path) is a folder; name a people or evidence file")
        }
        size = known && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : nil
    }

    func close() {
        if owned { Glibc.close(descriptor) }
    }
}
