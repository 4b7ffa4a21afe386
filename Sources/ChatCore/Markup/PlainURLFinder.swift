/// Finds bare `http://` and `https://` URLs in text, so they can be underlined like links.
enum PlainURLFinder {
    /// Punctuation that ends a sentence more often than a URL, so it is left out when trailing.
    private static let trailingPunctuation: Set<Character> = [".", ",", ";", ":", "!", "?", ")", "'", "\"", "]", ">"]

    /// The range of the first URL in `text`, if any.
    static func firstURL(in text: Substring) -> Range<Substring.Index>? {
        var searchStart = text.startIndex
        while let scheme = text[searchStart...].firstRange(of: "://") {
            var start = scheme.lowerBound
            while start > text.startIndex, let ascii = text[text.index(before: start)].asciiValue,
                (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x41 && ascii <= 0x5A)
            {
                start = text.index(before: start)
            }
            let schemeName = text[start..<scheme.lowerBound].lowercased()
            var end = scheme.upperBound
            while end < text.endIndex, !text[end].isWhitespace, text[end] != "<" { end = text.index(after: end) }
            while end > scheme.upperBound, trailingPunctuation.contains(text[text.index(before: end)]) {
                end = text.index(before: end)
            }
            if (schemeName == "http" || schemeName == "https") && end > scheme.upperBound {
                return start..<end
            }
            searchStart = scheme.upperBound
        }
        return nil
    }
}
