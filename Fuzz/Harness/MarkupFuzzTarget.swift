import ChatCore
import ChatTerminal

/// Message text from another client through the markup parser and the styled wrapper, as the log draws it.
enum MarkupFuzzTarget {
    /// The `markup` target.
    static let target = FuzzTarget(
        name: "markup", surface: "message text with tags and entities, parsed and wrapped as the log draws it", run: run)

    /// The first byte picks the width (2–41 columns; at 1 column the wrapper draws a double-width
    /// character as a replacement mark, by design); the rest is the message text.
    static func run(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let parsed = MarkupParser.parse(text)
        precondition(parsed.allSatisfy { !$0.text.isEmpty }, "the parser made an empty run")
        let width = Int(first % 40) + 2
        let runs: [StyledTextWrapper.Run] = parsed.map {
            (TerminalSanitizer.sanitize($0.text, keepingLineBreaks: true), ScreenStyle.plain.applying($0.attributes))
        }
        let drawn = runs.map(\.text).joined()
        let rows = StyledTextWrapper.wrap(runs, width: width, column: 0)
        var wrappedText = ""
        for row in rows {
            var column = 0
            for span in row {
                precondition(span.column == column, "spans of a row leave a gap or overlap")
                precondition(
                    !span.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                    "a control character reaches the screen")
                column += TerminalWidth.width(of: span.text)
                wrappedText += span.text
            }
            precondition(column <= width, "a row is wider than the column (\(column) > \(width))")
        }
        // Wrapping only drops the spaces and line breaks it breaks at: every other character is drawn.
        let kept = { (text: String) in text.filter { !$0.isWhitespace } }
        precondition(
            kept(wrappedText) == kept(drawn),
            "wrapping lost or changed text: \(kept(drawn).debugDescription) drawn as \(kept(wrappedText).debugDescription)")
    }
}
