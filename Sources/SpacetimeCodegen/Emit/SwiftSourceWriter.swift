/// Builds Swift source line by line with four-space indentation and `\n` line endings.
struct SwiftSourceWriter {
    private(set) var text = ""
    private var indentation = 0

    /// Appends one line at the current indentation; an empty string gives an empty line.
    mutating func line(_ content: String = "") {
        if !content.isEmpty { text += String(repeating: "    ", count: indentation) + content }
        text += "\n"
    }

    /// Appends `opening`, the body one level deeper, then `closing`.
    mutating func block(_ opening: String, closing: String = "}", _ body: (inout SwiftSourceWriter) -> Void) {
        line(opening)
        indentation += 1
        body(&self)
        indentation -= 1
        line(closing)
    }

    /// Drops a final empty line, left by a ``block(_:closing:_:)`` whose closing text was empty.
    mutating func removeTrailingEmptyLine() {
        if text.hasSuffix("\n\n") { text.removeLast() }
    }

    /// Appends the body one level deeper, with no braces.
    mutating func indented(_ body: (inout SwiftSourceWriter) -> Void) {
        indentation += 1
        body(&self)
        indentation -= 1
    }
}
