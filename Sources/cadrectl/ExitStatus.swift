/// cadrectl's exit codes; `--help` and docs/CADRECTL.md list them, and scripts (the assessment
/// timer among them) rely on them.
enum ExitStatus {
    static let ok: Int32 = 0
    /// The run failed, the input is invalid, or what was asked for does not exist.
    static let failed: Int32 = 1
    /// The command line (or a parameter the daemon rejected) is wrong.
    static let usage: Int32 = 2
    /// EX_UNAVAILABLE: no daemon at the socket, or it went away mid-call.
    static let unreachable: Int32 = 69
    /// EX_NOPERM: the socket or the method needs a group this user is not in.
    static let permission: Int32 = 77
    /// 128 + SIGINT, as a shell reports a command Ctrl-C ended.
    static let interrupted: Int32 = 130

    static let summary = """
        Exit codes:
          0   success
          1   failed: run failed, invalid input, not found, no assessment yet
          2   usage: bad arguments, or a parameter the daemon rejected
          69  cadred not reachable (systemctl start cadred.socket)
          77  permission denied: join the group the message names
          130 interrupted (Ctrl-C)
        """
}

/// A failure already put in words: what went wrong and what to do, and the exit status to end on.
struct CommandFailure: Error {
    var status: Int32
    var lines: [String]
    /// Lines printed as they are, with no `cadrectl:` prefix: input errors keep the
    /// `file:line:column:` shape editors jump to.
    var verbatim = false

    init(_ status: Int32, _ lines: String...) {
        self.status = status
        self.lines = lines
    }

    init(_ status: Int32, lines: [String], verbatim: Bool = false) {
        self.status = status
        self.lines = lines
        self.verbatim = verbatim
    }
}
