import CadreWire
import Testing

@Suite("Varlink call header scanner")
struct VarlinkMessageScannerTests {
    func call(_ text: String) throws -> VarlinkCall { try VarlinkCodec.decodeCall(Array(text.utf8)) }

    @Test("header fields in any order, with whitespace and unknown keys")
    func header() throws {
        let parsed = try call(#" { "parameters" : {"message":"a\"b","n":[1,2.5e3,-4,{"x":null}]}, "x-vendor": [true,false], "oneway": false, "more" : true , "method":"io.cadre.Workforce.Ping" } "#)
        #expect(parsed.method == "io.cadre.Workforce.Ping")
        #expect(parsed.wantsMore && !parsed.isOneway)
        #expect(try parsed.decodeParameters(as: Workforce.PingParameters.self).message == "a\"b")
    }

    @Test("escaped method names decode by JSON's rules")
    func escapes() throws {
        #expect(try call(#"{"method":"io.cadre.Workforce.P\u0069ng"}"#).method == "io.cadre.Workforce.Ping")
    }

    @Test("absent or null parameters decode as an empty object")
    func emptyParameters() throws {
        #expect(try call(#"{"method":"a.B"}"#).decodeParameters(as: Workforce.ListRunsParameters.self).limit == nil)
        #expect(try call(#"{"method":"a.B","parameters":null}"#).decodeParameters(as: Workforce.ListRunsParameters.self).limit == nil)
        #expect(try call(#"{"method":"a.B","parameters":{"limit":3}}"#).decodeParameters(as: Workforce.ListRunsParameters.self).limit == 3)
    }

    @Test("malformed calls are refused", arguments: [
        "", "[]", "{", "{}", #"{"more":true}"#, #"{"method":5}"#, #"{"method":"a.B",}"#, #"{"method":"a.B"} x"#,
        #"{"method":"a.B","parameters":{"a":}}"#, #"{"method":"a.B","parameters":[1,2}"#, #"{"method":"a.B","more":"yes"}"#,
        #"{"method":"a.B","parameters":{"s":"unterminated}}"#, "{\"method\":\"a.\u{01}B\"}", #"{"method":"a.B","parameters":nul}"#,
        String(repeating: "[", count: 200),
    ])
    func malformed(text: String) {
        #expect { try call(text) } throws: { ($0 as? WireError)?.code == .malformed }
    }

    @Test("deep nesting is refused, not recursed without end")
    func depth() {
        let deep = #"{"method":"a.B","parameters":"# + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + "}"
        #expect(throws: WireError.self) { try call(deep) }
    }
}
