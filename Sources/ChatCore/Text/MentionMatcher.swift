/// Whether a message mentions a name: the name as a whole word, in any letter case.
///
/// "alice" is mentioned by "hi alice!", "Alice: look" and "@ALICE", not by "malice" or "alicex".
/// Words are told apart by letters and digits, so a name that is itself several words
/// ("Ada Lovelace") matches as the whole phrase.
public enum MentionMatcher {
    /// True when `text` contains `name` with no letter or digit directly before or after it.
    public static func mentions(_ text: String, name: String) -> Bool {
        let needle = name.lowercased()
        guard !needle.isEmpty else { return false }
        let haystack = text.lowercased()
        var searchStart = haystack.startIndex
        while let found = haystack.range(of: needle, range: searchStart..<haystack.endIndex) {
            let before = found.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: found.lowerBound)]
            let after = found.upperBound == haystack.endIndex ? nil : haystack[found.upperBound]
            if !isWordCharacter(before), !isWordCharacter(after) { return true }
            searchStart = haystack.index(after: found.lowerBound)
        }
        return false
    }

    private static func isWordCharacter(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber
    }
}
