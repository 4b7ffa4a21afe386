import Foundation
import Testing

@testable import SpacetimeCodegen

/// Broken `RawModuleDefV10` documents fail with the JSON path of the problem, never a crash.
///
/// Mutations apply to the quickstart fixture, whose sections are: 0 Typespace, 1 Types, 2 Tables
/// (0 `message`, 1 `user`), 3 Reducers (0 `identity_connected` … 4 `set_name`), 4 LifeCycleReducers,
/// 5 ExplicitNames.
@Suite("RawModuleDefV10 errors name their JSON path")
struct SchemaV10ErrorTests {
    static func quickstart() throws -> [String: Any] {
        let data = try Data(contentsOf: FixturePaths.fixtures.appendingPathComponent("quickstart-chat.schema-v10.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func mutated(_ path: [Any], _ value: Any?) throws -> [String: Any] {
        try #require(SchemaErrorTests.replacing(value, at: path, in: try quickstart()) as? [String: Any])
    }

    static func parse(_ object: [String: Any]) throws(SchemaError) -> ModuleSchema {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return try ModuleSchema.parse(json: Array(data))
    }

    /// The quickstart sections with `transform` applied to the list.
    static func sections(_ transform: (inout [Any]) -> Void) throws -> [String: Any] {
        var sections = try #require(try quickstart()["sections"] as? [Any])
        transform(&sections)
        return ["sections": sections]
    }

    static var tables: [Any] { ["sections", 2, "Tables"] }
    static var reducers: [Any] { ["sections", 3, "Reducers"] }

    @Test("section structure: not an array, two variant keys, a repeated section")
    func sectionStructure() throws {
        #expect(throws: SchemaError.wrongType(path: "$.sections", expected: "array", found: "object")) {
            try Self.parse(try Self.mutated(["sections"], [String: Any]()))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[1]", reason: "RawModuleDefV10Section must have exactly one variant key, found 2")
        ) {
            try Self.parse(try Self.mutated(["sections", 1], ["Types": [Any](), "Tables": [Any]()]))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[6]", reason: "a second `Tables` section (the first is at $.sections[2].Tables)")
        ) {
            try Self.parse(try Self.sections { $0.append(["Tables": [Any]()]) })
        }
        #expect(throws: SchemaError.wrongType(path: "$.sections[2]", expected: "object", found: "string")) {
            try Self.parse(try Self.mutated(["sections", 2], "Tables"))
        }
    }

    @Test("unknown sections are read past and reported")
    func unknownSection() throws {
        let schema = try Self.parse(try Self.sections { $0.append(["Frobnicate": [1, 2]]) })
        #expect(schema.ignoredSections == ["Frobnicate (unknown section)"])
        #expect(schema.tables.count == 2)
    }

