import NIOCore

/// One bus message plus an optional binary attachment (a phase's encoded result, which can be tens
/// of megabytes and would only be slowed down by JSON).
///
/// On the wire, all integers big-endian:
/// ```
/// u32 length of the rest | u16 wire version | u32 header length | header (JSON BusMessage) | attachment
/// ```
public struct BusFrame: Hashable, Sendable {
    /// 2: `phaseSucceeded` lists the artifacts that follow the result in the attachment.
    public static let wireVersion: UInt16 = 2
    /// Bytes before the header: version and header length.
    static let fixedPrefix = 6

    public var message: BusMessage
    public var attachment: [UInt8]

    public init(_ message: BusMessage, attachment: [UInt8] = []) {
        self.message = message
        self.attachment = attachment
    }
}

/// The pure codec behind the NIO handlers, usable from blocking code and tests alike.
public enum BusFrameCodec {
    /// Appends the whole frame, length prefix included.
    public static func encode(_ frame: BusFrame, into buffer: inout ByteBuffer) throws {
        let header = try WireJSON.encode(frame.message)
        let length = BusFrame.fixedPrefix + header.count + frame.attachment.count
        guard length <= Int(UInt32.max) else {
            throw WireError(.frameTooLarge, "frame of \(length) bytes cannot be encoded")
        }
        buffer.reserveCapacity(minimumWritableBytes: 4 + length)
        buffer.writeInteger(UInt32(length))
        buffer.writeInteger(BusFrame.wireVersion)
        buffer.writeInteger(UInt32(header.count))
        buffer.writeBytes(header)
        buffer.writeBytes(frame.attachment)
    }

    /// Decodes one frame body (everything after the length prefix).
    public static func decodeBody(_ body: inout ByteBuffer) throws -> BusFrame {
        guard let version = body.readInteger(as: UInt16.self),
            let headerLength = body.readInteger(as: UInt32.self)
        else {
            throw WireError(.truncated, "frame shorter than its fixed prefix")
        }
        guard version == BusFrame.wireVersion else {
            throw WireError(.unsupportedVersion, "bus wire version \(version); this build speaks \(BusFrame.wireVersion)")
        }
        guard let header = body.readBytes(length: Int(headerLength)) else {
            throw WireError(.truncated, "header of \(headerLength) bytes runs past the frame")
        }
        let message: BusMessage
        do {
            message = try WireJSON.decode(BusMessage.self, from: header)
        } catch {
            throw WireError(.malformed, "bus message header is not a valid message: \(error)")
        }
        let attachment = body.readBytes(length: body.readableBytes) ?? []
        return BusFrame(message, attachment: attachment)
    }
}

/// Splits a byte stream into `BusFrame`s; a frame over `maximumFrameLength` is an error that closes
/// the connection before its body is buffered.
public struct BusFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = BusFrame
    public let maximumFrameLength: Int

    public init(maximumFrameLength: Int) {
        self.maximumFrameLength = maximumFrameLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else {
            return .needMoreData
        }
        guard Int(length) <= maximumFrameLength else {
            throw WireError(.frameTooLarge, "frame of \(length) bytes exceeds the limit of \(maximumFrameLength)")
        }
        guard buffer.readableBytes >= 4 + Int(length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        guard var body = buffer.readSlice(length: Int(length)) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(try BusFrameCodec.decodeBody(&body)))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 {
            throw WireError(.truncated, "connection closed inside a frame (\(buffer.readableBytes) bytes pending)")
        }
        return .needMoreData
    }
}

public struct BusFrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = BusFrame
    public init() {}
    public func encode(data: BusFrame, out: inout ByteBuffer) throws {
        try BusFrameCodec.encode(data, into: &out)
    }
}
