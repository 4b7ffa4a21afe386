import Foundation
import Testing

@testable import ChatTerminal

/// The history file's text: round trips, escaping, caps, and every way a file can be wrong.
@Suite("InputHistoryCodec")
struct InputHistoryCodecTests {
    static let header = InputHistoryCodec.header

    /// (name, entries, file text)
    static let encodings: [(String, [String], String)] = [
        ("empty", [], header + "\n"),
        ("plain", ["hello", "world"], header + "\nhello\nworld\n"),
        ("multi-line", ["a\nb\nc"], header + "\na\\nb\\nc\n"),
        ("backslashes", ["C:\\dir\\n"], header + "\nC:\\\\dir\\\\n\n"),
        ("carriage return", ["a\rb"], header + "\na\\rb\n"),
        ("unicode line separators stay as they are", ["a\u{2028}b\u{85}c"], header + "\na\u{2028}b\u{85}c\n"),
        ("escape sequences stay as they are", ["\u{1B}[2J"], header + "\n\u{1B}[2J\n"),
        ("empty entries are not written", ["", "x"], header + "\nx\n"),
    ]

    @Test("encode", arguments: encodings)
    func encode(_ sample: (String, [String], String)) throws {
        #expect(InputHistoryCodec.encode(sample.1) == sample.2, "\(sample.0)")
        let back = try InputHistoryCodec.decode(Array(sample.2.utf8))
        #expect(back == sample.1.filter { !$0.isEmpty }, "\(sample.0)")
    }

    @Test("caps: the newest entries, and none longer than the byte limit")
    func caps() throws {
        let entries = (1...1_500).map { "line \($0)" }
        let text = InputHistoryCodec.encode(entries)
        let decoded = try InputHistoryCodec.decode(Array(text.utf8))
        #expect(decoded.count == 1_000)
        #expect(decoded.first == "line 501")
        #expect(decoded.last == "line 1500")
        let big = String(repeating: "x", count: InputHistoryCodec.defaultMaxEntryBytes + 1)
        #expect(InputHistoryCodec.encode(["a", big, "b"]) == Self.header + "\na\nb\n")
        #expect(try InputHistoryCodec.decode(Array(text.utf8), limit: 2) == ["line 1499", "line 1500"])
    }

    @Test("round trip of awkward entries")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        let pieces = ["\\", "n", "\n", "\r", "\\n", "漢", "👍🏽", "#", " ", "\u{2028}", "\u{0}"]
        var entries: [String] = []
        for _ in 0..<300 {
            let count = Int.random(in: 1...8, using: &generator)
            entries.append((0..<count).map { _ in pieces.randomElement(using: &generator) ?? "x" }.joined())
        }
        let text = InputHistoryCodec.encode(entries)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == entries.count + 2)
        #expect(try InputHistoryCodec.decode(Array(text.utf8)) == entries)
    }

    /// (name, file bytes, error)
    static let corrupt: [(String, [UInt8], InputHistoryCodecError)] = [
        ("empty file", [], .unknownFormat(firstLine: "")),
        ("no header", Array("hello\n".utf8), .unknownFormat(firstLine: "hello")),
        ("other version", Array("# spacetime-chat input history v2\nx\n".utf8), .unknownFormat(firstLine: "# spacetime-chat input history v2")),
        ("not UTF-8", Array((header + "\n").utf8) + [0xFF, 0x0A], .notUTF8),
        ("bad escape", Array((header + "\nok\nbad\\x\n").utf8), .badEscape(line: 3)),
        ("trailing backslash", Array((header + "\nbad\\\n").utf8), .badEscape(line: 2)),
    ]

    @Test("corrupt files", arguments: corrupt)
    func corruptFiles(_ sample: (String, [UInt8], InputHistoryCodecError)) {
        #expect(throws: sample.2, "\(sample.0)") { try InputHistoryCodec.decode(sample.1) }
    }

    @Test("a header without a final newline, or blank lines, still reads")
    func lenient() throws {
        #expect(try InputHistoryCodec.decode(Array(Self.header.utf8)) == [])
        #expect(try InputHistoryCodec.decode(Array((Self.header + "\n\na\n\nb").utf8)) == ["a", "b"])
    }

    static let merges: [(existing: [String], added: [String], merged: [String])] = [
        ([], ["a"], ["a"]),
        (["a", "b"], ["c"], ["a", "b", "c"]),
        (["a", "b"], ["b", "c"], ["a", "b", "c"]),  // repeats the newest: skipped
        (["a"], ["b", "b", "a"], ["a", "b", "a"]),  // only a repeat of the newest, as ↑ recall keeps
        (["a"], ["", "b"], ["a", "b"]),  // empty lines are never entries
    ]

    @Test("merging adds a window's lines after the file's, skipping a repeat of the newest", arguments: merges)
    func merge(_ sample: (existing: [String], added: [String], merged: [String])) {
        #expect(InputHistoryCodec.merge(sample.existing, adding: sample.added) == sample.merged)
    }
}
