import Testing

@testable import ChatTerminal

/// Issue 12, item 8: the editor re-clusters and re-measures only around an edit, so a 1 MB line stays
/// interactive (measured with `spacetime-bench editor`). These tests hold the incremental work to
/// what measuring everything from scratch gives, over seeded random edits.
@Suite struct LineEditorIncrementalTests {
    /// The visible slice computed from nothing but the clusters and the cursor: the algorithm before
    /// the per-cluster widths were kept (every cluster measured on every call).
    static func referenceSlice(_ characters: [Character], cursor: Int, width: Int, charset: TerminalCharset) -> VisibleSlice {
        var displays: [String.UnicodeScalarView] = []
        var widths: [Int] = []
        var previous: Unicode.Scalar?
        for character in characters {
            var display = String.UnicodeScalarView()
            ClusterColumns.forEachScalar(of: character, after: &previous, charset: charset) { display.append($0) }
            widths.append(charset == .ascii ? display.count : display.reduce(0) { $0 + TerminalWidth.columns(of: $1) })
            displays.append(display)
        }
        let cursorColumn = widths[..<cursor].reduce(0, +)
        let firstColumn: Int
        if cursorColumn < width {
            firstColumn = 0
        } else if width == 1 {
            firstColumn = cursorColumn
        } else {
            let step = max(1, width / 2)
            firstColumn = ((cursorColumn - (width - 1)) / step + 1) * step
        }
        var index = 0
        var column = 0
        while index < characters.count, column < firstColumn {
            column += widths[index]
            index += 1
        }
        let startColumn = column
        var text = String.UnicodeScalarView()
        var used = 0
        var end = index
        while end < characters.count, used + widths[end] <= width {
            text.append(contentsOf: displays[end])
            used += widths[end]
            end += 1
        }
        return VisibleSlice(
            text: String(text), width: used, cursorColumn: min(cursorColumn - startColumn, width - 1),
            clippedLeft: index > 0, clippedRight: end < characters.count)
    }

    static let pieces = ["a", "b", " ", "e", "\u{301}", "漢", "👍", "\u{1F3FD}", "\u{200D}", "💻", "\t", "\u{1B}", "\n", "é", "x\u{308}", "\r\n"]

    @Test(arguments: [TerminalCharset.utf8, .ascii], [UInt64(1), 2, 3])
    func randomEditsMatchMeasuringFromScratch(charset: TerminalCharset, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var editor = LineEditor()
        editor.charset = charset
        for step in 0..<400 {
            let command: EditorCommand
            switch Int.random(in: 0..<12, using: &random) {
            case 0, 1, 2, 3:
                let count = Int.random(in: 1...3, using: &random)
                command = .insert((0..<count).map { _ in Self.pieces.randomElement(using: &random) ?? "a" }.joined())
            case 4: command = .moveLeft
            case 5: command = .moveRight
            case 6: command = .deleteBackward
            case 7: command = .deleteForward
            case 8: command = .moveWordLeft
            case 9: command = .deleteWordBackward
            case 10: command = .yank
            default: command = Bool.random(using: &random) ? .moveToStart : .killToEnd
            }
            editor.apply(command)
            // The clusters are those of the whole text (no regional indicators in the pieces, whose
            // pairing may legitimately differ), and every slice is the one measured from scratch.
            #expect(editor.characters == Array(editor.text), "step \(step): \(command)")
            for width in [1, 2, 7, 20] {
                let expected = Self.referenceSlice(editor.characters, cursor: editor.cursor, width: width, charset: charset)
                #expect(editor.visibleSlice(width: width) == expected, "step \(step): \(command), width \(width)")
            }
        }
    }

    @Test func completionCyclesThroughTheIncrementalPath() {
        var editor = LineEditor()
        editor.apply(.insert("hi al"))
        editor.complete(candidates: ["alice", "alan"])
        #expect(editor.text == "hi alice ")
        editor.complete(candidates: ["alice", "alan"])
        #expect(editor.text == "hi alan ")
        #expect(editor.visibleSlice(width: 40) == Self.referenceSlice(editor.characters, cursor: editor.cursor, width: 40, charset: .utf8))
    }

    @Test func aHugePasteIsMeasuredOnce() {
        var editor = LineEditor()
        let line = String(repeating: "café 漢字 👍🏽 ", count: 20_000)
        editor.apply(.insert(line))
        editor.apply(.insert("!"))
        let slice = editor.visibleSlice(width: 78)
        #expect(slice.text.hasSuffix("!"))
        #expect(slice == Self.referenceSlice(editor.characters, cursor: editor.cursor, width: 78, charset: .utf8))
        editor.apply(.moveToStart)
        #expect(editor.visibleSlice(width: 78).text.hasPrefix("café 漢字 👍 "))
    }
}
