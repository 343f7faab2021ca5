import Foundation

/// Resident memory of a process on this machine, from `/proc/PID/status`: the peak (`VmHWM`) and
/// the current figure (`VmRSS`), in kB as the kernel counts them.
struct ProcessMemory {
    var pid: Int
    var peakKilobytes: Int
    var currentKilobytes: Int

    init?(pid: Int) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        var fields: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
            if parts.count >= 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
        }
        guard let peak = fields["VmHWM"], let current = fields["VmRSS"] else { return nil }
        self.pid = pid
        peakKilobytes = peak
        currentKilobytes = current
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
}
