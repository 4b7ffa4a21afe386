import Foundation
import Testing

@testable import SpacetimeCodegen

/// `RawModuleDefV10` reads into the same ``ModuleSchema`` and the same generated files as `RawModuleDefV9`.
///
/// The V10 fixtures are the V9 fixtures laid out as SpacetimeDB's schema endpoint writes V10
/// (`From<ModuleDef> for RawModuleDefV10` in `crates/schema/src/def.rs`); the rich one also renames
/// tables and reducers through `ExplicitNames` and adds the sections V9 has no place for.
@Suite("RawModuleDefV10 parsing")
struct SchemaV10ParsingTests {
    static func v9(_ name: String) throws -> ModuleSchema {
        try ModuleSchema.parseV9(json: FixturePaths.fixture("\(name).schema-v9.json"))
    }

    static func v10(_ name: String) throws -> ModuleSchema {
        try ModuleSchema.parseV10(json: FixturePaths.fixture("\(name).schema-v10.json"))
    }

    /// `schema` as V9 would have it: no visibility, no event flag, V9 layout and paths (procedure paths
    /// left to compare separately, since V9 interleaves them with other `misc_exports`).
    static func asV9(_ schema: ModuleSchema) -> ModuleSchema {
        var schema = schema
        for index in schema.reducers.indices { schema.reducers[index].visibility = nil }
        for index in schema.procedures.indices { schema.procedures[index].visibility = nil }
        for index in schema.tables.indices { schema.tables[index].isEvent = false }
        schema.version = .v9
        schema.paths = .v9
        schema.ignoredSections = []
        return schema
    }

