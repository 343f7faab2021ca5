import Testing
@testable import CadreEngine

/// Records and the physical line each starts on.
private func parse(_ text: String, chunkSize: Int? = nil, file: String = "t.csv") throws(InputError) -> [(Int, [String])] {
    try parse(Array(text.utf8), chunkSize: chunkSize, file: file)
}

private func parse(_ bytes: [UInt8], chunkSize: Int? = nil, file: String = "t.csv") throws(InputError) -> [(Int, [String])] {
    var parser = CSVParser(file: file)
    var records: [(Int, [String])] = []
    let size = chunkSize ?? max(1, bytes.count)
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + size)
        try parser.feed(bytes[offset..<end]) { records.append(($0.line, $0.strings)) }
        offset = end
    }
    try parser.finish { records.append(($0.line, $0.strings)) }
    return records
}

private func parseError(_ text: String) -> InputError? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct ImportCSVParserTests {
    static let tricky = "a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",z\r\n\"multi\nline\",2,3\nlast,4,5"

    @Test func quotingEscapesAndLines() throws {
        let records = try parse(Self.tricky)
        #expect(records.map(\.0) == [1, 2, 3, 5])
        #expect(records.map(\.1) == [
            ["a", "b", "c"], ["x, y", "he said \"hi\"", "z"], ["multi\nline", "2", "3"], ["last", "4", "5"],
        ])
    }

    @Test(arguments: [1, 2, 3, 7, 4096])
    func chunkBoundariesDoNotChangeRecords(size: Int) throws {
        let text = "\u{FEFF}" + Self.tricky + "\r\n\"é,\r\nü\",Zoë,\"\"\r\n"
        let whole = try parse(text)
        let chunked = try parse(text, chunkSize: size)
        #expect(chunked.map(\.0) == whole.map(\.0))
        #expect(chunked.map(\.1) == whole.map(\.1))
        #expect(whole.last?.0 == 6)
        #expect(whole.last?.1 == ["é,\r\nü", "Zoë", ""])
        #expect(whole.first?.1 == ["a", "b", "c"])
    }

    @Test func byteOrderMarkIsDropped() throws {
        let records = try parse([0xEF, 0xBB, 0xBF] + Array("id,name\n1,Ana\n".utf8), chunkSize: 1)
        #expect(records.map(\.1) == [["id", "name"], ["1", "Ana"]])
    }

    @Test func bytesLikeAByteOrderMarkThatAreNotOneAreData() throws {
        // 0xEF 0xBB then 'x' is not a BOM; it is also not UTF-8.
        #expect(throws: InputError(.importBadUTF8, file: "t.csv", line: 1, column: 1,
                                   message: "this field is not valid UTF-8",
                                   hint: "export the file as UTF-8 (Excel: \"CSV UTF-8\"); Latin-1 or Windows-1252 files must be converted")) {
            _ = try parse([0xEF, 0xBB, 0x78, 0x2C, 0x61, 0x0A], chunkSize: 1)
        }
    }

    @Test func lineEndsOfEveryKindAndBlankLines() throws {
        let records = try parse("a,b\r\n\r\n1,2\n\n3,4\r5,6\r")
        #expect(records.map(\.0) == [1, 3, 5, 6])
        #expect(records.map(\.1) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
    }

    @Test func quotedCRLFCountsAsOneLine() throws {
        let records = try parse("h1,h2\r\n\"a\r\nb\r\nc\",d\r\ne,f\r\n", chunkSize: 1)
        #expect(records.map(\.0) == [1, 2, 5])
        #expect(records[1].1 == ["a\r\nb\r\nc", "d"])
    }

    @Test func strayQuoteInUnquotedField() {
        let error = parseError("a,b\n1,x\"y\n")
        #expect(error?.code == .importBadQuoting)
        #expect(error?.line == 2)
        #expect(error?.column == 2)
    }

    @Test func textAfterClosingQuote() {
        let error = parseError("a,b\n\"x\"y,2\n")
        #expect(error?.code == .importBadQuoting)
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message == "text follows the closing quote of a field")
    }

    @Test func unterminatedQuoteIsReportedWhereTheRecordStarts() {
        let error = parseError("a,b\n1,\"open\n2,3\n")
        #expect(error?.code == .importBadQuoting)
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.message == "a quoted field is never closed")
    }

    @Test func wrongFieldCount() {
        let error = parseError("a,b,c\n1,2,3\n\"4,5\",6\n")
        #expect(error == InputError(
            .importColumnCount, file: "t.csv", line: 3, column: 3,
            message: "this row has 2 fields; the header has 3",
            hint: "quote a field that contains a comma (\"Smith, Jo\"), or add the missing empty fields"))
        #expect(parseError("a,b\n1,2,3\n")?.column == 3)
    }

    @Test func invalidUTF8NamesTheField() {
        var found: InputError?
        do {
            _ = try parse(Array("a,b\n1,".utf8) + [0xC3, 0x28] + [0x0A])
        } catch { found = error }
        #expect(found?.code == .importBadUTF8)
        #expect(found?.line == 2)
        #expect(found?.column == 2)
    }

    @Test func multiByteCharacterSplitAcrossChunks() throws {
        let records = try parse("name\nŁukasz Wójcik\n", chunkSize: 1)
        #expect(records.map(\.1) == [["name"], ["Łukasz Wójcik"]])
    }

    @Test func finalRecordWithoutLineBreakAndTrailingEmptyField() throws {
        let records = try parse("a,b\n1,")
        #expect(records.map(\.1) == [["a", "b"], ["1", ""]])
    }
}
