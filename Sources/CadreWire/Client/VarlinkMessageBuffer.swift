/// Bytes read from a varlink peer, cut into messages at each NUL. Kept apart from the socket so the
/// splitting can be checked with any byte source, and so a message split across reads (or several
/// messages in one read) comes out whole and in order.
public struct VarlinkMessageBuffer: Sendable {
    /// A reply longer than this without a terminator is refused, so a confused peer can't make the
    /// client buffer without bound.
    public let maximumMessageLength: Int
    private var bytes: [UInt8] = []
    /// Where the next message starts; the prefix before it is dropped once it outweighs the rest.
    private var start = 0
    /// How far past `start` the bytes are known to hold no NUL, so a long message is scanned once.
    private var scanned = 0

    public init(maximumMessageLength: Int) {
        self.maximumMessageLength = maximumMessageLength
    }

    /// True while part of a message has arrived without its terminator.
    public var hasPartialMessage: Bool { start < bytes.count }

    public mutating func append(_ chunk: some Collection<UInt8>) {
        if start > 0, start >= bytes.count - start {
            bytes.removeFirst(start)
            start = 0
        }
        bytes.append(contentsOf: chunk)
    }

    /// The next whole message without its NUL, or `nil` until one has arrived.
    public mutating func nextMessage() throws(VarlinkMessageTooLong) -> [UInt8]? {
        let from = start + scanned
        guard let terminator = bytes[from...].firstIndex(of: 0) else {
            scanned = bytes.count - start
            if scanned > maximumMessageLength {
                throw VarlinkMessageTooLong(length: scanned, limit: maximumMessageLength)
            }
            return nil
        }
        let length = terminator - start
        guard length <= maximumMessageLength else {
            throw VarlinkMessageTooLong(length: length, limit: maximumMessageLength)
        }
        let message = Array(bytes[start..<terminator])
        start = terminator + 1
        scanned = 0
        if start == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            start = 0
        }
        return message
    }
}

/// A reply that passed the buffer's limit before its terminator arrived.
public struct VarlinkMessageTooLong: Error, Hashable, Sendable {
    public var length: Int
    public var limit: Int
}
