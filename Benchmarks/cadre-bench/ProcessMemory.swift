import Foundation

/// Memory of a process on this machine, in kB as the kernel counts them: from `/proc/PID/status`
/// the peak resident size (`VmHWM`), the current one (`VmRSS`) and its anonymous part
/// (`RssAnon`: heap, stacks — what the process alone holds; the rest is mapped files, shared
/// with every process that maps them); from `/proc/PID/smaps_rollup` the proportional set size
/// (`Pss`: each shared page divided among the processes sharing it, so the figures of several
/// processes add up to what they cost together).
struct ProcessMemory {
    var pid: Int
    var peakKilobytes: Int
    var currentKilobytes: Int
    var anonymousKilobytes: Int
    /// Nil when smaps_rollup cannot be read (Linux before 4.14, or another user's process).
    var proportionalKilobytes: Int?

    init?(pid: Int) {
        guard let fields = Self.fields(of: "/proc/\(pid)/status"),
            let peak = fields["VmHWM"], let current = fields["VmRSS"]
        else { return nil }
        self.pid = pid
        peakKilobytes = peak
        currentKilobytes = current
        anonymousKilobytes = fields["RssAnon"] ?? 0
        proportionalKilobytes = Self.fields(of: "/proc/\(pid)/smaps_rollup")?["Pss"]
    }

    private static func fields(of path: String) -> [String: Int]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var fields: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count >= 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        return fields
    }

    /// Starts the peak afresh from the current figure (`echo 5 > /proc/PID/clear_refs`), so a peak
    /// read later belongs to what happened in between. Needs to own the process (or root); false
    /// when the kernel refused.
    static func resetPeak(pid: Int) -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/\(pid)/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    var description: String {
        String(format: "peak %7.1f MB, now %7.1f MB", Double(peakKilobytes) / 1024, Double(currentKilobytes) / 1024)
    }

    /// `12.3 MB RSS, 3.4 MB anon, 5.6 MB PSS`.
    var restingDescription: String {
        String(format: "%.1f MB RSS, %.1f MB anon", Double(currentKilobytes) / 1024, Double(anonymousKilobytes) / 1024)
            + (proportionalKilobytes.map { String(format: ", %.1f MB PSS", Double($0) / 1024) } ?? "")
    }
}
