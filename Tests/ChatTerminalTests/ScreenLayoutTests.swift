import Testing

@testable import ChatTerminal

@Suite("ScreenLayout")
struct ScreenLayoutTests {
    @Test("80×24 with sidebar")
    func standard() throws {
        let regions = try #require(
            ScreenLayout.compute(columns: 80, rows: 24, sidebarWanted: true, longestNameWidth: 16).regions)
        #expect(regions.statusBar == ScreenRect(column: 0, row: 0, width: 80, height: 1))
        #expect(regions.inputLine == ScreenRect(column: 0, row: 23, width: 80, height: 1))
        #expect(regions.sidebar == ScreenRect(column: 61, row: 1, width: 19, height: 22))
        #expect(regions.separator == ScreenRect(column: 60, row: 1, width: 1, height: 22))
        #expect(regions.messageLog == ScreenRect(column: 0, row: 1, width: 60, height: 22))
    }

    static let sidebarWidths: [(Int, Bool, Int, Int?)] = [
        (80, true, 5, 10),  // short names: minimum width
        (80, true, 16, 19),
        (80, true, 40, 24),  // long names: maximum width
        (200, true, 1_000, 24),
        (60, true, 40, 20),  // a third of the screen
        (50, true, 16, 16),
        (49, true, 5, nil),  // too narrow: hidden
        (80, false, 5, nil),  // not wanted
        (80, true, -7, 10),
        (80, true, Int.max, 24),
    ]

    @Test("sidebar width", arguments: sidebarWidths)
    func sidebarWidth(_ sample: (Int, Bool, Int, Int?)) {
        let layout = ScreenLayout.compute(
            columns: sample.0, rows: 24, sidebarWanted: sample.1, longestNameWidth: sample.2)
        #expect(layout.regions?.sidebar?.width == sample.3)
    }

    static let tooSmall: [(Int, Int)] = [(0, 0), (1, 1), (19, 24), (80, 4), (19, 4), (-5, 10), (10, -5), (Int.min, Int.min)]

    @Test("too small", arguments: tooSmall)
    func tooSmallSizes(_ size: (Int, Int)) {
        let layout = ScreenLayout.compute(columns: size.0, rows: size.1, sidebarWanted: true, longestNameWidth: 8)
        #expect(layout == .tooSmall(columns: max(0, size.0), rows: max(0, size.1)))
        #expect(layout.regions == nil)
    }

    @Test("every size from 0×0 to 160×60 gives non-overlapping regions inside the screen")
    func sweep() {
        for columns in 0...160 {
            for rows in 0...60 {
                for wanted in [true, false] {
                    let layout = ScreenLayout.compute(
                        columns: columns, rows: rows, sidebarWanted: wanted, longestNameWidth: (columns * 7) % 40)
                    guard let regions = layout.regions else {
                        #expect(columns < ScreenLayout.minimumColumns || rows < ScreenLayout.minimumRows)
                        continue
                    }
                    #expect(columns >= 20 && rows >= 5)
                    var all = [regions.statusBar, regions.messageLog, regions.inputLine]
                    if let sidebar = regions.sidebar, let separator = regions.separator {
                        #expect(wanted && columns >= ScreenLayout.sidebarMinimumColumns)
                        #expect(ScreenLayout.sidebarWidthRange.contains(sidebar.width))
                        #expect(regions.messageLog.width >= 30)
                        all += [sidebar, separator]
                        #expect(separator.endColumn == sidebar.column)
                        #expect(regions.messageLog.endColumn == separator.column)
                        #expect(sidebar.endColumn == columns)
                    } else {
                        #expect(regions.sidebar == nil && regions.separator == nil)
                        #expect(regions.messageLog.width == columns)
                    }
                    #expect(regions.messageLog.height == rows - 2)
                    var covered = 0
                    for rect in all {
                        #expect(!rect.isEmpty)
                        #expect(rect.endColumn <= columns && rect.endRow <= rows)
                        covered += rect.width * rect.height
                    }
                    // Non-overlapping and together exactly the screen.
                    #expect(covered == columns * rows)
                }
            }
        }
    }
}
