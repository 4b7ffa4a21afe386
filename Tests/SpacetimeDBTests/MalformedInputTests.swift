import QuickstartChat
import Testing

@testable import SpacetimeDB

/// Bad bytes must throw typed errors, never trap.
@Suite("Malformed input")
struct MalformedInputTests {
    /// The lengths at which a v3 payload may validly end: after each whole message.
    static func messageBoundaries(_ vector: ProtocolVector) -> Set<Int> {
        guard vector.protocolName == "v3" else { return [] }
        var payload = vector.bytes[...]
        var base = 0
        if vector.type == "ServerFrame" {
            guard vector.bytes.first == 0 else { return [] }
            payload = vector.bytes.dropFirst()
            base = 1
        }
        var reader = BSATNReader(payload)
        var boundaries: Set<Int> = []
        while !reader.isAtEnd {
            if vector.type == "ServerFrame" {
                guard (try? V2.ServerMessage(bsatn: &reader)) != nil else { break }
            } else {
                guard (try? V2.ClientMessage(bsatn: &reader)) != nil else { break }
            }
            boundaries.insert(base + reader.offset)
        }
        return boundaries
    }

    @Test("every truncation of every vector throws", arguments: VectorStore.all)
    func truncations(_ vector: ProtocolVector) {
        let valid = Self.messageBoundaries(vector)
        var failures: [Int] = []
        for length in 0..<vector.bytes.count {
            let truncated = ProtocolVector(
                file: vector.file, name: vector.name, protocolName: vector.protocolName, type: vector.type,
                variant: vector.variant, bytes: Array(vector.bytes[..<length]), value: vector.value)
            let decoded = (try? VectorDecoder.decode(truncated)) != nil
            if decoded != valid.contains(length) { failures.append(length) }
        }
        #expect(failures.isEmpty, "prefix lengths that decoded wrongly: \(failures.prefix(10))")
    }

    struct BadBytes: Sendable, CustomTestStringConvertible {
        let label: String
        let hex: String
        let decode: @Sendable ([UInt8]) throws -> Void
        let expected: BSATNDecodingError
        var testDescription: String { label }
    }

    static let aliceBSATN = "75a9cc35243f675a7d8eebbbf2a1c2b0dc36ccca06de02d4c742d652314800c2"