    @Test("missing fields and wrong types inside sections")
    func fields() throws {
        #expect(throws: SchemaError.missingField(path: "$.sections[2].Tables[0]", field: "source_name")) {
            try Self.parse(try Self.mutated(Self.tables + [0, "source_name"], nil))
        }
        #expect(throws: SchemaError.missingField(path: "$.sections[2].Tables[1]", field: "is_event")) {
            try Self.parse(try Self.mutated(Self.tables + [1, "is_event"], nil))
        }
        #expect(throws: SchemaError.missingField(path: "$.sections[3].Reducers[4]", field: "visibility")) {
            try Self.parse(try Self.mutated(Self.reducers + [4, "visibility"], nil))
        }
        #expect(throws: SchemaError.missingField(path: "$.sections[0].Typespace", field: "types")) {
            try Self.parse(try Self.mutated(["sections", 0, "Typespace"], [String: Any]()))
        }
        #expect(throws: SchemaError.missingField(path: "$.sections[5].ExplicitNames", field: "entries")) {
            try Self.parse(try Self.mutated(["sections", 5, "ExplicitNames"], [String: Any]()))
        }
        #expect(
            throws: SchemaError.wrongType(path: "$.sections[1].Types[0].source_name.source_name", expected: "string", found: "number")
        ) {
            try Self.parse(try Self.mutated(["sections", 1, "Types", 0, "source_name", "source_name"], 3))
        }
        #expect(throws: SchemaError.wrongType(path: "$.sections[2].Tables[0].is_event", expected: "boolean", found: "number")) {
            try Self.parse(try Self.mutated(Self.tables + [0, "is_event"], 0))
        }
    }

    @Test("unknown variants: visibility, lifecycle, table access, name entries, policy")
    func variants() throws {
        // Some third-party samples write `{"Public": []}` for visibility; SpacetimeDB has no such variant.
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.sections[3].Reducers[3].visibility", type: "FunctionVisibility", variant: "Public",
                known: ["Private", "ClientCallable"])
        ) {
            try Self.parse(try Self.mutated(Self.reducers + [3, "visibility"], ["Public": [Any]()]))
        }
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.sections[4].LifeCycleReducers[0].lifecycle_spec", type: "Lifecycle", variant: "OnTuesday",
                known: ["Init", "OnConnect", "OnDisconnect"])
        ) {
            try Self.parse(try Self.mutated(["sections", 4, "LifeCycleReducers", 0, "lifecycle_spec"], ["OnTuesday": [Any]()]))
        }
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.sections[2].Tables[1].table_access", type: "TableAccess", variant: "Secret",
                known: ["Public", "Private"])
        ) {
            try Self.parse(try Self.mutated(Self.tables + [1, "table_access"], ["Secret": [Any]()]))
        }
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.sections[5].ExplicitNames.entries[0]", type: "ExplicitNameEntry", variant: "Column",
                known: ["Table", "Function", "Index"])
        ) {
            try Self.parse(
                try Self.mutated(
                    ["sections", 5, "ExplicitNames", "entries", 0], ["Column": ["source_name": "a", "canonical_name": "b"]]))
        }
        #expect(
            throws: SchemaError.unknownVariant(
                path: "$.sections[6].CaseConversionPolicy", type: "CaseConversionPolicy", variant: "CamelCase",
                known: ["None", "SnakeCase"])
        ) {
            try Self.parse(try Self.sections { $0.append(["CaseConversionPolicy": ["CamelCase": [Any]()]]) })
        }
    }

    @Test("references and columns out of range")
    func ranges() throws {
        #expect(throws: SchemaError.badRef(path: "$.sections[1].Types[0].ty", ref: 2, typespaceCount: 2)) {
            try Self.parse(try Self.mutated(["sections", 1, "Types", 0, "ty"], 2))
        }
        #expect(throws: SchemaError.badRef(path: "$.sections[2].Tables[1].product_type_ref", ref: 7, typespaceCount: 2)) {
            try Self.parse(try Self.mutated(Self.tables + [1, "product_type_ref"], 7))
        }
        #expect(
            throws: SchemaError.badRef(
                path: "$.sections[3].Reducers[4].err_return_type.Ref", ref: 9, typespaceCount: 2)
        ) {
            try Self.parse(try Self.mutated(Self.reducers + [4, "err_return_type"], ["Ref": 9]))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[2].Tables[1].indexes[0].algorithm.BTree[0]",
                reason: "column 3 does not exist (the row has 3 columns)")
        ) {
            try Self.parse(try Self.mutated(Self.tables + [1, "indexes", 0, "algorithm"], ["BTree": [3]]))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[2].Tables[1].default_values[0].col_id",
                reason: "column 5 does not exist (the row has 3 columns)")
        ) {
            try Self.parse(try Self.mutated(Self.tables + [1, "default_values"], [["col_id": 5, "value": "00"]]))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[2].Tables[1].default_values[0].value",
                reason: "a column default must be BSATN bytes as a hex string")
        ) {
            try Self.parse(try Self.mutated(Self.tables + [1, "default_values"], [["col_id": 2, "value": "0x1"]]))
        }
    }

    @Test("cross-section links: lifecycles, schedules")
    func links() throws {
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[4].LifeCycleReducers[1].function_name",
                reason: "lifecycle OnConnect names reducer \"connect\", which is not in `Reducers`")
        ) {
            try Self.parse(try Self.mutated(["sections", 4, "LifeCycleReducers", 1, "function_name"], "connect"))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[4].LifeCycleReducers[1].lifecycle_spec",
                reason: "lifecycle Init is already taken by reducer \"init\"")
        ) {
            try Self.parse(try Self.mutated(["sections", 4, "LifeCycleReducers", 1, "lifecycle_spec"], ["Init": [Any]()]))
        }
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[4].LifeCycleReducers[1].function_name",
                reason: "reducer \"init\" is already the Init reducer")
        ) {
            try Self.parse(try Self.mutated(["sections", 4, "LifeCycleReducers", 1, "function_name"], "init"))
        }
        let schedule: [String: Any] = [
            "source_name": ["some": "x_sched"], "table_name": "messages", "schedule_at_col": 1, "function_name": "set_name",
        ]
        #expect(
            throws: SchemaError.invalidValue(
                path: "$.sections[6].Schedules[0].table_name",
                reason: "schedule names table \"messages\", which is not in `Tables`")
        ) {
            try Self.parse(try Self.sections { $0.append(["Schedules": [schedule]]) })
        }
        var onMessage = schedule
        onMessage["table_name"] = "message"
        let scheduled = try Self.parse(try Self.sections { $0.append(["Schedules": [onMessage]]) })
        #expect(
            scheduled.tables.first { $0.name == "message" }?.schedule
                == ScheduleDefinition(name: "x_sched", reducerName: "set_name", scheduledAtColumn: 1))
    }

    @Test("a source name without an ExplicitNames entry that snake_case would change is refused")
    func unresolvableName() throws {
        var object = try Self.mutated(Self.tables + [0, "source_name"], "chatMessage")
        #expect(throws: SchemaError.self) { try Self.parse(object) }
        do {
            _ = try Self.parse(object)
        } catch {
            #expect(error.path == "$.sections[2].Tables[0].source_name")
            #expect(error.description.contains("\"chatMessage\" has no `ExplicitNames` entry"))
        }
        // With an entry it resolves, and the canonical name is what the bindings use.
        object = try #require(
            SchemaErrorTests.replacing(
                ["Table": ["source_name": "chatMessage", "canonical_name": "message"]],
                at: ["sections", 5, "ExplicitNames", "entries", 0], in: object) as? [String: Any])
        #expect(try Self.parse(object).tables.map(\.name) == ["message", "user"])
    }

    @Test("generation errors name V10 paths")
    func generationPaths() throws {
        var collision = try Self.mutated(["sections", 1, "Types", 0, "source_name", "source_name"], "RemoteTables")
        #expect {
            try BindingsGenerator.generate(
                schemaJSON: Array(try JSONSerialization.data(withJSONObject: collision)),
                options: GoldenOutputTests.quickstartOptions)
        } throws: { error in
            guard case .generation(.nameCollision(let path, _, let name, _)) = error as? GeneratorError else { return false }
            return path == "$.sections[0].Typespace.types[1]" && name == "RemoteTables"
        }
        // `send_message` renamed so that it becomes the Swift name of `set_name`.
        collision = try Self.mutated(["sections", 5, "ExplicitNames", "entries", 5, "Function", "canonical_name"], "setName")
        #expect {
            try BindingsModel.build(try Self.parse(collision))
        } throws: { error in
            guard case .nameCollision(let path, _, let name, _) = error as? GenerationError else { return false }
            return path == "$.sections[3].Reducers[4].source_name" && name == "setName"
        }
        let unnamed = try Self.mutated(["sections", 1, "Types", 1, "source_name", "source_name"], "!!")
        #expect(throws: GenerationError.unconvertibleName(path: "$.sections[1].Types[1].source_name", name: "!!")) {
            try BindingsModel.build(try Self.parse(unnamed))
        }
    }

    @Test("not a schema at all, or the enum wrapper around one")
    func notASchema() throws {
        #expect(throws: SchemaError.self) { try ModuleSchema.parse(json: #"{"foo": 1}"#) }
        #expect(throws: SchemaError.self) { try ModuleSchema.parse(json: #"{"sections": [], "tables": []}"#) }
        do {
            _ = try ModuleSchema.parse(json: #"{"V10": {"sections": []}}"#)
            Issue.record("the wrapper was accepted")
        } catch {
            #expect(error.path == "$")
            #expect(error.description.contains("enum wrapper"))
        }
        #expect(throws: SchemaError.wrongType(path: "$", expected: "object", found: "array")) {
            try ModuleSchema.parse(json: "[]")
        }
        #expect(try ModuleSchema.parse(json: #"{"sections": []}"#) == ModuleSchema(
            typespace: [], tables: [], reducers: [], types: [], version: .v10,
            paths: SchemaPaths(
                typespaceTypes: "$.sections", types: "$.sections", typeNameField: "source_name", tables: "$.sections",
                tableNameField: "source_name", reducers: "$.sections", reducerNameField: "source_name",
                procedures: "$.sections", procedureNameField: "source_name", viewNameField: "source_name")))
    }
}
