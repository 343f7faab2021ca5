import CadreStore
import CadreWire
import Foundation
import Logging
import NIOCore
import NIOPosix

/// The body of `cadred worker --phase NAME`: one process hosting one phase actor. It connects to the
/// supervisor's bus socket, registers, answers heartbeats — also while its phase computes, since the
/// computation runs in its own task — and runs the jobs it is sent. It exits when the supervisor
/// says `shutdown` or the bus closes (the supervisor is gone: an orphaned worker has no purpose).
public enum WorkerMain {
    public static func run(phase phaseName: String, busPath: String, maximumFrameBytes: Int, logger: Logger) async -> Int32 {
        guard let phaseType = PhaseRegistry.phase(named: phaseName) else {
            logger.error("unknown phase \(phaseName); known: \(PhaseRegistry.names.joined(separator: ", "))")
            return 2
        }
        var logger = logger
        logger[metadataKey: "phase"] = "\(phaseName)"
        logger[metadataKey: "workerPID"] = "\(getpid())"
        // One event loop: a worker has one connection. (The shared group would start a thread per core.)
        let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { loop.shutdownGracefully { _ in } }
        do {
            let channel = try await ClientBootstrap(group: loop)
                .connect(unixDomainSocketPath: busPath) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try BusPipeline.configure(channel, maximumFrameBytes: maximumFrameBytes, answersHeartbeats: true)
                    }
                }
            let host = PhaseHost(phase: phaseType.init(), logger: logger)
            try await channel.executeThenClose { inbound, outbound in
                let (outbox, continuation) = AsyncStream<BusFrame>.makeStream()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    // One writer keeps frames in the order they were produced: progress before the result.
                    group.addTask {
                        for await frame in outbox {
                            try await outbound.write(frame)
                            switch frame.message {
                            case .phaseSucceeded, .phaseFailed:
                                // Between phases a worker idles: what the phase computed goes back to the kernel.
                                FreeMemory.release(after: .seconds(1))
                            default: break
                            }
                        }
                    }
                    continuation.yield(BusFrame(.register(WorkerRegistration(phase: phaseName, pid: getpid()))))
                    loop: for try await frame in inbound {
                        switch frame.message {
                        case .runPhase(let job):
                            group.addTask { await host.execute(job, send: { continuation.yield($0) }) }
                        case .shutdown:
                            break loop
                        case .welcome:
                            logger.debug("registered with the supervisor")
                        default:
                            logger.warning("unexpected bus message from the supervisor: \(frame.message)")
                        }
                    }
                    continuation.finish()
                    group.cancelAll()
                }
            }
            return 0
        } catch {
            logger.error("worker bus failed: \(error)")
            return 1
        }
    }
}

