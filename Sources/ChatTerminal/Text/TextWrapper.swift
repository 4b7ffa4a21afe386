/// Wraps text into rows no wider than a column count, and truncates single lines with an ellipsis.
///
/// Input is sanitised first (`TerminalSanitizer`, keeping line breaks), so the output is always safe
/// to draw. Rules: a line break in the text starts a new row; otherwise rows break at the last space
/// that fits (that one space is consumed), and a word longer than the row is broken between
/// grapheme clusters. A 2-column cluster that doesn't fit at the end of a row moves to the next row.
/// A cluster wider than the whole row (a 2-column cluster when `width` is 1) is drawn as the
/// 1-column `�` instead, so wrapping always makes progress and never overflows.
public enum TextWrapper {
    /// The symbol `truncate` ends a shortened line with (1 column).
    public static let ellipsis: Character = "\u{2026}"

    /// Wraps `text` into rows of at most `width` columns; no rows when `width` < 1, one empty row for "".
    public static func wrap(_ text: some StringProtocol, width: Int) -> [WrappedLine] {
        guard width >= 1 else {
            return []
        }
        let utf8 = Array(text.utf8)
        if utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) {
            return wrapPrintableASCII(utf8, width: width)
        }
        return wrapDisplayForm(TerminalSanitizer.sanitize(text, keepingLineBreaks: true), width: width)
    }

    /// The general case: wraps text that is already in display form, cluster by cluster.
    static func wrapDisplayForm(_ display: String, width: Int) -> [WrappedLine] {
        var lines: [WrappedLine] = []
        var row = RowBuilder()
        for character in display {
            let ascii = character.asciiValue
            if ascii == 0x0A {
                lines.append(row.finish(ending: .lineBreak))
                continue
            }
            var cell = character
            var cellWidth = displayWidth(of: character)
            if cellWidth > width {
                cell = Character(TerminalSanitizer.replacementScalar)
                cellWidth = 1
            }
            if row.width + cellWidth <= width {
                row.append(cell, width: cellWidth)
                continue
            }
            // The cell does not fit on this row.
            if ascii == 0x20 {
                lines.append(row.finish(ending: .space))
                continue
            }
            if let spaceIndex = row.lastSpaceIndex, spaceIndex > 0 {
                var carried = row.split(atSpace: spaceIndex)
                lines.append(row.finish(ending: .space))
                if carried.width + cellWidth > width {
                    lines.append(carried.finish(ending: .hardBreak))
                }
                row = carried
            } else {
                lines.append(row.finish(ending: .hardBreak))
            }
            row.append(cell, width: cellWidth)
        }
        lines.append(row.finish(ending: .end))
        return lines
    }

    /// The common case of printable ASCII (and LF): one byte is one column, so rows are byte ranges.
    /// Same rules and results as `wrapDisplayForm`, several times faster.
    static func wrapPrintableASCII(_ bytes: [UInt8], width: Int) -> [WrappedLine] {
        var lines: [WrappedLine] = []
        func emit(_ range: Range<Int>, _ ending: WrappedLine.Ending) {
            lines.append(WrappedLine(text: String(decoding: bytes[range], as: UTF8.self), width: range.count, ending: ending))
        }
        let space = UInt8(ascii: " ")
        var rowStart = 0
        var lastSpace: Int?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                emit(rowStart..<index, .lineBreak)
                rowStart = index + 1
                lastSpace = nil
                index += 1
            } else if index - rowStart < width {
                if byte == space {
                    lastSpace = index
                }
                index += 1
            } else if byte == space {
                emit(rowStart..<index, .space)
                rowStart = index + 1
                lastSpace = nil
                index += 1
            } else if let spaceIndex = lastSpace, spaceIndex > rowStart {
                // The word after the space is shorter than the row, so it always fits the next one.
                emit(rowStart..<spaceIndex, .space)
                rowStart = spaceIndex + 1
                lastSpace = nil
            } else {
                emit(rowStart..<index, .hardBreak)
                rowStart = index
                lastSpace = nil
            }
        }
        emit(rowStart..<bytes.count, .end)
        return lines
    }

    /// `text` on one line (line breaks shown as `⏎`), cut to at most `width` columns with a trailing `…`.
    public static func truncate(_ text: some StringProtocol, toWidth width: Int) -> String {
        guard width >= 1 else {
            return ""
        }
        let display = TerminalSanitizer.sanitize(text, keepingLineBreaks: false)
        var total = 0
        for character in display {
            total += displayWidth(of: character)
            if total > width {
                break
            }
        }
        if total <= width {
            return display
        }
        let budget = width - 1  // the ellipsis takes one column
        var result = ""
        var used = 0
        for character in display {
            let cellWidth = displayWidth(of: character)
            if used + cellWidth > budget {
                break
            }
            result.append(character)
            used += cellWidth
        }
        result.append(ellipsis)
        return result
    }

    /// Width of a cluster that is already in display form (sum over its scalars, as ncurses counts).
    static func displayWidth(of character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            return 1
        }
        var total = 0
        for scalar in character.unicodeScalars {
            total += TerminalWidth.columns(of: scalar)
        }
        return total
    }
}

/// The row being filled by `TextWrapper.wrap`.
private struct RowBuilder {
    var cells: [(character: Character, width: Int)] = []
    var width = 0
    var lastSpaceIndex: Int?

    mutating func append(_ character: Character, width cellWidth: Int) {
        if character.asciiValue == 0x20 {
            lastSpaceIndex = cells.count
        }
        cells.append((character, cellWidth))
        width += cellWidth
    }

    /// Keeps the cells before the space at `index`, drops the space, returns the cells after it.
    mutating func split(atSpace index: Int) -> RowBuilder {
        var carried = RowBuilder()
        for cell in cells[(index + 1)...] {
            carried.append(cell.character, width: cell.width)
        }
        cells.removeSubrange(index...)
        width = cells.reduce(0) { $0 + $1.width }
        lastSpaceIndex = nil
        return carried
    }

    /// The finished row; the builder starts over empty.
    mutating func finish(ending: WrappedLine.Ending) -> WrappedLine {
        var text = ""
        for cell in cells {
            text.append(cell.character)
        }
        let line = WrappedLine(text: text, width: width, ending: ending)
        self = RowBuilder()
        return line
    }
}
