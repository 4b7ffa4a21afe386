/// Wraps text made of differently styled runs, keeping each run's style across line breaks.
///
/// The runs are joined and wrapped as one text by ``TextWrapper`` (same rules, same widths as
/// plain text), then each row is cut back into spans at the run boundaries. A row's spans always
/// hold exactly the row's text, so styling can never change what is drawn or how wide it is.
public enum StyledTextWrapper {
    /// One styled run: display-form text (already sanitised) and its style.
    public typealias Run = (text: String, style: ScreenStyle)

    /// The rows of `runs` wrapped to `width` columns, as spans starting at `column`; one empty row for no text.
    public static func wrap(_ runs: [Run], width: Int, column: Int) -> [[ScreenSpan]] {
        let body = runs.map(\.text).joined()
        let rows = TextWrapper.wrap(body, width: width)
        // Where each run ends, in Unicode scalars of `body` (rows never split a scalar).
        var ends: [Int] = []
        var total = 0
        for run in runs {
            total += run.text.unicodeScalars.count
            ends.append(total)
        }
        var offset = 0
        var runIndex = 0
        return rows.map { row in
            var spans: [ScreenSpan] = []
            var columnAt = column
            var pending = ""
            var pendingStyle: ScreenStyle?
            func flush() {
                guard let style = pendingStyle, !pending.isEmpty else { return }
                spans.append(ScreenSpan(column: columnAt, text: pending, style: style))
                columnAt += TerminalWidth.width(of: pending)
                pending = ""
            }
            for character in row.text {
                while runIndex < ends.count - 1, offset >= ends[runIndex] { runIndex += 1 }
                let style = runs.isEmpty ? ScreenStyle.plain : runs[runIndex].style
                if style != pendingStyle {
                    flush()
                    pendingStyle = style
                }
                pending.append(character)
                offset += character.unicodeScalars.count
            }
            flush()
            // The space or line break a row ended at belongs to neither row.
            if row.ending == .space || row.ending == .lineBreak { offset += 1 }
            return spans
        }
    }
}
