import ChatCore
import Testing

@testable import ChatTerminal

/// Styled runs wrap exactly like plain text, and every row keeps the styles of its characters.
@Suite struct StyledTextWrapperTests {
    static let bold = ScreenStyle(bold: true)
    static let under = ScreenStyle(underline: true)

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let runs: [String]
        let width: Int
        /// Per row: (text, index of the run whose style it has).
        let expected: [[Piece]]
        var testDescription: String { name }
    }

    struct Piece: Equatable, Sendable {
        let text: String
        let run: Int
        init(_ text: String, _ run: Int) {
            self.text = text
            self.run = run
        }
    }

    static let cases: [Case] = [
        Case(name: "one row", runs: ["ab", "cd"], width: 10, expected: [[Piece("ab", 0), Piece("cd", 1)]]),
        Case(name: "style continues across a space break", runs: ["aa bb ", "cc dd"], width: 5,
             expected: [[Piece("aa bb", 0)], [Piece("cc dd", 1)]]),
        Case(name: "run split by a break", runs: ["x ", "long word here"], width: 6,
             expected: [[Piece("x ", 0), Piece("long", 1)], [Piece("word", 1)], [Piece("here", 1)]]),
        Case(name: "hard break inside a run", runs: ["abcdefgh", "ij"], width: 3,
             expected: [[Piece("abc", 0)], [Piece("def", 0)], [Piece("gh", 0), Piece("i", 1)], [Piece("j", 1)]]),
        Case(name: "line break run", runs: ["a", "\n", "b"], width: 5, expected: [[Piece("a", 0)], [Piece("b", 2)]]),
        Case(name: "wide characters", runs: ["日本", "語x"], width: 4,
             expected: [[Piece("日本", 0)], [Piece("語x", 1)]]),
        Case(name: "combining marks", runs: ["e\u{301}", "e\u{301}"], width: 4, expected: [[Piece("e\u{301}", 0), Piece("e\u{301}", 1)]]),
        Case(name: "empty", runs: [], width: 4, expected: [[]]),
    ]

    @Test(arguments: cases)
    func wrapsRunsKeepingStyles(_ sample: Case) {
        let styles = [Self.bold, Self.under, ScreenStyle(italic: true)]
        let runs = sample.runs.enumerated().map { (text: $1, style: styles[$0 % styles.count]) }
        let rows = StyledTextWrapper.wrap(runs, width: sample.width, column: 3)
        let got = rows.map { row in row.map { span in Piece(span.text, styles.firstIndex(of: span.style) ?? -1) } }
        #expect(got == sample.expected)
        // Same rows as plain wrapping: styling never changes what is drawn or where.
        let plain = TextWrapper.wrap(sample.runs.joined(), width: sample.width)
        #expect(rows.map { $0.map(\.text).joined() } == plain.map(\.text))
        for row in rows {
            var column = 3
            for span in row {
                #expect(span.column == column)
                column += TerminalWidth.width(of: span.text)
            }
            #expect(column - 3 <= sample.width)
        }
    }

    @Test func markupAttributesMapToScreenAttributes() {
        #expect(ScreenStyle.plain.applying([.bold, .italic]) == ScreenStyle(bold: true, italic: true))
        #expect(ScreenStyle.plain.applying(.code) == ScreenStyle(color: .code))
        #expect(ScreenStyle(color: .accent).applying(.code) == ScreenStyle(color: .accent))
        #expect(ScreenStyle.plain.applying(.strikethrough) == ScreenStyle(dim: true))
        #expect(ScreenStyle.plain.applying([.underline, .dim]) == ScreenStyle(dim: true, underline: true))
    }
}
