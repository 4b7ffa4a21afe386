import Testing
@testable import ChatCore

@Suite struct MarkupParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let expected: [StyledRun]
        var testDescription: String { input.debugDescription }
    }

    static let wellFormed: [Case] = [
        Case(input: "", expected: []),
        Case(input: "plain text", expected: [StyledRun("plain text")]),
        Case(input: "<b>bold</b>", expected: [StyledRun("bold", .bold)]),
        Case(input: "<strong>x</strong>", expected: [StyledRun("x", .bold)]),
        Case(input: "<i>x</i> <em>y</em>", expected: [StyledRun("x", .italic), StyledRun(" "), StyledRun("y", .italic)]),
        Case(input: "<u>x</u>", expected: [StyledRun("x", .underline)]),
        Case(input: "<s>x</s><del>y</del>", expected: [StyledRun("xy", .strikethrough)]),
        Case(input: "<code>let x</code>", expected: [StyledRun("let x", .code)]),
        Case(input: "<B>x</B>", expected: [StyledRun("x", .bold)]),
        Case(input: "<b>x</B >", expected: [StyledRun("x", .bold)]),
        Case(input: "a<b>b<i>c</i>d</b>e", expected: [
            StyledRun("a"), StyledRun("b", .bold), StyledRun("c", [.bold, .italic]), StyledRun("d", .bold), StyledRun("e"),
        ]),
        Case(input: "<b><b>x</b>y</b>", expected: [StyledRun("xy", .bold)]),
        Case(input: "a<br>b<br/>c<br />d", expected: [StyledRun("a\nb\nc\nd")]),
        Case(input: "<b>a<br>b</b>", expected: [StyledRun("a\nb", .bold)]),
        Case(input: "&amp; &lt; &gt; &quot; &apos;", expected: [StyledRun("& < > \" '")]),
        Case(input: "&#65;&#x42;&#X43;&#233;", expected: [StyledRun("ABCé")]),
        Case(input: "&lt;b&gt;not bold&lt;/b&gt;", expected: [StyledRun("<b>not bold</b>")]),
        Case(input: "<a href=\"https://x.io\">site</a>", expected: [StyledRun("site", .underline), StyledRun(" <https://x.io>", .dim)]),
        Case(input: "<a href='https://x.io'>site</a>!", expected: [StyledRun("site", .underline), StyledRun(" <https://x.io>", .dim), StyledRun("!")]),
        Case(input: "<a HREF = \"u?a=1&amp;b=2\">t</a>", expected: [StyledRun("t", .underline), StyledRun(" <u?a=1&b=2>", .dim)]),
        Case(input: "<a href=\"https://x.io\">https://x.io</a>", expected: [StyledRun("https://x.io", .underline)]),
        Case(input: "<b><a href=\"u\">t</a></b>", expected: [StyledRun("t", [.bold, .underline]), StyledRun(" <u>", [.bold, .dim])]),
        Case(input: "see https://example.com/a?b=c.", expected: [
            StyledRun("see "), StyledRun("https://example.com/a?b=c", .underline), StyledRun("."),
        ]),
        Case(input: "(http://a.b) and HTTPS://C.D", expected: [
            StyledRun("("), StyledRun("http://a.b", .underline), StyledRun(") and "), StyledRun("HTTPS://C.D", .underline),
        ]),
        Case(input: "<b>http://a.b</b>", expected: [StyledRun("http://a.b", [.bold, .underline])]),
        Case(input: "ftp://a.b and http:// and :// x", expected: [StyledRun("ftp://a.b and http:// and :// x")]),
    ]

    static let malformed: [Case] = [
        Case(input: "<b>unclosed", expected: [StyledRun("<b>unclosed")]),
        Case(input: "closes nothing</b>", expected: [StyledRun("closes nothing</b>")]),
        Case(input: "<blink>x</blink>", expected: [StyledRun("<blink>x</blink>")]),
        Case(input: "<script>alert(1)</script>", expected: [StyledRun("<script>alert(1)</script>")]),
        Case(input: "a < b > c", expected: [StyledRun("a < b > c")]),
        Case(input: "1<2 and 3>2", expected: [StyledRun("1<2 and 3>2")]),
        Case(input: "<", expected: [StyledRun("<")]),
        Case(input: "<>", expected: [StyledRun("<>")]),
        Case(input: "</>", expected: [StyledRun("</>")]),
        Case(input: "<b", expected: [StyledRun("<b")]),
        Case(input: "<b x>y</b>", expected: [StyledRun("<b x>y</b>")]),
        Case(input: "<b/>x", expected: [StyledRun("<b/>x")]),
        Case(input: "< b>x</b>", expected: [StyledRun("< b>x</b>")]),
        Case(input: "</br>", expected: [StyledRun("</br>")]),
        Case(input: "<b1>x</b1>", expected: [StyledRun("<b1>x</b1>")]),
        Case(input: "<b><i>x</b></i>", expected: [StyledRun("<b>"), StyledRun("x</b>", .italic)]),
        Case(input: "<b>x</i></b>", expected: [StyledRun("x</i>", .bold)]),
        Case(input: "<a>x</a>", expected: [StyledRun("<a>x</a>")]),
        Case(input: "<a href=>x</a>", expected: [StyledRun("<a href=>x</a>")]),
        Case(input: "<a href=\"\">x</a>", expected: [StyledRun("<a href=\"\">x</a>")]),
        Case(input: "<a href=\"u>x</a>", expected: [StyledRun("<a href=\"u>x</a>")]),
        Case(input: "<a href=u>x</a>", expected: [StyledRun("<a href=u>x</a>")]),
        Case(input: "<a title=\"u\">x</a>", expected: [StyledRun("<a title=\"u\">x</a>")]),
        Case(input: "<ahref=\"u\">x</a>", expected: [StyledRun("<ahref=\"u\">x</a>")]),
        Case(input: "AT&T & co", expected: [StyledRun("AT&T & co")]),
        Case(input: "&amp", expected: [StyledRun("&amp")]),
        Case(input: "&nbsp;", expected: [StyledRun("&nbsp;")]),
        Case(input: "&;", expected: [StyledRun("&;")]),
        Case(input: "&#;&#x;&#xZZ;&#12a;", expected: [StyledRun("&#;&#x;&#xZZ;&#12a;")]),
        Case(input: "&#0;", expected: [StyledRun("&#0;")]),
        Case(input: "&#xD800;", expected: [StyledRun("&#xD800;")]),
        Case(input: "&#x110000;&#99999999999;", expected: [StyledRun("&#x110000;&#99999999999;")]),
        Case(input: "&&amp;;", expected: [StyledRun("&&;")]),
        Case(input: "<<b>>x<</b>>", expected: [StyledRun("<"), StyledRun(">x<", .bold), StyledRun(">")]),
        Case(input: "<code>&lt;b&gt;</code>", expected: [StyledRun("<b>", .code)]),
    ]

    @Test(arguments: wellFormed)
    func parsesWellFormedMarkup(_ sample: Case) {
        #expect(MarkupParser.parse(sample.input) == sample.expected)
    }

    @Test(arguments: malformed)
    func showsMalformedMarkupAsTyped(_ sample: Case) {
        #expect(MarkupParser.parse(sample.input) == sample.expected)
    }

    /// Input with nothing well-formed in it comes back exactly as typed, letter for letter.
    @Test(arguments: malformed)
    func neverSwallowsLiteralText(_ sample: Case) {
        let understoodSomething = sample.input.contains("&lt;") || sample.input.contains("&amp;")
            || sample.expected.contains { !$0.attributes.isEmpty }
        if !understoodSomething {
            let plain = MarkupParser.plainText(of: MarkupParser.parse(sample.input))
            #expect(plain.filter(\.isLetter) == sample.input.filter(\.isLetter))
        }
    }

    /// Entities can produce control characters; the parser passes them on for the drawer's sanitizer.
    @Test func entityEscapeCharacterIsDecodedNotInterpreted() {
        #expect(MarkupParser.parse("&#27;[31mred") == [StyledRun("\u{1B}[31mred")])
    }

    @Test func survivesArbitraryInput() {
        var generator = SplitMix64(seed: 13)
        let alphabet = Array("<>/&#;xab=\"' ihrefcodes:u\n1")
        for _ in 0..<2000 {
            let length = Int(generator.next() % 24)
            let input = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let runs = MarkupParser.parse(input)
            #expect(runs.allSatisfy { !$0.text.isEmpty })
        }
    }
}
