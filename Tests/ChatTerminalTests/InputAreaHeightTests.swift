import Testing

@testable import ChatTerminal

/// The input area grows with the draft, within limits, and the log gives up exactly those rows.
@Suite("InputAreaHeight")
struct InputAreaHeightTests {
    /// (draft lines, terminal rows, input rows)
    static let table: [(Int, Int, Int)] = [
        (1, 24, 1), (0, 24, 1), (-3, 24, 1), (2, 24, 2), (3, 24, 3), (5, 24, 5), (6, 24, 5), (1_000, 24, 5),
        (3, 5, 1),  // the smallest terminal laid out keeps a one-row input
        (3, 7, 1), (3, 8, 2), (3, 11, 3), (9, 14, 4), (9, 17, 5), (9, 1_000, 5),
        (Int.max, Int.max, 5), (Int.min, 0, 1),
    ]

    @Test("rows", arguments: table)
    func rows(_ sample: (Int, Int, Int)) {
        #expect(InputAreaHeight.rows(lineCount: sample.0, terminalRows: sample.1) == sample.2)
    }

    @Test("the log shrinks by what the input grows, the input sits at the bottom")
    func layoutGrowsTheInput() throws {
        let one = try #require(ScreenLayout.compute(columns: 80, rows: 24, sidebarWanted: true, longestNameWidth: 8).regions)
        let three = try #require(
            ScreenLayout.compute(columns: 80, rows: 24, sidebarWanted: true, longestNameWidth: 8, inputLines: 3).regions)
        #expect(three.inputLine == ScreenRect(column: 0, row: 21, width: 80, height: 3))
        #expect(three.messageLog.height == one.messageLog.height - 2)
        #expect(three.sidebar?.height == three.messageLog.height)
        #expect(three.separator?.height == three.messageLog.height)
        #expect(three.messageLog.endRow == three.inputLine.row)
    }

    @Test("every size and draft gives regions inside the screen that do not overlap")
    func sweep() {
        for rows in 0...30 {
            for lines in [1, 2, 3, 4, 5, 9] {
                guard let regions = ScreenLayout.compute(
                    columns: 60, rows: rows, sidebarWanted: true, longestNameWidth: 8, inputLines: lines).regions
                else { continue }
                #expect(regions.messageLog.height >= 2, "rows \(rows), lines \(lines)")
                #expect(regions.inputLine.endRow == rows)
                #expect(regions.messageLog.endRow == regions.inputLine.row)
                #expect(regions.inputLine.height == InputAreaHeight.rows(lineCount: lines, terminalRows: rows))
            }
        }
    }
}
