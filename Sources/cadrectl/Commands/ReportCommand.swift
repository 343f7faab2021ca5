#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import CadreEngine
import CadreWire
import Foundation

extension Cadrectl {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a run's monitoring report: a self-contained HTML page, or a Prometheus text file.",
            discussion: """
                --html FILE writes one page with no outside scripts, fonts or styles: readiness and \
                its trend, a heat map of teams by the organisation's top skill gaps, the top gaps, \
                teams and plan cost; it prints on A4. It shows at most the 30 teams with the largest \
                gaps and says how many there are (cadrectl gaps --team T shows any other). --prometheus FILE writes the run's figures in \
                Prometheus's text format, as cadred's prometheusTextFile setting does after each run. \
                Both read the newest run's snapshot unless --run says which. A reader's report \
                withholds groups under smallTeamThreshold people.
                """)

        @Option(help: ArgumentHelp("Write the HTML report here.", valueName: "file"))
        var html: String?

        @Option(help: ArgumentHelp("Write the Prometheus text format here.", valueName: "file"))
        var prometheus: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("This run instead of the newest.", valueName: "id"))
        var runID: Int64?

        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            if html == nil, prometheus == nil { throw ValidationError("say what to write: --html FILE and/or --prometheus FILE") }
            for path in [html, prometheus].compactMap({ $0 }) where path.isEmpty { throw ValidationError("a report needs a file name") }
        }

        func run() throws {
            let link = DaemonLink(connection)
            // The page shows a few teams: without a Prometheus file to write, cadred sends only those.
            let teams = prometheus == nil ? HTMLReport.teamsShown : nil
            let snapshot = try link.call(
                .getSnapshot, Workforce.GetSnapshotParameters(run: runID, teams: teams), as: Workforce.SnapshotReply.self)
            if let prometheus {
                try write(snapshot.prometheusText(), to: prometheus)
                Console.line("wrote \(prometheus): the figures of run #\(snapshot.run) in Prometheus's text format")
            }
            if let html {
                let trend = try link.call(.getTrend, Workforce.GetTrendParameters(), as: Workforce.TrendReply.self)
                var names: [String: String] = [:]
                // Skill names make the page readable; without a taxonomy the ids stand in.
                if let skills = try? link.call(.listSkills, Workforce.VersionParameters(), as: Workforce.SkillsReply.self) {
                    for skill in skills.skills { names[skill.id] = skill.name }
                }
                try write(HTMLReport(snapshot: snapshot, trend: trend, skillNames: names).render(), to: html)
                Console.line("wrote \(html): the report of run #\(snapshot.run), as of \(Formatting.runAsOf(snapshot.asOf))")
            }
        }

        /// Written beside the target, then renamed over it: a reader never sees half a report.
        private func write(_ text: String, to path: String) throws {
            let temporary = path + ".tmp"
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
                guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["errno": errno]) }
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw CommandFailure(ExitStatus.failed, "cannot write \(path): \(error.localizedDescription)", "check the folder exists and is writable")
            }
        }
    }
}
