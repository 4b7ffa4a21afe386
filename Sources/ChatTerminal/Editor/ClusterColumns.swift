/// The screen columns of each cluster of the input line, kept in step with the editor's clusters so
/// that drawing the line measures only the clusters an edit touched.
///
/// A cluster's display form can depend on the scalar drawn before it (a skin-tone modifier right
/// after an emoji base is dropped, see `TerminalSanitizer`), so an edit also re-measures the two
/// clusters after it; the effect never reaches further.
struct ClusterColumns: Equatable, Sendable {
    private var widths: [Int] = []

    /// The columns of cluster `index`.
    subscript(index: Int) -> Int { widths[index] }

    /// Columns of the clusters before `end`.
    func sum(upTo end: Int) -> Int {
        var total = 0
        for width in widths[..<end] { total &+= width }
        return total
    }

    /// Columns of the clusters in `range`.
    func sum(_ range: Range<Int>) -> Int {
        var total = 0
        for width in widths[range] { total &+= width }
        return total
    }

    /// Measures every cluster again (a new line, or another charset).
    mutating func remeasureAll(_ characters: [Character], charset: TerminalCharset) {
        widths.removeAll(keepingCapacity: true)
        widths.reserveCapacity(characters.count)
        var previous: Unicode.Scalar?
        for character in characters {
            widths.append(Self.width(of: character, after: &previous, charset: charset))
        }
    }

    /// The clusters at `range` were replaced by `count` clusters starting at `range.lowerBound`:
    /// measures those and the two after them.
    mutating func replace(_ range: Range<Int>, count: Int, in characters: [Character], charset: TerminalCharset) {
        var previous = contextScalar(before: range.lowerBound, in: characters)
        let end = min(characters.count, range.lowerBound + count + 2)
        var measured: [Int] = []
        measured.reserveCapacity(end - range.lowerBound)
        for index in range.lowerBound..<end {
            measured.append(Self.width(of: characters[index], after: &previous, charset: charset))
        }
        // The old widths of the two clusters after the edit are replaced too.
        let oldEnd = min(widths.count, range.upperBound + (end - range.lowerBound - count))
        widths.replaceSubrange(range.lowerBound..<oldEnd, with: measured)
    }

    /// The last display scalar drawn before cluster `index` (from the two clusters before it).
    func contextScalar(before index: Int, in characters: [Character]) -> Unicode.Scalar? {
        var previous: Unicode.Scalar?
        for position in max(0, index - 2)..<index {
            TerminalSanitizer.forEachDisplayScalar(of: characters[position], after: &previous) { _ in }
        }
        return previous
    }

    /// Columns of one cluster drawn after `previous` (updated).
    static func width(of character: Character, after previous: inout Unicode.Scalar?, charset: TerminalCharset) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F {
            previous = Unicode.Scalar(ascii)
            return 1
        }
        var total = 0
        switch charset {
        case .utf8:
            TerminalSanitizer.forEachDisplayScalar(of: character, after: &previous) { total += TerminalWidth.columns(of: $0) }
        case .ascii:
            forEachScalar(of: character, after: &previous, charset: .ascii) { _ in total += 1 }
        }
        return total
    }

    /// The scalars one cluster is drawn as after `previous` (updated), in `charset`.
    static func forEachScalar(
        of character: Character, after previous: inout Unicode.Scalar?, charset: TerminalCharset,
        _ body: (Unicode.Scalar) -> Void
    ) {
        switch charset {
        case .utf8:
            TerminalSanitizer.forEachDisplayScalar(of: character, after: &previous, body)
        case .ascii:
            TerminalSanitizer.forEachDisplayScalar(of: character, after: &previous) { scalar in
                TerminalCharset.forEachASCIIScalar(transcribing: scalar, body)
            }
        }
    }
}
