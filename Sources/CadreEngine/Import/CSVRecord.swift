/// One CSV record as the tokenizer completed it: every field's unquoted bytes laid end to end in
/// one buffer, so a record costs no allocation once the buffers have grown to the widest row.
public struct CSVRecord: Sendable {
    /// The physical line (1-based) on which the record starts; a quoted line break inside an
    /// earlier record moves every later record's line on.
    public internal(set) var line = 1
    var bytes: [UInt8] = []
    /// `ends[i]` is the offset in `bytes` just past field `i`.
    var ends: [Int] = []

    init() {
        bytes.reserveCapacity(256)
        ends.reserveCapacity(16)
    }

    public var fieldCount: Int { ends.count }

    /// The byte range of field `index` (0-based) in the record's buffer.
    func range(ofField index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Field `index` (0-based) as raw UTF-8 bytes, already unquoted and unescaped.
    public func field(_ index: Int) -> ArraySlice<UInt8> { bytes[range(ofField: index)] }

    /// Field `index` (0-based) as text; the tokenizer has checked it is valid UTF-8.
    public func string(_ index: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(ofField: index)]), as: UTF8.self) }
    }

    public var strings: [String] { (0..<fieldCount).map(string) }

    /// Calls `body` with the whole buffer, for decoders that read fields by range without copying.
    func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = bytes.withUnsafeBufferPointer { buffer in
            do throws(E) { return .success(try body(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    mutating func endField() { ends.append(bytes.count) }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// The one place the column-count error is phrased, for the tokenizer and the row readers.
    func fieldCountError(expected: Int, file: String) -> InputError? {
        guard fieldCount != expected else { return nil }
        return InputError(
            .importColumnCount, file: file, line: line, column: min(fieldCount, expected) + 1,
            message: "this row has \(fieldCount) field\(fieldCount == 1 ? "" : "s"); the header has \(expected)",
            hint: "quote a field that contains a comma (\"Smith, Jo\"), or add the missing empty fields")
    }

    /// Plain ASCII — nearly every HRIS export — is checked in one pass; only a record with other
    /// bytes is decoded field by field, so the error can name the field.
    func validateUTF8(file: String) throws(InputError) {
        let isASCII = bytes.withUnsafeBufferPointer { buffer in
            var combined: UInt8 = 0
            for byte in buffer { combined |= byte }
            return combined < 0x80
        }
        if isASCII { return }
        for index in 0..<fieldCount {
            let valid = bytes.withUnsafeBufferPointer { buffer in
                UTF8Validation.isValid(UnsafeBufferPointer(rebasing: buffer[range(ofField: index)]))
            }
            if !valid {
                throw InputError(
                    .importBadUTF8, file: file, line: line, column: index + 1,
                    message: "this field is not valid UTF-8",
                    hint: "export the file as UTF-8 (Excel: \"CSV UTF-8\"); Latin-1 or Windows-1252 files must be converted")
            }
        }
    }
}

enum UTF8Validation {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
