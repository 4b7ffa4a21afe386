import Foundation
import Testing

/// The DocC articles' code is the code the build compiles: every ```swift block of
/// `Sources/SpacetimeDB/SpacetimeDB.docc` must appear verbatim in `DocSnippets.swift`.
@Suite struct DocSnippetTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The lines of `text` with their common leading spaces removed, trailing blank lines dropped.
    static func dedented(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        let indent = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n")
    }

    /// The text between each `open` line and the next `close` line of `text`.
    static func sections(of text: String, from open: String, to close: String) -> [String] {
        var result: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == open {
                current = []
            } else if trimmed == close, let lines = current {
                result.append(dedented(lines.joined(separator: "\n")))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return result
    }

    @Test func everyArticleCodeBlockIsCompiledByTheTests() throws {
        let docc = Self.packageRoot.appendingPathComponent("Sources/SpacetimeDB/SpacetimeDB.docc")
        let articles = try FileManager.default.contentsOfDirectory(atPath: docc.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(articles.count >= 12)
        let compiled = try String(
            contentsOf: Self.packageRoot.appendingPathComponent("Tests/SpacetimeDBTests/DocSnippets.swift"), encoding: .utf8)
        let regions = Self.sections(of: compiled, from: "// DOCC-BEGIN", to: "// DOCC-END")
        var blocks = 0
        for article in articles {
            let text = try String(contentsOf: docc.appendingPathComponent(article), encoding: .utf8)
            for block in Self.sections(of: text, from: "```swift", to: "```") {
                blocks += 1
                #expect(regions.contains(block), "\(article): a swift block is not in DocSnippets.swift; run scripts/docc-snippets.py\n\(block)")
            }
        }
        #expect(blocks == regions.count, "DocSnippets.swift has blocks no article shows; run scripts/docc-snippets.py")
    }
}
