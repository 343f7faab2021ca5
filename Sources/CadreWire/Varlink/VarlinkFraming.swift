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
        let view = buffer.readableBytesView
        let start = view.startIndex + scanned
        guard let terminator = view[start...].firstIndex(of: 0) else {
            scanned = view.count
            if view.count > maximumMessageLength {
                throw WireError(.frameTooLarge, "varlink message exceeds \(maximumMessageLength) bytes")
            }
            return .needMoreData
        }
        scanned = 0
        let length = terminator - view.startIndex
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
