/// Turns a message's HTML-like markup into styled runs, as the quickstart's "What's next?" suggests.
///
/// Known: `<b>`/`<strong>`, `<i>`/`<em>`, `<u>`, `<s>`/`<del>`, `<code>`, `<a href="…">text</a>`
/// (text underlined, then the URL dimmed), `<br>`, and the entities `&amp; &lt; &gt; &quot; &apos;
/// &#NNN; &#xHH;`. Tags nest; a closing tag closes only the innermost open element, so what is
/// unknown, unclosed, closes nothing or overlaps is shown as the literal text the sender typed:
/// nothing is ever swallowed and parsing never fails. Plain `http(s)://` URLs are underlined.
public enum MarkupParser {
    /// The styled runs of `text`; adjacent runs with equal styles are merged, empty runs dropped.
    public static func parse(_ text: String) -> [StyledRun] {
        guard text.contains(where: { $0 == "<" || $0 == "&" || $0 == ":" }) else {
            return text.isEmpty ? [] : [StyledRun(text)]
        }
        let tokens = resolvePairs(MarkupToken.tokenize(text))
        var runs: [StyledRun] = []
        var open: [(name: String, href: String?, attributes: MarkupAttributes, start: Int)] = []
        var current: MarkupAttributes = []
        for token in tokens {
            switch token {
            case .text(let literal):
                appendLinkingURLs(literal, current, to: &runs, insideLink: open.contains { $0.name == "a" })
            case .lineBreak:
                append(StyledRun("\n", current), to: &runs)
            case .open(let name, let href, _):
                open.append((name, href, current, plainText(of: runs).count))
                current.formUnion(attributes(of: name))
            case .close:
                guard let element = open.popLast() else { continue }
                current = element.attributes
                // A link whose text is its URL shows it once.
                if let href = element.href, String(plainText(of: runs).dropFirst(element.start)) != href {
                    append(StyledRun(" <\(href)>", current.union(.dim)), to: &runs)
                }
            }
        }
        return runs
    }

    /// Plain text: what the styled runs say, without styles (for search, notifications, tests).
    public static func plainText(of runs: [StyledRun]) -> String {
        runs.map(\.text).joined()
    }

    /// The tokens with every open/close that has no partner turned back into its literal text.
    static func resolvePairs(_ tokens: [MarkupToken]) -> [MarkupToken] {
        var result = tokens
        var stack: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token {
            case .open:
                stack.append(index)
            case .close(let name, let raw):
                if let top = stack.last, case .open(let openName, _, _) = tokens[top], openName == name {
                    stack.removeLast()
                } else {
                    result[index] = .text(raw)
                }
            case .text, .lineBreak:
                continue
            }
        }
        for index in stack {
            if case .open(_, _, let raw) = tokens[index] { result[index] = .text(raw) }
        }
        return result
    }

    private static func attributes(of element: String) -> MarkupAttributes {
        switch element {
        case "b", "strong": return .bold
        case "i", "em": return .italic
        case "u", "a": return .underline
        case "s", "del": return .strikethrough
        case "code": return .code
        default: return []
        }
    }

    /// Appends `text`, underlining the plain URLs in it (unless it is already a link's text).
    private static func appendLinkingURLs(_ text: String, _ attributes: MarkupAttributes, to runs: inout [StyledRun], insideLink: Bool) {
        guard !insideLink, text.contains("://") else {
            append(StyledRun(text, attributes), to: &runs)
            return
        }
        var rest = Substring(text)
        while let range = PlainURLFinder.firstURL(in: rest) {
            append(StyledRun(String(rest[..<range.lowerBound]), attributes), to: &runs)
            append(StyledRun(String(rest[range]), attributes.union(.underline)), to: &runs)
            rest = rest[range.upperBound...]
        }
        append(StyledRun(String(rest), attributes), to: &runs)
    }

    private static func append(_ run: StyledRun, to runs: inout [StyledRun]) {
        guard !run.text.isEmpty else { return }
        if let last = runs.last, last.attributes == run.attributes {
            runs[runs.count - 1].text += run.text
        } else {
            runs.append(run)
        }
    }
}
