import Testing

@testable import SpacetimeCodegen

/// Procedures are read from V9's `misc_exports` and V10's `Procedures` section into the same
/// ``ProcedureDefinition``s (views have their own tests in `ViewParsingTests`).
@Suite("Procedure parsing")
struct ProcedureParsingTests {
    static let unit = AlgebraicType.unit
    static func option(_ type: AlgebraicType) -> AlgebraicType {
        .sum([SumVariant(name: "some", type: type), SumVariant(name: "none", type: unit)])
    }
    static let timestamp = AlgebraicType.product([ProductElement(name: "__timestamp_micros_since_unix_epoch__", type: .i64)])
    static let duration = AlgebraicType.product([ProductElement(name: "__time_duration_micros__", type: .i64)])

    /// The rich fixture's procedures as V9 has them (no visibility).
    static let richProcedures = [
        ProcedureDefinition(name: "fetch_scores", params: [], returnType: .ref(13)),
        ProcedureDefinition(
            name: "find_player",
            params: [ProductElement(name: "gamertag", type: .string), ProductElement(name: "since", type: option(timestamp))],
            returnType: option(.ref(0))),
        ProcedureDefinition(
            name: "purge_events", params: [ProductElement(name: "older_than", type: duration)], returnType: unit),
    ]

    @Test("V9: procedures and views come out of misc_exports, with each procedure's path")
    func richV9() throws {
        let schema = try ModuleSchema.parseV9(json: FixturePaths.fixture("rich.schema-v9.json"))
        #expect(schema.procedures == Self.richProcedures)
        #expect(schema.views.map(\.name) == ["my_player"])
        #expect(schema.miscExportCount == 5)
        #expect(
            schema.paths.procedureEntries
                == ["$.misc_exports[1].Procedure", "$.misc_exports[2].Procedure", "$.misc_exports[3].Procedure"])
        #expect(schema.paths.procedure(2) == "$.misc_exports[3].Procedure")
        #expect(schema.paths.procedureNameField == "name")
    }

    @Test("V10: canonical names from ExplicitNames, visibility, section paths")
    func richV10() throws {
        let schema = try ModuleSchema.parseV10(json: FixturePaths.fixture("rich.schema-v10.json"))
        #expect(schema.procedures.map(\.name) == ["fetch_scores", "find_player", "purge_events"])
        #expect(schema.procedures.map(\.visibility) == [.clientCallable, .clientCallable, .private])
        var withoutVisibility = schema.procedures
        for index in withoutVisibility.indices { withoutVisibility[index].visibility = nil }
        #expect(withoutVisibility == Self.richProcedures)
        #expect(schema.views.map(\.name) == ["my_player"])
        #expect(
            schema.paths.procedureEntries
                == ["$.sections[4].Procedures[0]", "$.sections[4].Procedures[1]", "$.sections[4].Procedures[2]"])
        #expect(schema.paths.procedureNameField == "source_name")
        #expect(!schema.ignoredSections.contains { $0.hasPrefix("Procedures") })
    }

    @Test("V9: column defaults and export kinds newer than this reader are counted, not refused")
    func otherMiscExports() throws {
        let schema = try ModuleSchema.parseV9(json: ProcedureFixtures.v9(misc: [
            #"{"ColumnDefaultValue":{"table":"t","col_id":0,"value":"00"}}"#, #"{"Frobnicator":{"x":1}}"#,
            ProcedureFixtures.v9Procedure("ping", returnType: #"{"U64":[]}"#),
        ]))
        #expect(schema.miscExportCount == 3)
        #expect(schema.procedures == [ProcedureDefinition(name: "ping", params: [], returnType: .u64)])
        #expect(schema.paths.procedureEntries == ["$.misc_exports[2].Procedure"])
    }

    @Test("V10: a schedule that names a procedure by its source name gets the canonical name")
    func scheduledProcedure() throws {
        let table = #"{"source_name":"jobs","product_type_ref":0,"primary_key":[],"indexes":[],"constraints":[],"#
            + #""sequences":[],"table_type":{"User":[]},"table_access":{"Public":[]},"default_values":[],"is_event":false}"#
        let document = #"{"sections":[{"Typespace":{"types":[{"Product":{"elements":["#
            + ProcedureFixtures.param("at", #"{"U64":[]}"#) + #"]}}]}},{"Tables":["# + table + #"]},{"Procedures":["#
            + ProcedureFixtures.v10Procedure("runJob", returnType: #"{"Product":{"elements":[]}}"#, visibility: #"{"Private":[]}"#)
            + #"]},{"Schedules":[{"source_name":{"none":[]},"table_name":"jobs","schedule_at_col":0,"function_name":"runJob"}]},"#
            + #"{"ExplicitNames":{"entries":[{"Function":{"source_name":"runJob","canonical_name":"run_job"}}]}}]}"#
        let schema = try ModuleSchema.parseV10(json: document)
        #expect(schema.procedures.map(\.name) == ["run_job"])
        #expect(schema.tables.first?.schedule == ScheduleDefinition(name: nil, reducerName: "run_job", scheduledAtColumn: 0))
    }

    @Test("V10: a module without a Procedures section has no procedures")
    func noProcedures() throws {
        let schema = try ModuleSchema.parseV10(json: FixturePaths.fixture("quickstart-chat.schema-v10.json"))
        #expect(schema.procedures.isEmpty)
        #expect(schema.views.isEmpty)
        #expect(schema.paths.procedureEntries.isEmpty)
    }
}
