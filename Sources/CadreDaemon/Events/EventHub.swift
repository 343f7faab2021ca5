import CadreWire
import Foundation
import NIOCore
import Synchronization

/// Fans progress events out to every `Subscribe` caller. Publishing never waits: each subscriber has
/// a bounded count of writes in flight, and one that falls behind gets a final `SubscriberTooSlow`
/// error and is dropped — the pipeline and the other subscribers carry on at their own pace.
public final class EventHub: Sendable {
    private struct State {
        var sequence: Int64 = 0
        var subscribers: [ObjectIdentifier: Subscriber] = [:]
    }

    private let state = Mutex(State())
    private let queueLimit: Mutex<Int>

    public init(queueLimit: Int) {
        self.queueLimit = Mutex(queueLimit)
    }

    public func setQueueLimit(_ limit: Int) {
        queueLimit.withLock { $0 = limit }
    }

    /// Adds a subscriber on a connection whose `Subscribe` call asked for `more`. Its first reply is
    /// a `subscribed` event carrying the current sequence number, so a client knows it will see
    /// every event from there on before it starts a run it wants to follow.
    func subscribe(_ channel: any Channel) {
        let subscriber = Subscriber(channel: channel, limit: queueLimit.withLock { $0 })
        let key = ObjectIdentifier(subscriber)
        let sequence = state.withLock { state in
            state.subscribers[key] = subscriber
            return state.sequence
        }
        let greeting = Workforce.Event(
            seq: sequence, time: Timestamp.format(epochMilliseconds: Timestamp.nowMilliseconds()), kind: "subscribed")
        // An event holds strings and integers only: encoding it cannot fail (Self.encode says why).
        if let bytes = Self.encode(greeting) { subscriber.offer(bytes) }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: key) }
        }
    }

    @discardableResult
    public func publish(
        _ kind: String, runID: Int64? = nil, phase: String? = nil, pid: Int32? = nil,
        done: Int? = nil, total: Int? = nil, message: String? = nil
    ) -> Workforce.Event {
        let (event, subscribers) = state.withLock { state in
            state.sequence += 1
            let event = Workforce.Event(
                seq: state.sequence, time: Timestamp.format(epochMilliseconds: Timestamp.nowMilliseconds()),
                kind: kind, runId: runID, phase: phase, pid: pid.map(Int.init), done: done, total: total,
                message: message)
            return (event, Array(state.subscribers.values))
        }
        guard !subscribers.isEmpty, let bytes = Self.encode(event) else { return event }
        for subscriber in subscribers { subscriber.offer(bytes) }
        return event
    }

    /// JSON encoding fails only for non-finite numbers, and an event carries none; were it ever
    /// to fail, the event is not sent rather than sent half-formed.
    private static func encode(_ event: Workforce.Event) -> [UInt8]? {
        try? VarlinkCodec.encodeReply(Workforce.EventReply(event: event), continues: true)
    }
}

/// One subscribed connection and the writes it hasn't taken yet.
private final class Subscriber: Sendable {
    let channel: any Channel
    let limit: Int
    private let inFlight = Mutex((count: 0, dropped: false))

    init(channel: any Channel, limit: Int) {
        self.channel = channel
        self.limit = limit
    }

    /// Counted on the connection's event loop, so only writes the loop has issued and the kernel
    /// has not taken count against the reader: a loop that is merely busy (both cores loaded) does
    /// not get a steady reader dropped.
    func offer(_ bytes: [UInt8]) {
        channel.eventLoop.execute { [self] in
            let (admit, drop, queued) = inFlight.withLock { state -> (Bool, Bool, Int) in
                if state.dropped { return (false, false, state.count) }
                if state.count >= limit {
                    state.dropped = true
                    return (false, true, state.count)
                }
                state.count += 1
                return (true, false, state.count)
            }
            if admit {
                let promise = channel.eventLoop.makePromise(of: Void.self)
                promise.futureResult.whenComplete { [self] _ in self.inFlight.withLock { $0.count -= 1 } }
                channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: promise)
            } else if drop {
                dropSlowSubscriber(queued: queued)
            }
        }
    }

    /// The final error goes out behind the backlog; a reader that does not drain it within 30 s is
    /// cut off anyway, error unread.
    private func dropSlowSubscriber(queued: Int) {
        let error = Workforce.SubscriberTooSlowError(queued: queued, limit: limit)
        // Two integers: cannot fail to encode; if it did, the connection is closed without it.
        let bytes = (try? VarlinkCodec.encodeError(Workforce.ErrorName.subscriberTooSlow, error)) ?? []
        let channel = channel
        channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenComplete { _ in channel.close(promise: nil) }
        channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
    }
}