    @Test("quickstart-chat: the same schema as V9, plus visibility")
    func quickstart() throws {
        let schema = try Self.v10("quickstart-chat")
        #expect(schema.version == .v10)
        #expect(Self.asV9(schema) == (try Self.v9("quickstart-chat")))
        #expect(schema.reducers.map(\.visibility) == [.private, .private, .private, .clientCallable, .clientCallable])
        #expect(schema.ignoredSections.isEmpty)
        #expect(
            schema.paths
                == SchemaPaths(
                    typespaceTypes: "$.sections[0].Typespace.types", types: "$.sections[1].Types",
                    typeNameField: "source_name", tables: "$.sections[2].Tables", tableNameField: "source_name",
                    reducers: "$.sections[3].Reducers", reducerNameField: "source_name", procedures: "$.sections",
                    procedureNameField: "source_name", viewNameField: "source_name"))
    }

    @Test("quickstart-chat V10 generates Sources/QuickstartChat byte for byte, as V9 does")
    func quickstartGolden() throws {
        let v10Files = try BindingsGenerator.generate(
            schemaJSON: FixturePaths.fixture("quickstart-chat.schema-v10.json"), options: GoldenOutputTests.quickstartOptions)
        #expect(v10Files == (try GoldenOutputTests.quickstartFiles()))
        let committed = try GoldenOutputTests.swiftFiles(in: GoldenOutputTests.quickstartDirectory)
        #expect(v10Files.map(\.name) == committed.keys.sorted())
        for file in v10Files {
            #expect(file.contents == committed[file.name], "Sources/QuickstartChat/\(file.name) differs for V10 input")
        }
    }

    @Test("the header names the layout the options give; nothing else changes")
    func headerVersion() throws {
        var options = GoldenOutputTests.quickstartOptions
        options.schemaSource = "quickstart-chat.schema-v10.json"
        options.schemaVersion = .v10
        let v10Files = try BindingsGenerator.generate(
            schemaJSON: FixturePaths.fixture("quickstart-chat.schema-v10.json"), options: options)
        let v9Files = try GoldenOutputTests.quickstartFiles()
        #expect(v10Files.map(\.name) == v9Files.map(\.name))
        for (v10, v9) in zip(v10Files, v9Files) {
            var lines = v9.contents.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[1] == "// Schema: quickstart-chat.schema-v9.json (RawModuleDefV9)")
            lines[1] = "// Schema: quickstart-chat.schema-v10.json (RawModuleDefV10)"
            #expect(v10.contents == lines.joined(separator: "\n"))
        }
    }

    @Test("rich fixture: canonical names, schedules, lifecycles, event table, ignored sections")
    func rich() throws {
        let schema = try Self.v10("rich")
        #expect(schema.tables.map(\.name) == ["account", "event_log", "odd_names", "player", "scheduled_job", "secret", "tree"])
        #expect(schema.tables.filter(\.isEvent).map(\.name) == ["event_log"])
        #expect(
            schema.tables.first { $0.name == "scheduled_job" }?.schedule
                == ScheduleDefinition(name: "scheduled_job_sched", reducerName: "run_job", scheduledAtColumn: 1))
        let lifecycles = schema.reducers.compactMap { reducer in reducer.lifecycle.map { (reducer.name, $0) } }
        #expect(lifecycles.map(\.0) == ["client_connected", "client_disconnected", "init"])
        #expect(schema.reducers.filter { $0.visibility == .private }.map(\.name) == [
            "client_connected", "client_disconnected", "init", "run_job",
        ])
        // One column default, three procedures, one view: what V9 counts in `misc_exports`.
        #expect(schema.miscExportCount == 5)
        #expect(schema.ignoredSections.isEmpty)
        #expect(schema.rowLevelSecurity == ["SELECT * FROM secret WHERE false"])
        // Apart from what V9 cannot say, it is the V9 schema.
        var expected = try Self.v9("rich")
        #expect(expected.paths.procedureEntries.count == 3)
        expected.paths.procedureEntries = []
        #expect(expected.paths.viewEntries == ["$.misc_exports[4].View"])
        expected.paths.viewEntries = []
        #expect(Self.asV9(schema) == expected)
    }

    @Test("rich fixture: the bindings model is V9's, minus the private scheduled reducer and procedure")
    func richModel() throws {
        let v9 = try BindingsModel.build(try Self.v9("rich"))
        let v10 = try BindingsModel.build(try Self.v10("rich"))
        #expect(v10.tables == v9.tables)
        #expect(v10.views == v9.views)
        #expect(v10.views.map(\.name) == ["my_player"])
        #expect(v10.skippedTables == v9.skippedTables)
        #expect(v10.reducers == v9.reducers.filter { $0.name != "run_job" })
        #expect(v10.types == v9.types.filter { $0.swiftName != "RunJobArgs" && $0.swiftName != "PurgeEventsProcedureArgs" })
        #expect(
            v10.skippedReducers
                == (v9.skippedReducers + [SkippedItem(name: "run_job", reason: "private reducer: clients cannot call it")])
                .sorted { $0.name < $1.name })
    }

    @Test("rich fixture: output is deterministic and independent of section order")
    func sectionOrder() throws {
        let bytes = try FixturePaths.fixture("rich.schema-v10.json")
        // Reordered as parsed values: JSONSerialization would round the i128 sequence bound.
        guard case .object(let members) = try JSONParser.parse(bytes), case .array(let sections) = members.first?.value
        else {
            Issue.record("the fixture is not {\"sections\": [...]}")
            return
        }
        let reversed = JSONNode(root: .object([JSONMember(key: "sections", value: .array(sections.reversed()))]))
        let options = GeneratorOptions(schemaSource: "rich.schema-v10.json", moduleName: "rich")
        let files = try BindingsGenerator.generate(schemaJSON: bytes, options: options)
        #expect(try BindingsGenerator.generate(try ModuleSchema.parseV10(reversed), options: options) == files)
        #expect(files.contains { $0.name == "CreatePlayerArgs.swift" })
        #expect(!files.contains { $0.name == "RunJobArgs.swift" })
    }

    @Test("the layout is detected from the document; --schema-version checks it")
    func detection() throws {
        let v9 = try FixturePaths.fixture("quickstart-chat.schema-v9.json")
        let v10 = try FixturePaths.fixture("quickstart-chat.schema-v10.json")
        #expect(try ModuleSchema.parse(json: v9).version == .v9)
        #expect(try ModuleSchema.parse(json: v10).version == .v10)
        #expect(try ModuleSchema.parse(json: v10, expecting: .v10) == (try ModuleSchema.parseV10(json: v10)))
        #expect(
            throws: SchemaError.invalidValue(
                path: "$", reason: "expected a RawModuleDefV9 document (schema version 9), but this is a RawModuleDefV10 (version 10)")
        ) {
            try ModuleSchema.parse(json: v10, expecting: .v9)
        }
        #expect(throws: GeneratorError.self) {
            try BindingsGenerator.generate(schemaJSON: v9, options: GoldenOutputTests.quickstartOptions, version: .v10)
        }
    }

    @Test("names missing from ExplicitNames follow CaseConversionPolicy")
    func caseConversionPolicy() throws {
        let plain = #"{"sections":[{"Typespace":{"types":[{"Product":{"elements":[]}}]}},{"Tables":[{"source_name":"#
            + #""SOURCE","product_type_ref":0,"primary_key":[],"indexes":[],"constraints":[],"sequences":[],"#
            + #""table_type":{"User":[]},"table_access":{"Public":[]},"default_values":[],"is_event":false}]}POLICY]}"#
        func parse(_ source: String, policy: String?) throws(SchemaError) -> ModuleSchema {
            let section = policy.map { #",{"CaseConversionPolicy":{""# + $0 + #"":[]}}"# } ?? ""
            return try ModuleSchema.parseV10(
                json: plain.replacingOccurrences(of: "SOURCE", with: source).replacingOccurrences(of: "POLICY", with: section))
        }
        #expect(try parse("chat_line", policy: nil).tables.map(\.name) == ["chat_line"])
        #expect(try parse("chatLine", policy: "None").tables.map(\.name) == ["chatLine"])
        #expect(try parse("chat_line", policy: "SnakeCase").tables.map(\.name) == ["chat_line"])
        for source in ["chatLine", "line2", "_line", "chat__line"] {
            #expect(throws: SchemaError.self) { try parse(source, policy: nil) }
        }
    }

    @Test("index algorithms: SpacetimeDB's bare payloads, and the object layout, in V9 and V10")
    func indexAlgorithms() throws {
        let cases: [(String, IndexDefinition.Algorithm)] = [
            (#"{"BTree":[0,1]}"#, .btree(columns: [0, 1])), (#"{"Hash":[1]}"#, .hash(columns: [1])),
            (#"{"Direct":1}"#, .direct(column: 1)), (#"{"BTree":{"columns":[1]}}"#, .btree(columns: [1])),
            (#"{"Direct":{"column":0}}"#, .direct(column: 0)),
        ]
        for (json, expected) in cases {
            let node = JSONNode(value: try JSONParser.parse(json), path: "$.a")
            #expect(try ModuleSchema.parseIndexAlgorithm(node, columnCount: 2) == expected)
        }
        var v9 = try #require(
            String(data: Data(try FixturePaths.fixture("quickstart-chat.schema-v9.json")), encoding: .utf8))
        // The fixture has SpacetimeDB's form; the struct-like form older hand-written schemas use parses the same.
        v9 = v9.replacingOccurrences(of: #"{"BTree":[0]}"#, with: #"{"BTree":{"columns":[0]}}"#)
        #expect(v9.contains(#"{"BTree":{"columns":[0]}}"#))
        #expect(try ModuleSchema.parseV9(json: v9) == (try Self.v9("quickstart-chat")))
    }

    @Test("snake_case invariance is decided conservatively", arguments: [
        ("user", true), ("send_message", true), ("a_b_c", true), ("User", false), ("sendMessage", false),
        ("vec2", false), ("_x", false), ("x_", false), ("a__b", false), ("", false), ("é", false),
    ])
    func snakeCaseInvariance(name: String, unchanged: Bool) {
        #expect(CanonicalNames.isUnchangedBySnakeCase(name) == unchanged)
    }
}
