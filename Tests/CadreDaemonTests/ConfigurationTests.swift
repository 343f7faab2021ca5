@testable import CadreDaemon
import CadreEngine
import Testing

@Suite("Daemon configuration and restart intensity")
struct ConfigurationTests {
    @Test("an empty file is the defaults; set keys override them")
    func defaultsAndOverrides() throws {
        #expect(try DaemonConfiguration.parse("", file: "cadred.yaml") == DaemonConfiguration())
        let configuration = try DaemonConfiguration.parse(
            "heartbeatIntervalMilliseconds: 250\nmaximumPhaseAttempts: 2\noperatorsGroup: ml-ops\n", file: "cadred.yaml")
        #expect(configuration.heartbeatIntervalMilliseconds == 250)
        #expect(configuration.maximumPhaseAttempts == 2)
        #expect(configuration.operatorsGroup == "ml-ops")
        #expect(configuration.readersGroup == DaemonConfiguration().readersGroup)
    }

    @Test("an unknown key and a wrong type are located by line and field")
    func locatedErrors() {
        #expect {
            _ = try DaemonConfiguration.parse("heartbeatIntervalMilliseconds: 250\nheartbeatIntervalSeconds: 1\n", file: "cadred.yaml")
        } throws: { error in
            guard let first = (error as? InputErrors)?.first else { return false }
            return first.file == "cadred.yaml" && first.line == 2 && first.field == "heartbeatIntervalSeconds"
        }
        #expect {
            _ = try DaemonConfiguration.parse("maximumPhaseAttempts: many\n", file: "cadred.yaml")
        } throws: { error in
            guard let first = (error as? InputErrors)?.first else { return false }
            return first.line == 1 && first.field == "maximumPhaseAttempts"
        }
    }

    @Test("anchors and aliases are refused where the first stands, and a file past 1 MiB before it is parsed")
    func aliasesAndSize() {
        let aliased = "assessment:\n  sources:\n    manager: &m {weight: 1.0, halfLifeDays: 365}\n    peer: *m\n"
        let error = #expect(throws: InputErrors.self) { try DaemonConfiguration.parse(aliased, file: "cadred.yaml") }
        #expect(error?.errors.map { "\($0.code) \($0.line):\($0.column)" } == ["config.alias 3:14"])
        let large = "recentRuns: 5\n" + String(repeating: "#\n", count: DaemonConfiguration.maximumFileBytes / 2)
        let tooLarge = #expect(throws: InputErrors.self) { try DaemonConfiguration.parse(large, file: "cadred.yaml") }
        #expect(tooLarge?.first?.code.rawValue == "config.too-large")
    }

    @Test("maximumBufferedBytes holds at least one largest message; the error stands at the key that makes it too small")
    func bufferedBytes() throws {
        #expect(try DaemonConfiguration.parse("maximumBufferedBytes: 16777216\n", file: "cadred.yaml").maximumBufferedBytes == 16 << 20)
        let small = #expect(throws: InputErrors.self) {
            try DaemonConfiguration.parse("recentRuns: 5\nmaximumBufferedBytes: 1048576\n", file: "cadred.yaml")
        }
        #expect(small?.errors.map { "\($0.code) \($0.line) \($0.field)" } == ["config.out-of-range 2 maximumBufferedBytes"])
        let large = #expect(throws: InputErrors.self) {
            try DaemonConfiguration.parse("maximumMessageBytes: 134217728\n", file: "cadred.yaml")
        }
        #expect(large?.errors.map { "\($0.code) \($0.line) \($0.field)" } == ["config.out-of-range 1 maximumMessageBytes"])
    }

    @Test("restart intensity: limit restarts within the period are allowed, one more is not; old ones age out")
    func restartIntensity() {
        var intensity = RestartIntensity(limit: 2, period: .seconds(30))
        let start = ContinuousClock.now
        let first = intensity.allow(at: start)
        let second = intensity.allow(at: start + .seconds(10))
        let third = intensity.allow(at: start + .seconds(20))
        #expect(first && second && !third)
        // 41 s after the first, only the restart at 10 s is still in the window.
        var later = RestartIntensity(limit: 2, period: .seconds(30))
        let results = [later.allow(at: start), later.allow(at: start + .seconds(10)), later.allow(at: start + .seconds(41))]
        #expect(results == [true, true, true])
    }
}
