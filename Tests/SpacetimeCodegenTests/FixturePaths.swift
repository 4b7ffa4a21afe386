import Foundation

/// Locations of the checked-in fixtures and golden files, found from this source file's path so the
/// tests need no bundled resources.
enum FixturePaths {
    /// `Tests/SpacetimeCodegenTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// `Tests/SpacetimeCodegenTests/Fixtures`.
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")

    /// The bytes of a fixture file.
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }
}