/// Runs jobs on the phase actor and turns their outcome into bus frames.
actor PhaseHost {
    let phase: any Phase
    let logger: Logger
    private var readers: [String: StoreReader] = [:]

    init(phase: any Phase, logger: Logger) {
        self.phase = phase
        self.logger = logger
    }

    func execute(_ job: PhaseJob, send: @escaping @Sendable (BusFrame) -> Void) async {
        var logger = logger
        logger[metadataKey: "runID"] = "\(job.runID)"
        logger.info("phase \(job.phase) started for run \(job.runID) (attempt \(job.attempt))")
        do {
            if let delay = Self.faultInjectionDelay {
                // Tests widen the window in which a phase is in flight, to kill its worker mid-phase.
                try await Task.sleep(for: .milliseconds(delay))
            }
            if let busy = Self.faultInjectionBusy {
                // Tests hold the CPU, as a long computation does, to show heartbeats still get answers.
                let until = ContinuousClock.now + .milliseconds(busy)
                while ContinuousClock.now < until {}
            }
            let reader = try reader(for: job.databasePath)
            let context = PhaseContext(store: reader) { done, total, note in
                send(BusFrame(.progress(PhaseProgress(runID: job.runID, phase: job.phase, done: done, total: total, note: note))))
            }
            let started = ContinuousClock.now
            let output = try await phase.run(job, context: context)
            let elapsed = (ContinuousClock.now - started).milliseconds
            let (attachment, extents) = PhaseCompletion.attachment(
                payload: output.payload, artifacts: output.artifacts.map { ($0.name, $0.content) })
            send(
                BusFrame(
                    .phaseSucceeded(
                        PhaseCompletion(
                            runID: job.runID, phase: job.phase, attempt: job.attempt, summary: output.summary,
                            workerMilliseconds: elapsed, artifacts: extents)),
                    attachment: attachment))
            logger.info(
                "phase \(job.phase) finished for run \(job.runID): \(output.payload.count) bytes, artifacts \(extents.map { "\($0.name) \($0.byteCount) bytes" })")
        } catch let error as PhaseError {
            logger.error("phase \(job.phase) failed for run \(job.runID): \(error)")
            send(BusFrame(.phaseFailed(PhaseFailure(runID: job.runID, phase: job.phase, attempt: job.attempt, code: error.code, message: error.message))))
        } catch let error as StoreError {
            logger.error("phase \(job.phase) could not read the store: \(error)")
            send(BusFrame(.phaseFailed(PhaseFailure(runID: job.runID, phase: job.phase, attempt: job.attempt, code: error.code.rawValue, message: error.message))))
        } catch {
            logger.error("phase \(job.phase) failed for run \(job.runID): \(error)")
            send(BusFrame(.phaseFailed(PhaseFailure(runID: job.runID, phase: job.phase, attempt: job.attempt, code: "phase.failed", message: "\(error)"))))
        }
        // Idle until the next job: SQLite's caches go too (FreeMemory then hands them back).
        for reader in readers.values { reader.releaseMemory() }
    }

    /// `CADRE_PHASE_DELAY_MS`: a pause before each phase computes, for crash-recovery tests only.
    static let faultInjectionDelay: Int? = ProcessInfo.processInfo.environment["CADRE_PHASE_DELAY_MS"].flatMap(Int.init)
    /// `CADRE_PHASE_BUSY_MS`: the CPU held this long before each phase computes, for tests only.
    static let faultInjectionBusy: Int? = ProcessInfo.processInfo.environment["CADRE_PHASE_BUSY_MS"].flatMap(Int.init)

    private func reader(for path: String) throws -> StoreReader {
        if let reader = readers[path] { return reader }
        let reader = try StoreReader(databasePath: path)
        readers[path] = reader
        return reader
    }
}

/// The bus channel pipeline, the same on both ends; a worker's also answers heartbeats itself.
enum BusPipeline {
    /// What the encoder's buffer shrinks back to at the next flush after a large frame; it would
    /// otherwise keep the capacity of the largest phase result sent, tens of megabytes, for good.
    static let encoderBufferBytes = 64 * 1024

    static func configure(
        _ channel: any Channel, maximumFrameBytes: Int, answersHeartbeats: Bool = false
    ) throws -> NIOAsyncChannel<BusFrame, BusFrame> {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(BusFrameDecoder(maximumFrameLength: maximumFrameBytes)))
        try channel.pipeline.syncOperations.addHandler(
            MessageToByteHandler(BusFrameEncoder(), desiredBufferCapacity: encoderBufferBytes))
        if answersHeartbeats { try channel.pipeline.syncOperations.addHandler(HeartbeatResponder()) }
        return try NIOAsyncChannel<BusFrame, BusFrame>(wrappingChannelSynchronously: channel)
    }
}

/// Answers the supervisor's heartbeats on the event loop's own thread. A phase computes on Swift's
/// shared task threads — on a one-CPU machine, the only one — so an answer that waited for a task
/// thread would wait for the phase, and a healthy worker would be killed as hung.
final class HeartbeatResponder: ChannelInboundHandler, Sendable {
    typealias InboundIn = BusFrame
    typealias InboundOut = BusFrame
    typealias OutboundOut = BusFrame

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .heartbeat(let seq) = unwrapInboundIn(data).message else {
            context.fireChannelRead(data)
            return
        }
        context.writeAndFlush(wrapOutboundOut(BusFrame(.heartbeatAck(seq: seq))), promise: nil)
    }
}
