@testable import SpacetimeCodegen

/// What the generator writes for `schema`, as file name → contents (for tests that look at a few files).
func generatedFiles(_ schema: [UInt8], options: GeneratorOptions) throws -> [String: String] {
    let files = try BindingsGenerator.generate(schemaJSON: schema, options: options)
    return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
}
