#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// Splits a varlink byte stream at NUL bytes. A message longer than `maximumMessageLength` without a
/// terminator is an error, raised as soon as the limit is passed, so a peer can't make the daemon
/// buffer without bound.
public struct VarlinkFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer
    public let maximumMessageLength: Int
    /// How far past the reader index the current buffer is known to hold no NUL.
    private var scanned = 0

    public init(maximumMessageLength: Int) {
        self.maximumMessageLength = maximumMessageLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.readableNULOffset(from: scanned) else {
            scanned = buffer.readableBytes
            if buffer.readableBytes > maximumMessageLength {
                throw WireError(.frameTooLarge, "varlink message exceeds \(maximumMessageLength) bytes")
            }
            return .needMoreData
        }
        scanned = 0
        guard length <= maximumMessageLength else {
            throw WireError(.frameTooLarge, "varlink message of \(length) bytes exceeds \(maximumMessageLength)")
        }
        guard let message = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(wrapInboundOut(message))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // An unterminated tail at EOF is dropped: the peer hung up mid-message.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}

extension ByteBuffer {
    /// The offset, from the reader index, of the first NUL at or after `offset` among the readable
    /// bytes; nil when there is none. memchr: a message of many megabytes is scanned at memory
    /// speed, also in a debug build.
    public func readableNULOffset(from offset: Int = 0) -> Int? {
        guard offset < readableBytes else { return nil }
        return withUnsafeReadableBytes { bytes -> Int? in
            guard let base = bytes.baseAddress,
                let found = memchr(base + offset, 0, bytes.count - offset)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }
}
