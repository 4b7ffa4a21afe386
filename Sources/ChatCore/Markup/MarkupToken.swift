/// One piece of message markup as the tokenizer reads it.
enum MarkupToken: Equatable {
    /// Literal text (entities already decoded, or a `<`/`&` that starts nothing).
    case text(String)
    /// An opening tag of a known element; `raw` is what the sender typed, shown if it never closes.
    case open(name: String, href: String?, raw: String)
    /// A closing tag of a known element; `raw` is shown if it closes nothing.
    case close(name: String, raw: String)
    /// `<br>`, `<br/>`, `<br />`.
    case lineBreak

    /// Element names the tokenizer recognises (lower case); anything else is literal text.
    static let elements: Set<String> = ["b", "strong", "i", "em", "u", "s", "del", "code", "a"]

    /// Splits `text` into tokens; never fails: what isn't a well-formed known tag or entity is text.
    static func tokenize(_ text: String) -> [MarkupToken] {
        let characters = Array(text)
        var tokens: [MarkupToken] = []
        var pending = ""
        var index = 0
        func flush() {
            if !pending.isEmpty { tokens.append(.text(pending)); pending = "" }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "<", let (token, end) = tag(in: characters, at: index) {
                flush()
                tokens.append(token)
                index = end
            } else if character == "&", let (decoded, end) = entity(in: characters, at: index) {
                pending.append(decoded)
                index = end
            } else {
                pending.append(character)
                index += 1
            }
        }
        flush()
        return tokens
    }

    /// A well-formed tag of a known element starting at `start` (a `<`), and the index after it.
    private static func tag(in characters: [Character], at start: Int) -> (MarkupToken, Int)? {
        var index = start + 1
        let closing = index < characters.count && characters[index] == "/"
        if closing { index += 1 }
        var name = ""
        while index < characters.count, let ascii = characters[index].asciiValue, isLetter(ascii) {
            name.append(Character(Unicode.Scalar(ascii | 0x20)))
            index += 1
        }
        guard !name.isEmpty else { return nil }
        var href: String?
        if !closing, name == "a" {
            guard let (value, end) = hrefAttribute(in: characters, at: index) else { return nil }
            href = value
            index = end
        }
        index = skipSpaces(characters, index)
        var selfClosing = false
        if !closing, name == "br", index < characters.count, characters[index] == "/" {
            selfClosing = true
            index += 1
        }
        guard index < characters.count, characters[index] == ">" else { return nil }
        index += 1
        let raw = String(characters[start..<index])
        if name == "br" { return closing ? nil : (.lineBreak, index) }
        guard elements.contains(name), !selfClosing else { return nil }
        return (closing ? .close(name: name, raw: raw) : .open(name: name, href: href, raw: raw), index)
    }

    /// ` href="…"` (or single quotes), entities decoded in the value; nil when missing or malformed.
    private static func hrefAttribute(in characters: [Character], at start: Int) -> (String, Int)? {
        var index = skipSpaces(characters, start)
        guard index > start else { return nil }
        let keyword = Array("href")
        guard index + keyword.count <= characters.count,
            characters[index..<(index + keyword.count)].map({ $0.lowercased() }) == keyword.map({ String($0) })
        else { return nil }
        index = skipSpaces(characters, index + keyword.count)
        guard index < characters.count, characters[index] == "=" else { return nil }
        index = skipSpaces(characters, index + 1)
        guard index < characters.count, characters[index] == "\"" || characters[index] == "'" else { return nil }
        let quote = characters[index]
        index += 1
        var value = ""
        while index < characters.count, characters[index] != quote {
            if characters[index] == "<" || characters[index] == "\n" { return nil }
            if characters[index] == "&", let (decoded, end) = entity(in: characters, at: index) {
                value.append(decoded)
                index = end
            } else {
                value.append(characters[index])
                index += 1
            }
        }
        guard index < characters.count, !value.isEmpty else { return nil }
        return (value, index + 1)
    }

    /// A known entity starting at `start` (an `&`), decoded, and the index after its `;`.
    private static func entity(in characters: [Character], at start: Int) -> (Character, Int)? {
        var index = start + 1
        var body = ""
        while index < characters.count, characters[index] != ";", body.count < 10 {
            body.append(characters[index])
            index += 1
        }
        guard index < characters.count, characters[index] == ";" else { return nil }
        let end = index + 1
        switch body {
        case "amp": return ("&", end)
        case "lt": return ("<", end)
        case "gt": return (">", end)
        case "quot": return ("\"", end)
        case "apos": return ("'", end)
        default: break
        }
        guard body.hasPrefix("#") else { return nil }
        let digits = body.dropFirst()
        let value: UInt32?
        if digits.first == "x" || digits.first == "X" {
            let hex = digits.dropFirst()
            value = hex.isEmpty || !hex.allSatisfy(\.isHexDigit) ? nil : UInt32(hex, radix: 16)
        } else {
            value = digits.isEmpty || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil : UInt32(digits)
        }
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (Character(scalar), end)
    }

    private static func isLetter(_ ascii: UInt8) -> Bool {
        (ascii >= 0x41 && ascii <= 0x5A) || (ascii >= 0x61 && ascii <= 0x7A)
    }

    private static func skipSpaces(_ characters: [Character], _ start: Int) -> Int {
        var index = start
        while index < characters.count, characters[index] == " " || characters[index] == "\t" { index += 1 }
        return index
    }
}
