#if canImport(Glibc)
import Glibc
#endif
import CadreWire

/// Follows one run to its end. Events drive it while the subscription lasts — it was confirmed
/// before the run started, so none of the run's events is missed; the run's own record (GetRun)
/// decides when it is over, since the store is written before each event is published. A
/// subscription cadred drops (too slow) or that breaks turns into polling the record.
struct RunFollower {
    let link: DaemonLink
    var events: VarlinkConnection?
    let runID: Int64
    let display: RunDisplay?

    /// How long the daemon may be away (a supervisor restart) before waiting ends in failure.
    var outageLimit: Duration = .seconds(30)
    private var outageStart: ContinuousClock.Instant?

    init(link: DaemonLink, events: VarlinkConnection?, runID: Int64, display: RunDisplay?) {
        self.link = link
        self.events = events
        self.runID = runID
        self.display = display
    }

    /// The finished run, typed and as the daemon sent it (for `--json`).
    mutating func follow() throws -> (Workforce.Run, JSONValue) {
        while true {
            if let subscription = events {
                if let finished = try followEvents(subscription) { return finished }
            } else {
                if let finished = try check() { return finished }
                usleep(250_000)
            }
        }
    }

    /// Reads the next event; the run's end is checked on its record. Switches to polling when the
    /// subscription is dropped or breaks.
    private mutating func followEvents(_ subscription: VarlinkConnection) throws -> (Workforce.Run, JSONValue)? {
        let event: Workforce.Event
        do {
            guard let reply = try subscription.receive(Workforce.EventReply.self, timeoutMilliseconds: -1) else {
                return nil
            }
            event = try reply.get().event
        } catch let error as VarlinkRemoteError where error.name == Workforce.ErrorName.subscriberTooSlow {
            display?.note("cadred dropped the event stream (too far behind); polling the run instead")
            events = nil
            return nil
        } catch let error as VarlinkClientError where error.code == .closed {
            display?.note("the event stream closed; polling the run instead")
            events = nil
            return nil
        }
        guard event.runId == runID else { return nil }
        display?.show(event)
        if event.kind == "run-finished" || event.kind == "run-failed" { return try check() }
        return nil
    }

    /// The run if it has finished. A daemon that is briefly away (restarting, resuming its runs)
    /// is waited for up to `outageLimit`.
    private mutating func check() throws -> (Workforce.Run, JSONValue)? {
        let reply: JSONValue
        do {
            reply = try link.call(.getRun, Workforce.GetRunParameters(id: runID), as: JSONValue.self)
            outageStart = nil
        } catch let error as VarlinkClientError where error.code == .closed || error.code == .notReachable {
            let start = outageStart ?? .now
            outageStart = start
            if ContinuousClock.now - start > outageLimit { throw error }
            events = nil
            return nil
        }
        let run = try link.decode(reply["run"] ?? .null, as: Workforce.Run.self)
        if events == nil { display?.update(run) }
        return run.isFinished ? (run, reply["run"] ?? .null) : nil
    }
}
