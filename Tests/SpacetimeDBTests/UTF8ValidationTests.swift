import Testing

@testable import SpacetimeDB

/// ``BSATNReader/readString()`` against the standard library's `String(validating:as:)`: the reader
/// validates once (``BSATNReader/decodeUTF8(_:)``: decode with repair, then compare with the input),
/// and must accept and reject exactly the same bytes and return the same strings, including at every
/// alignment of the eight-byte comparison and on both sides of the 15-byte small-string limit.
@Suite struct UTF8ValidationTests {
    /// Bytes where the UTF-8 rules change: ASCII edges, continuation range edges, and lead bytes.
    static let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]

    func stdlibAccepts(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// Whether `readString` accepts `bytes` (length-prefixed, as BSATN sends a string); a string it
    /// accepts must also be the one the standard library builds.
    func readerAccepts(_ bytes: [UInt8]) -> Bool {
        guard let string = try? String(bsatnBytes: bytes.bsatnBytes()) else { return false }
        return string == String(validating: bytes, as: UTF8.self) && Array(string.utf8) == bytes
    }

    @Test func everyOneAndTwoByteSequenceAgreesWithTheStandardLibrary() {
        var disagreements: [[UInt8]] = []
        for first in 0...255 {
            let one = [UInt8(first)]
            if readerAccepts(one) != stdlibAccepts(one) { disagreements.append(one) }
            for second in 0...255 {
                let two = [UInt8(first), UInt8(second)]
                if readerAccepts(two) != stdlibAccepts(two) { disagreements.append(two) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    @Test func threeAndFourByteSequencesAgreeWithTheStandardLibrary() {
        var disagreements: [[UInt8]] = []
        var checked = 0
        for lead in 0xC0...0xFF {
            for second in 0...255 {
                for third in Self.edges {
                    let three = [UInt8(lead), UInt8(second), third]
                    if readerAccepts(three) != stdlibAccepts(three) { disagreements.append(three) }
                    checked += 1
                    guard lead >= 0xF0 else { continue }
                    for fourth in Self.edges {
                        let four = three + [fourth]
                        if readerAccepts(four) != stdlibAccepts(four) { disagreements.append(four) }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 100_000)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    /// Each sequence after 0–33 ASCII bytes and before some more, so it sits at every position
    /// relative to the eight-byte words, in small and in heap-allocated strings, and a bad byte inside
    /// a word of ASCII is still found.
    @Test func everyAlignmentOfTheAsciiScan() {
        let samples: [[UInt8]] = [
            [0xC3, 0xA9], [0xE6, 0xBC, 0xA2], [0xF0, 0x9F, 0x8E, 0x89],  // valid: é, 漢, 🎉
            [0x80], [0xC3], [0xC3, 0x28], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF],
            // A truncated four-byte sequence is repaired to one U+FFFD of the same length (3 bytes);
            // and U+FFFD itself is valid.
            [0xF0, 0x90, 0x80], [0xEF, 0xBF, 0xBD],
        ]
        var disagreements: [[UInt8]] = []
        for sample in samples {
            for before in 0...33 {
                for after in [0, 1, 7, 8, 9] {
                    let bytes = [UInt8](repeating: 0x61, count: before) + sample + [UInt8](repeating: 0x62, count: after)
                    if readerAccepts(bytes) != stdlibAccepts(bytes) { disagreements.append(bytes) }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// Random byte strings, mostly ASCII with some high bytes, so most mix valid and invalid sequences.
    @Test func randomStringsAgreeWithTheStandardLibrary() {
        var state: UInt64 = 0x0123_4567_89AB_CDEF
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        var accepted = 0
        var disagreements: [[UInt8]] = []
        for _ in 0..<20_000 {
            let length = Int(next() % 40)
            let bytes = (0..<length).map { _ in next() % 4 == 0 ? UInt8(0x80 + next() % 0x80) : UInt8(next() % 0x80) }
            let stdlib = stdlibAccepts(bytes)
            if stdlib { accepted += 1 }
            if readerAccepts(bytes) != stdlib { disagreements.append(bytes) }
        }
        #expect(accepted > 100, "the sample should hold valid strings too")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// Through the reader: valid text decodes to the same string, invalid text is a typed error at
    /// the string's offset.
    @Test func readStringDecodesValidTextAndRejectsInvalidText() throws {
        for text in ["", "hello", "a longer line of plain ASCII text", "漢字 🎉 lunch?", "é"] {
            #expect(try String(bsatnBytes: text.bsatnBytes()) == text)
        }
        let invalid: [UInt8] = [5, 0, 0, 0, 0x61, 0x62, 0xED, 0xA0, 0x80]
        #expect(throws: BSATNDecodingError.invalidUTF8(offset: 4, length: 5)) { try String(bsatnBytes: invalid) }
    }
}
