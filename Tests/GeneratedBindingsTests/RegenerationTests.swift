import Foundation
import SpacetimeCodegen
import Testing

/// The checked-in `Generated/` sources must be exactly what the generator makes from the rich fixture,
/// so the compiled-and-tested code is the generator's real output.
@Suite("Generated bindings are current")
struct RegenerationTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let generatedDirectory = testsDirectory.appendingPathComponent("Generated")
    static let schemaFile = testsDirectory.deletingLastPathComponent()
        .appendingPathComponent("SpacetimeCodegenTests/Fixtures/rich.schema-v9.json")

    @Test("regenerating from rich.schema-v9.json reproduces Generated/ byte for byte")
    func regenerate() throws {
        let schema = Array(try Data(contentsOf: Self.schemaFile))
        let files = try BindingsGenerator.generate(
            schemaJSON: schema,
            options: GeneratorOptions(schemaSource: "rich.schema-v9.json", moduleName: "rich", displayName: "rich"))
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.generatedDirectory.path)
            .filter { $0.hasSuffix(".swift") }.sorted()
        #expect(onDisk == files.map(\.name))
        for file in files {
            let checkedIn = try String(
                contentsOf: Self.generatedDirectory.appendingPathComponent(file.name), encoding: .utf8)
            #expect(checkedIn == file.contents, "Generated/\(file.name) is stale: run spacetime-generate again")
        }
    }
}
