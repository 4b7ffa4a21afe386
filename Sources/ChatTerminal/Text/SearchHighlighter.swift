import ChatCore
import Foundation

/// Marks the matches of a scrollback search in styled runs, so the log shows where they are.
public enum SearchHighlighter {
    /// The runs with every occurrence of `query` inside one run drawn in reverse video.
    public static func highlighting(_ query: String, in runs: [StyledTextWrapper.Run]) -> [StyledTextWrapper.Run] {
        let needle = query.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return runs }
        var result: [StyledTextWrapper.Run] = []
        for run in runs {
            var start = run.text.startIndex
            for range in ScrollbackSearch.ranges(of: needle, in: run.text) {
                if start < range.lowerBound { result.append((String(run.text[start..<range.lowerBound]), run.style)) }
                var found = run.style
                found.reverse = true
                result.append((String(run.text[range]), found))
                start = range.upperBound
            }
            if start < run.text.endIndex { result.append((String(run.text[start...]), run.style)) }
        }
        return result
    }
}
