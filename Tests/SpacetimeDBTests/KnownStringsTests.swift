import Testing

@testable import SpacetimeDB

/// ``BSATNReader/readString(known:)`` gives exactly what ``BSATNReader/readString()`` gives (string,
/// bytes consumed, or error) on well-formed and malformed input, whatever strings it knows.
@Suite struct KnownStringsTests {
    static let known = KnownStrings(["message", "user", "send_message", "é", "", "user"])

    /// A length prefix (little-endian `u32`) followed by `bytes`.
    static func prefixed(_ count: UInt32, _ bytes: [UInt8]) -> [UInt8] {
        withUnsafeBytes(of: count.littleEndian, Array.init) + bytes
    }

    /// What a read of `bytes` gave: the string and the offset after it, or the error.
    static func outcome(_ bytes: [UInt8], _ read: (inout BSATNReader) throws(BSATNDecodingError) -> String) -> String {
        var reader = BSATNReader(bytes)
        do {
            let string = try read(&reader)
            return "\(string.debugDescription) to \(reader.offset)"
        } catch {
            return "error: \(error)"
        }
    }

    @Test(
        "reads as readString does",
        arguments: [
            ("a known name", prefixed(7, Array("message".utf8))),
            ("a known name with bytes after it", prefixed(4, Array("user".utf8)) + [1, 2, 3]),
            ("a known non-ASCII name", prefixed(2, [0xC3, 0xA9])),
            ("the empty string, known", prefixed(0, [])),
            ("an unknown name of a known one's length", prefixed(7, Array("massage".utf8))),
            ("a known name's prefix", prefixed(3, Array("use".utf8))),
            ("longer than every known name", prefixed(20, Array("send_message_and_more".utf8.prefix(20)))),
            ("invalid UTF-8 of a known name's length", prefixed(4, [0xFF, 0x73, 0x65, 0x72])),
            ("a lone continuation byte, one byte long", prefixed(1, [0x80])),
            ("a truncated known name", prefixed(7, Array("mess".utf8))),
            ("a length past the end", prefixed(0xFFFF_FFFF, Array("message".utf8))),
            ("a truncated length prefix", [7, 0]),
            ("no bytes at all", []),
        ])
    func matchesReadString(_ name: String, bytes: [UInt8]) {
        let general = Self.outcome(bytes) { reader throws(BSATNDecodingError) in try reader.readString() }
        for known in [Self.known, KnownStrings.none] {
            let shared = Self.outcome(bytes) { reader throws(BSATNDecodingError) in try reader.readString(known: known) }
            #expect(shared == general, "\(name)")
        }
    }

    @Test("every truncation and single-byte change of a known name reads as readString does")
    func damagedNames() {
        for name in ["message", "send_message", "é"] {
            let bytes = Self.prefixed(UInt32(name.utf8.count), Array(name.utf8))
            var inputs = (0...bytes.count).map { Array(bytes[..<$0]) }
            for position in bytes.indices {
                for replacement: UInt8 in [0x00, 0x41, 0x80, 0xC3, 0xFF] where replacement != bytes[position] {
                    var damaged = bytes
                    damaged[position] = replacement
                    inputs.append(damaged)
                }
            }
            for input in inputs {
                let general = Self.outcome(input) { reader throws(BSATNDecodingError) in try reader.readString() }
                let shared = Self.outcome(input) { reader throws(BSATNDecodingError) in try reader.readString(known: Self.known) }
                #expect(shared == general, "\(input)")
            }
        }
    }

    @Test("each string is kept once, in first-given order")
    func deduplicates() {
        #expect(Self.known.entries.map(\.string) == ["message", "user", "send_message", "é", ""])
        #expect(Self.known.entries.allSatisfy { Array($0.string.utf8) == $0.utf8 })
    }
}
