import Testing

@testable import SpacetimeCodegen

@Suite("RawModuleDefV9 parsing")
struct SchemaParsingTests {
    static let identity = AlgebraicType.product([ProductElement(name: "__identity__", type: .u256)])
    static let timestamp = AlgebraicType.product([
        ProductElement(name: "__timestamp_micros_since_unix_epoch__", type: .i64)
    ])

    @Test("quickstart-chat: tables, keys, indexes, reducers, lifecycles, types")
    func quickstart() throws {
        let schema = try ModuleSchema.parseV9(json: FixturePaths.fixture("quickstart-chat.schema-v9.json"))
        #expect(
            schema.typespace == [
                .product([
                    ProductElement(name: "identity", type: Self.identity),
                    ProductElement(
                        name: "name",
                        type: .sum([SumVariant(name: "some", type: .string), SumVariant(name: "none", type: .unit)])),
                    ProductElement(name: "online", type: .bool),
                ]),
                .product([
                    ProductElement(name: "sender", type: Self.identity),
                    ProductElement(name: "sent", type: Self.timestamp),
                    ProductElement(name: "text", type: .string),
                ]),
            ])
        #expect(
            schema.tables == [
                TableDefinition(name: "message", productTypeRef: 1),
                TableDefinition(
                    name: "user", productTypeRef: 0, primaryKey: [0],
                    indexes: [
                        IndexDefinition(
                            name: "user_identity_idx_btree", accessorName: "identity", algorithm: .btree(columns: [0]))
                    ],
                    constraints: [ConstraintDefinition(name: "user_identity_key", uniqueColumns: [0])]),
            ])
        #expect(
            schema.reducers == [
                ReducerDefinition(name: "identity_connected", params: [], lifecycle: .onConnect),
                ReducerDefinition(name: "identity_disconnected", params: [], lifecycle: .onDisconnect),
                ReducerDefinition(name: "init", params: [], lifecycle: .initialize),
                ReducerDefinition(name: "send_message", params: [ProductElement(name: "text", type: .string)]),
                ReducerDefinition(name: "set_name", params: [ProductElement(name: "name", type: .string)]),
            ])
        #expect(
            schema.types == [TypeDefinition(name: "Message", ref: 1), TypeDefinition(name: "User", ref: 0)])
        #expect(schema.miscExportCount == 0)
        #expect(schema.rowLevelSecurity.isEmpty)
    }

    @Test("rich fixture: every construct parses")
    func rich() throws {
        let schema = try ModuleSchema.parseV9(json: FixturePaths.fixture("rich.schema-v9.json"))
        #expect(schema.typespace.count == 15)
        #expect(schema.tables.map(\.name) == ["account", "event_log", "odd_names", "player", "scheduled_job", "secret", "tree"])
        #expect(schema.tables.first { $0.name == "secret" }?.access == .private)
        let job = try #require(schema.tables.first { $0.name == "scheduled_job" })
        #expect(job.schedule == ScheduleDefinition(name: "scheduled_job_sched", reducerName: "run_job", scheduledAtColumn: 1))
        #expect(
            job.sequences == [
                SequenceDefinition(
                    name: "scheduled_job_scheduled_id_seq", column: 0, start: "1", minValue: "1",
                    maxValue: "170141183460469231731687303715884105727", increment: "1")
            ])
        #expect(schema.types.contains(TypeDefinition(scope: ["my_scope"], name: "odd-Name_type", ref: 9)))
        #expect(schema.rowLevelSecurity == ["SELECT * FROM secret WHERE false"])
        #expect(schema.typespace[13] == .array(.u32))
        #expect(schema.typespace[14] == .sum([]))
    }

    @Test("Option accepts null for none, as SpacetimeDB's deserializer does")
    func optionNull() throws {
        let node = JSONNode(root: try JSONParser.parse(#"{"a": null, "b": {"some": "x"}, "c": {"none": []}}"#))
        #expect(try node.field("a").option { (node) throws(SchemaError) in try node.string() } == nil)
        #expect(try node.field("b").option { (node) throws(SchemaError) in try node.string() } == "x")
        #expect(try node.field("c").option { (node) throws(SchemaError) in try node.string() } == nil)
    }
}