    static let badBytes: [BadBytes] = [
        BadBytes(label: "v1 ServerMessage tag 11", hex: "0b", decode: { _ = try V1.ServerMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V1.ServerMessage", tag: 11, offset: 0)),
        BadBytes(label: "v1 ClientMessage tag 8", hex: "08", decode: { _ = try V1.ClientMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V1.ClientMessage", tag: 8, offset: 0)),
        BadBytes(label: "v2 ServerMessage tag 8", hex: "08", decode: { _ = try V2.ServerMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V2.ServerMessage", tag: 8, offset: 0)),
        BadBytes(label: "v2 ClientMessage tag 5", hex: "05", decode: { _ = try V2.ClientMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V2.ClientMessage", tag: 5, offset: 0)),
        BadBytes(label: "UpdateStatus tag 3", hex: "03", decode: { _ = try V1.UpdateStatus(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V1.UpdateStatus", tag: 3, offset: 0)),
        BadBytes(label: "CompressableQueryUpdate tag 3", hex: "03", decode: { _ = try V1.CompressableQueryUpdate(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V1.CompressableQueryUpdate", tag: 3, offset: 0)),
        BadBytes(label: "RowSizeHint tag 2", hex: "02 0000", decode: { _ = try RowSizeHint(bsatnBytes: $0) },
                 expected: .unknownTag(type: "RowSizeHint", tag: 2, offset: 0)),
        BadBytes(label: "ReducerOutcome tag 4", hex: "04", decode: { _ = try V2.ReducerOutcome(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V2.ReducerOutcome", tag: 4, offset: 0)),
        BadBytes(label: "TableUpdateRows tag 2", hex: "02", decode: { _ = try V2.TableUpdateRows(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V2.TableUpdateRows", tag: 2, offset: 0)),
        BadBytes(label: "UnsubscribeFlags tag 2", hex: "01 01000000 02000000 02", decode: { _ = try V2.ClientMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V2.UnsubscribeFlags", tag: 2, offset: 9)),
        BadBytes(label: "CallReducerFlags 2", hex: "00 01000000 61 00000000 07000000 02", decode: { _ = try V1.ClientMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V1.CallReducerFlags", tag: 2, offset: 14)),
        BadBytes(label: "v2 CallReducer flags 1", hex: "03 01000000 01 01000000 61 00000000", decode: { _ = try V2.ClientMessage(bsatnBytes: $0) },
                 expected: .invalidValue(type: "V2.CallReducer", offset: 5, reason: "invalid flags 1; only 0 is defined")),
        BadBytes(label: "v1 CallProcedureFlags 1", hex: "07 01000000 61 00000000 07000000 01", decode: { _ = try V1.ClientMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "V1.CallProcedureFlags", tag: 1, offset: 14)),
        BadBytes(label: "Option tag 2 in SubscriptionError", hex: "07 0000000000000000 02", decode: { _ = try V1.ServerMessage(bsatnBytes: $0) },
                 expected: .unknownTag(type: "Option<UInt32>", tag: 2, offset: 9)),
        BadBytes(label: "bool byte 2 in a user row", hex: aliceBSATN + "01 02", decode: { _ = try User(bsatnBytes: $0) },
                 expected: .invalidBool(offset: 33, byte: 2)),
        BadBytes(label: "invalid UTF-8 in a reducer name", hex: "00 02000000 c328 00000000 00000000 00", decode: { _ = try V1.ClientMessage(bsatnBytes: $0) },
                 expected: .invalidUTF8(offset: 5, length: 2)),
        BadBytes(label: "string length beyond the buffer", hex: "02 01000000 ffffffff", decode: { _ = try V2.ClientMessage(bsatnBytes: $0) },
                 expected: .unexpectedEnd(offset: 9, needed: 0xffff_ffff, available: 0)),
        BadBytes(label: "identity cut short", hex: "03 ffffffff", decode: { _ = try V1.ServerMessage(bsatnBytes: $0) },
                 expected: .unexpectedEnd(offset: 1, needed: 32, available: 4)),
        BadBytes(label: "huge array count", hex: "01 ffffffff ffffffff", decode: { _ = try V1.ClientMessage(bsatnBytes: $0) },
                 expected: .unexpectedEnd(offset: 9, needed: 0xffff_ffff, available: 0)),
        BadBytes(label: "rows_data longer than the buffer", hex: "01 00000000 ffffff7f 00", decode: { _ = try BsatnRowList(bsatnBytes: $0) },
                 expected: .unexpectedEnd(offset: 9, needed: 0x7fff_ffff, available: 1)),
        BadBytes(label: "trailing byte after a message", hex: "06 01000000 02000000 ff", decode: { _ = try V1.ClientMessage(bsatnBytes: $0) },
                 expected: .trailingBytes(offset: 9, count: 1)),
    ]

    @Test(arguments: badBytes)
    func badBytesThrowTheRightError(_ testCase: BadBytes) {
        let bytes = Hex.bytes(testCase.hex)
        #expect(!bytes.isEmpty)
        #expect(throws: testCase.expected) { try testCase.decode(bytes) }
    }

    @Test func v3FramingErrors() throws {
        #expect(throws: ProtocolError.emptyFrame) { try V3.decodeServerMessages([]) }
        #expect(throws: ProtocolError.emptyFrame) { try V3.decodeClientFrame([]) }
        #expect(throws: ProtocolError.emptyFrame) { try V3.decodeServerFrame([0]) }
        #expect(throws: ProtocolError.compression(.unknownEnvelopeTag(5))) { try V3.decodeServerFrame([5, 0]) }
        #expect(throws: ProtocolError.compression(.emptyFrame)) { try V3.decodeServerFrame([]) }
        // One whole message, then a stray tag byte.
        let one = V2.ClientMessage.oneOffQuery(.init(requestId: 1, queryString: "SELECT 1")).bsatnBytes()
        #expect(throws: ProtocolError.self) { try V3.decodeClientFrame((one + [0x09])[...]) }
        #expect(try V3.decodeClientFrame((one + one)[...]).count == 2)
    }

    @Test func framesWithBadEnvelopesAreProtocolErrors() {
        #expect(throws: ProtocolError.compression(.unknownEnvelopeTag(3))) { try V1.ServerMessage(frame: [3, 3]) }
        #expect(throws: ProtocolError.compression(.emptyFrame)) { try V2.ServerMessage(frame: []) }
        #expect(throws: ProtocolError.self) { try V2.ServerMessage(frame: [2, 1, 2, 3]) }
        #expect(throws: ProtocolError.decoding(.unknownTag(type: "V1.ServerMessage", tag: 42, offset: 0))) {
            try V1.ServerMessage(frame: [0, 42])
        }
    }
}
