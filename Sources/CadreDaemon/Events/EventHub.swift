import CadreWire
import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Fans progress events out to every `Subscribe` caller. Publishing never waits: each subscriber has
/// a bounded count of writes in flight, and one that falls behind gets a final `SubscriberTooSlow`
/// error and is dropped — the pipeline and the other subscribers carry on at their own pace.
public final class EventHub: Sendable {
    private struct State {
        var sequence: Int64 = 0
        var subscribers: [ObjectIdentifier: Subscriber] = [:]
    }

    private let state = NIOLockedValueBox(State())
    private let queueLimit: NIOLockedValueBox<Int>
    /// Local observers inside the daemon (the journal, the status line); called synchronously.
    private let observers = NIOLockedValueBox<[@Sendable (Workforce.Event) -> Void]>([])

    public init(queueLimit: Int) {
        self.queueLimit = NIOLockedValueBox(queueLimit)
    }

    public func setQueueLimit(_ limit: Int) {
        queueLimit.withLockedValue { $0 = limit }
    }

    public var subscriberCount: Int { state.withLockedValue { $0.subscribers.count } }

    public func observe(_ observer: @escaping @Sendable (Workforce.Event) -> Void) {
        observers.withLockedValue { $0.append(observer) }
    }

    /// Adds a subscriber on a connection whose `Subscribe` call asked for `more`. Its first reply is
    /// a `subscribed` event carrying the current sequence number, so a client knows it will see
    /// every event from there on before it starts a run it wants to follow.
    func subscribe(_ channel: any Channel) {
        let subscriber = Subscriber(channel: channel, limit: queueLimit.withLockedValue { $0 })
        let key = ObjectIdentifier(subscriber)
        let sequence = state.withLockedValue { state in
            state.subscribers[key] = subscriber
            return state.sequence
        }
        let greeting = Workforce.Event(
            seq: sequence, time: Timestamp.format(epochMilliseconds: Timestamp.nowMilliseconds()), kind: "subscribed")
        if let bytes = try? VarlinkCodec.encodeReply(Workforce.EventReply(event: greeting), continues: true) {
            subscriber.offer(bytes)
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.state.withLockedValue { $0.subscribers.removeValue(forKey: key) }
        }
    }

    @discardableResult
    public func publish(
        _ kind: String, runID: Int64? = nil, phase: String? = nil, pid: Int32? = nil,
        done: Int? = nil, total: Int? = nil, message: String? = nil
    ) -> Workforce.Event {
        let (event, subscribers) = state.withLockedValue { state in
            state.sequence += 1
            let event = Workforce.Event(
                seq: state.sequence, time: Timestamp.format(epochMilliseconds: Timestamp.nowMilliseconds()),
                kind: kind, runId: runID, phase: phase, pid: pid.map(Int.init), done: done, total: total,
                message: message)
            return (event, Array(state.subscribers.values))
        }
        for observer in observers.withLockedValue({ $0 }) { observer(event) }
        guard !subscribers.isEmpty, let bytes = try? VarlinkCodec.encodeReply(Workforce.EventReply(event: event), continues: true)
        else { return event }
        for subscriber in subscribers { subscriber.offer(bytes) }
        return event
    }
}

/// One subscribed connection and the writes it hasn't taken yet.
private final class Subscriber: Sendable {
    let channel: any Channel
    let limit: Int
    private let inFlight = NIOLockedValueBox((count: 0, dropped: false))

    init(channel: any Channel, limit: Int) {
        self.channel = channel
        self.limit = limit
    }

    func offer(_ bytes: [UInt8]) {
        let (admit, drop, queued) = inFlight.withLockedValue { state -> (Bool, Bool, Int) in
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
            promise.futureResult.whenComplete { [inFlight] _ in inFlight.withLockedValue { $0.count -= 1 } }
            channel.writeAndFlush(ByteBuffer(bytes: bytes), promise: promise)
        } else if drop {
            dropSlowSubscriber(queued: queued)
        }
    }

    /// The final error goes out behind the backlog; a reader that does not drain it within 30 s is
    /// cut off anyway, error unread.
    private func dropSlowSubscriber(queued: Int) {
        let error = Workforce.SubscriberTooSlowError(queued: queued, limit: limit)
        let bytes = (try? VarlinkCodec.encodeError(Workforce.ErrorName.subscriberTooSlow, error)) ?? []
        let channel = channel
        channel.writeAndFlush(ByteBuffer(bytes: bytes)).whenComplete { _ in channel.close(promise: nil) }
        channel.eventLoop.scheduleTask(in: .seconds(30)) { channel.close(promise: nil) }
    }
}
