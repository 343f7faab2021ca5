/// Writes CSV straight into a byte buffer that is handed to a sink whenever it fills, so a
/// 3,000,000-row file is generated in a few megabytes of memory and without formatting each
/// number through `String`.
struct CSVWriter<Failure: Error> {
    private var buffer: [UInt8] = []
    private let flushAt: Int
    private let sink: ([UInt8]) throws(Failure) -> Void
    private var atLineStart = true

    init(flushAt: Int, sink: @escaping ([UInt8]) throws(Failure) -> Void) {
        self.flushAt = flushAt
        self.sink = sink
        buffer.reserveCapacity(flushAt + 1024)
    }

    private mutating func separate() {
        if !atLineStart { buffer.append(0x2C) }
        atLineStart = false
    }

    /// A text field, quoted (RFC 4180) only when it holds a comma, quote or line break.
    mutating func field(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { bytes in
            let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else { return buffer.append(contentsOf: bytes) }
            buffer.append(0x22)
            for byte in bytes {
                if byte == 0x22 { buffer.append(0x22) }
                buffer.append(byte)
            }
            buffer.append(0x22)
        }
    }

    mutating func empty() { separate() }

    mutating func integer(_ value: Int, width: Int = 0) {
        separate()
        appendDigits(value, width: width)
    }

    /// A number held in tenths: 35 → `3.5`, 40 → `4`.
    mutating func tenths(_ value: Int) {
        separate()
        appendDigits(value / 10, width: 0)
        if value % 10 != 0 {
            buffer.append(0x2E)
            buffer.append(0x30 + UInt8(value % 10))
        }
    }

    /// `YYYY-MM-DD`, with `Thh:mm:ssZ` (or a `+01:00` offset, the clock moved on to match) when
    /// `secondsOfDay` is given.
    mutating func date(_ day: CalendarDay, secondsOfDay: Int? = nil, offsetHours: Int = 0) {
        separate()
        appendDigits(day.year, width: 4)
        buffer.append(0x2D)
        appendDigits(day.month, width: 2)
        buffer.append(0x2D)
        appendDigits(day.day, width: 2)
        guard let seconds = secondsOfDay else { return }
        let local = seconds + offsetHours * 3600
        buffer.append(0x54)
        appendDigits(local / 3600, width: 2)
        buffer.append(0x3A)
        appendDigits(local / 60 % 60, width: 2)
        buffer.append(0x3A)
        appendDigits(local % 60, width: 2)
        if offsetHours == 0 {
            buffer.append(0x5A)
        } else {
            buffer.append(offsetHours > 0 ? 0x2B : 0x2D)
            appendDigits(abs(offsetHours), width: 2)
            buffer.append(contentsOf: ":00".utf8)
        }
    }

    mutating func endRow() throws(Failure) {
        buffer.append(0x0A)
        atLineStart = true
        if buffer.count >= flushAt { try flush() }
    }

    mutating func flush() throws(Failure) {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func appendDigits(_ value: Int, width: Int) {
        if value < 0 { buffer.append(0x2D) }
        let magnitude = value.magnitude
        var divisor: UInt = 1
        var count = 1
        while divisor <= magnitude / 10 {
            divisor *= 10
            count += 1
        }
        while count < width {
            buffer.append(0x30)
            count += 1
        }
        while divisor > 0 {
            buffer.append(0x30 + UInt8(magnitude / divisor % 10))
            divisor /= 10
        }
    }
}
