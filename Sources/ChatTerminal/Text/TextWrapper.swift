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
        let display = TerminalSanitizer.sanitize(text, keepingLineBreaks: true)
        var lines: [WrappedLine] = []
        var row = RowBuilder()
        for character in display {
            if character == "\n" {
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
            if cell == " " {
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
        if character == " " {
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
