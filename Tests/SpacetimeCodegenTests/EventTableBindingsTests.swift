import Foundation
import Testing

@testable import SpacetimeCodegen

/// Event tables (V10 `is_event`) keep no rows on the client, so their handles get no `find` and no
/// `onUpdate`, even when the table has a primary key (SpacetimeDB's Rust generator: `is_event` in rust.rs).
@Suite("Event table bindings")
struct EventTableBindingsTests {
    /// The rich V10 fixture with a primary key on column 0 of `eventLog`, as an event table or not.
    static func generate(isEvent: Bool) throws -> [String: String] {
        var json = try #require(String(data: Data(try FixturePaths.fixture("rich.schema-v10.json")), encoding: .utf8))
        let original = #""source_name":"eventLog","product_type_ref":6,"primary_key":[],"#
        #expect(json.contains(original))
        json = json.replacingOccurrences(of: original, with: #""source_name":"eventLog","product_type_ref":6,"primary_key":[0],"#)
        if !isEvent {
            json = json.replacingOccurrences(of: #""default_values":[],"is_event":true"#, with: #""default_values":[],"is_event":false"#)
        }
        return try generatedFiles(
            Array(json.utf8),
            options: GeneratorOptions(schemaSource: "rich.schema-v10.json", moduleName: "rich", displayName: "rich"))
    }

    @Test func anEventTableWithAPrimaryKeyGetsNoFindAndNoUpdates() throws {
        let event = try #require(try Self.generate(isEvent: true)["EventLogTableHandle.swift"])
        #expect(event.contains("func onInsert"))
        #expect(!event.contains("func onUpdate"))
        #expect(!event.contains("find("))
        // The same table as a normal one is keyed: the difference is the event flag alone.
        let normal = try #require(try Self.generate(isEvent: false)["EventLogTableHandle.swift"])
        #expect(normal.contains("func onUpdate"))
    }
}
