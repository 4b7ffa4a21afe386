import ChatCore
import Foundation
import SpacetimeDB
import Testing

@testable import ChatTerminal

/// Messages with markup, as the composed screen shows them.
@Suite struct MarkupRenderingTests {
    static func frame(for text: String, markup: Bool = true, columns: Int = 80) -> ScreenFrame {
        var model = ChatScreenComposerTests.chattingModel()
        let at = ChatScreenComposerTests.at(3)
        _ = model.apply(.messageInserted(ChatMessage(sender: ChatScreenComposerTests.bob, sent: at, text: text)), at: at)
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        composer.markup = markup
        return composer.compose(model: model, editor: LineEditor(), columns: columns, rows: 12, now: at)
    }

    static func span(_ text: String, in frame: ScreenFrame) -> ScreenSpan? {
        frame.lines.joined().first { $0.text == text }
    }

    @Test func tagsBecomeStylesAndDisappear() {
        let frame = Self.frame(for: "<b>bold</b> <i>it</i> <u>under</u> <s>gone</s> <code>x()</code> &lt;ok&gt;")
        #expect(frame.plainText.contains("bold it under gone x() <ok>"))
        #expect(Self.span("bold", in: frame)?.style == ScreenStyle(bold: true))
        #expect(Self.span("it", in: frame)?.style == ScreenStyle(italic: true))
        #expect(Self.span("under", in: frame)?.style == ScreenStyle(underline: true))
        #expect(Self.span("gone", in: frame)?.style == ScreenStyle(dim: true))
        #expect(Self.span("x()", in: frame)?.style == ScreenStyle(color: .code))
    }

    @Test func linksShowTheirURLDimmedAfterTheText() {
        let frame = Self.frame(for: "read <a href=\"https://spacetimedb.com\">the docs</a> and https://x.io")
        #expect(frame.plainText.contains("read the docs <https://spacetimedb.com> and https://x.io"))
        #expect(Self.span("the docs", in: frame)?.style == ScreenStyle(underline: true))
        #expect(Self.span(" <https://spacetimedb.com>", in: frame)?.style == ScreenStyle(dim: true))
        #expect(Self.span("https://x.io", in: frame)?.style == ScreenStyle(underline: true))
    }

    @Test func malformedMarkupShowsAsTyped() {
        let frame = Self.frame(for: "<b>never closed <blink>x</blink>")
        #expect(frame.plainText.contains("<b>never closed <blink>x</blink>"))
    }

    @Test func noMarkupShowsRawText() {
        let frame = Self.frame(for: "<b>bold</b> &amp;", markup: false)
        #expect(frame.plainText.contains("<b>bold</b> &amp;"))
    }

    @Test func boldWrapsAcrossLinesWithoutChangingWidths() {
        let words = Array(repeating: "styled", count: 14).joined(separator: " ")
        let styled = Self.frame(for: "<b>\(words)</b>", columns: 50)
        let plain = Self.frame(for: words, columns: 50)
        #expect(styled.plainTextLines == plain.plainTextLines)
        let boldRows = styled.lines.filter { row in row.contains { $0.text.contains("styled") && $0.style.bold } }
        #expect(boldRows.count >= 3)
    }

    /// Entities and tags cannot smuggle escape sequences: every span is still sanitized.
    @Test func entitiesCannotProduceLiveEscapes() {
        let frame = Self.frame(for: "<b>&#27;[2J&#x1b;]0;pwned&#7;</b>&#155;31m")
        for span in frame.lines.joined() {
            #expect(!span.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value) })
        }
        #expect(frame.plainText.contains("[2J"))
    }

    @Test func mentionHighlightCombinesWithMarkup() {
        let frame = Self.frame(for: "hey <i>alice!</i> look")
        #expect(Self.span("alice!", in: frame)?.style == ScreenStyle(color: .accent, bold: true, italic: true))
        #expect(Self.span("hey ", in: frame)?.style == ScreenStyle(color: .accent, bold: true))
    }
}

/// A search in progress, as the composed screen shows it.
@Suite struct SearchRenderingTests {
    @Test func matchesAreReversedAndTheStatusBarCounts() {
        var model = ChatScreenComposerTests.chattingModel()
        let at = ChatScreenComposerTests.at(3)
        _ = model.apply(.messageInserted(ChatMessage(sender: ChatScreenComposerTests.bob, sent: at, text: "say <b>Zebra</b> again")), at: at)
        model.startSearch("zebra")
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        let frame = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: at)
        #expect(frame.plainTextLines.first?.contains("search \"zebra\": 1/1") == true, "\(frame.plainTextLines.first ?? "")")
        #expect(MarkupRenderingTests.span("Zebra", in: frame)?.style == ScreenStyle(bold: true, reverse: true))
        #expect(MarkupRenderingTests.span("say ", in: frame)?.style == .plain)
        model.cancelSearch()
        let after = composer.compose(model: model, editor: LineEditor(), columns: 80, rows: 12, now: at)
        #expect(MarkupRenderingTests.span("Zebra", in: after)?.style == ScreenStyle(bold: true))
        #expect(after.plainTextLines.first?.contains("quickstart-chat") == true)
    }
}
