/// Reading numbers and dates straight from a field's bytes: at a million rows a second, making a
/// `String` first would cost more than the reading.
enum FieldScanning {
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The range without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    /// Exactly `count` ASCII digits from `offset`.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        guard offset + count <= bytes.count else { return nil }
        var value = 0
        for index in offset..<(offset + count) {
            guard let d = digit(bytes[index]) else { return nil }
            value = value * 10 + d
        }
        return value
    }

    /// An optional sign and 1–9 digits.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0, negative = false
        if index < bytes.count, bytes[index] == 0x2D || bytes[index] == 0x2B {
            negative = bytes[index] == 0x2D
            index += 1
        }
        guard index < bytes.count, bytes.count - index <= 9 else { return nil }
        var value = 0
        while index < bytes.count {
            guard let d = digit(bytes[index]) else { return nil }
            value = value * 10 + d
            index += 1
        }
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// A finite decimal number. Plain `123.45` forms with up to 15 significant digits are read
    /// here — an integer mantissa divided by an exact power of ten is correctly rounded, so the
    /// result equals `Double(text)`; anything else (exponents, long mantissas) goes to the
    /// standard library. `nan` and `inf` are not numbers a score can have.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0, negative = false
        if index < bytes.count, bytes[index] == 0x2D || bytes[index] == 0x2B {
            negative = bytes[index] == 0x2D
            index += 1
        }
        var mantissa: Int64 = 0, significant = 0, fractionDigits = 0, digitsSeen = 0
        var inFraction = false, simple = true
        while index < bytes.count {
            let byte = bytes[index]
            if let d = digit(byte) {
                digitsSeen += 1
                if mantissa != 0 || d != 0 { significant += 1 }
                if significant > 15 { simple = false; break }
                mantissa = mantissa * 10 + Int64(d)
                if inFraction {
                    fractionDigits += 1
                    // Leading zeros of a fraction count here but not as significant digits.
                    if fractionDigits >= powersOfTen.count { simple = false; break }
                }
            } else if byte == 0x2E, !inFraction {
                inFraction = true
            } else {
                simple = false
                break
            }
            index += 1
        }
        if simple {
            guard digitsSeen > 0 else { return nil }
            let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        // Only decimal notation: `Double(_:)` would also take `0x1p3`, `inf` and `nan`.
        let decimal = bytes.allSatisfy { digit($0) != nil || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }
        guard decimal, let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// `YYYY-MM-DD`.
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        guard bytes.count == 10 else { return nil }
        return dayPrefix(bytes)
    }

    private static func dayPrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> CalendarDay? {
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2)
        else { return nil }
        return CalendarDay(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp
    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, in whole seconds since the epoch (a fraction
    /// is dropped). RFC 3339 allows `t`, `z` and a space for `T`.
    static func instant(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let day = dayPrefix(bytes) else { return nil }
        if bytes.count == 10 { return day.secondsSinceEpoch }
        guard bytes.count >= 20, bytes[10] == 0x54 || bytes[10] == 0x74 || bytes[10] == 0x20,
              bytes[13] == 0x3A, bytes[16] == 0x3A,
              let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2), let second = digits(bytes, 17, 2),
              hour <= 23, minute <= 59, second <= 60
        else { return nil }
        var index = 19
        if bytes[index] == 0x2E {
            index += 1
            let start = index
            while index < bytes.count, digit(bytes[index]) != nil { index += 1 }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        let zone = bytes[index]
        if zone == 0x5A || zone == 0x7A {
            guard index + 1 == bytes.count else { return nil }
        } else if zone == 0x2B || zone == 0x2D {
            guard index + 6 == bytes.count, bytes[index + 3] == 0x3A,
                  let hours = digits(bytes, index + 1, 2), let minutes = digits(bytes, index + 4, 2),
                  hours <= 23, minutes <= 59
            else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (zone == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        // A leap second is read as the last second of its minute.
        let clock = Int64(hour * 3600 + minute * 60 + min(second, 59))
        return day.secondsSinceEpoch + clock - Int64(offsetSeconds)
    }
}
