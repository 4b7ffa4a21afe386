import Testing

@testable import SpacetimeCodegen

@Suite("Type mapping and checks")
struct BindingsModelTests {
    static let unit = AlgebraicType.unit
    static func option(_ type: AlgebraicType) -> AlgebraicType {
        .sum([SumVariant(name: "some", type: type), SumVariant(name: "none", type: unit)])
    }
    static func special(_ name: String, _ type: AlgebraicType) -> AlgebraicType {
        .product([ProductElement(name: name, type: type)])
    }

    /// A schema with one public table whose row type `Row` has the given columns.
    static func schema(columns: [ProductElement], extraTypes: [AlgebraicType] = [], extraNames: [TypeDefinition] = [])
        -> ModuleSchema
    {
        ModuleSchema(
            typespace: [.product(columns)] + extraTypes, tables: [TableDefinition(name: "row", productTypeRef: 0)],
            reducers: [], types: [TypeDefinition(name: "Row", ref: 0)] + extraNames)
    }

    static func columnTypes(_ types: [AlgebraicType], extraTypes: [AlgebraicType] = [], extraNames: [TypeDefinition] = [])
        throws(GenerationError) -> [SwiftType]
    {
        let columns = types.enumerated().map { ProductElement(name: "c\($0)", type: $1) }
        let model = try BindingsModel.build(schema(columns: columns, extraTypes: extraTypes, extraNames: extraNames))
        guard case .product(let fields) = model.types.first(where: { $0.swiftName == "Row" })?.shape else { return [] }
        return fields.map(\.type)
    }

    @Test("primitives, arrays, bytes, options and special types map to the SDK's Swift types")
    func mapping() throws {
        let types: [AlgebraicType] = [
            .bool, .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .i128, .u128, .i256, .u256, .f32, .f64, .string,
            .array(.u8), .array(.array(.u8)), .array(.array(.i32)), Self.option(.string), Self.option(Self.option(.u8)),
            .array(Self.option(.i64)), Self.special("__identity__", .u256), Self.special("__connection_id__", .u128),
            Self.special("__timestamp_micros_since_unix_epoch__", .i64), Self.special("__time_duration_micros__", .i64),
            Self.special("__uuid__", .u128),
            .sum([
                SumVariant(name: "Interval", type: Self.special("__time_duration_micros__", .i64)),
                SumVariant(name: "Time", type: Self.special("__timestamp_micros_since_unix_epoch__", .i64)),
            ]),
            .sum([SumVariant(name: "ok", type: .u32), SumVariant(name: "err", type: .string)]), .unit,
        ]
        let expected: [SwiftType] = [
            .bool, .int8, .uint8, .int16, .uint16, .int32, .uint32, .int64, .uint64, .int128, .uint128, .int256,
            .uint256, .float, .double, .string, .bytes, .array(.bytes), .array(.array(.int32)), .optional(.string),
            .optional(.optional(.uint8)), .array(.optional(.int64)), .identity, .connectionId, .timestamp,
            .timeDuration, .uuid, .scheduleAt, .result(.uint32, .string), .unit,
        ]
        #expect(try Self.columnTypes(types) == expected)
        #expect(
            expected.map(\.spelling) == [
                "Bool", "Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Int128", "UInt128",
                "Int256", "UInt256", "Float", "Double", "String", "[UInt8]", "[[UInt8]]", "[[Int32]]", "String?",
                "UInt8??", "[Int64?]", "Identity", "ConnectionId", "Timestamp", "TimeDuration", "Uuid", "ScheduleAt",
                "BSATNResult<UInt32, String>", "BSATNUnit",
            ])
    }

    @Test("refs resolve to named types, special types behind refs, and unnamed aliases")
    func refs() throws {
        let types = try Self.columnTypes(
            [.ref(1), .ref(2), .ref(3), .array(.ref(1))],
            extraTypes: [
                .product([ProductElement(name: "x", type: .u8)]), Self.special("__identity__", .u256), .array(.string),
            ],
            extraNames: [TypeDefinition(name: "point", ref: 1), TypeDefinition(name: "Identity", ref: 2)])
        #expect(types == [.named("Point"), .identity, .array(.string), .array(.named("Point"))])
    }

    @Test(
        "unsupported shapes fail with the path of the field",
        arguments: [
            (
                AlgebraicType.product([ProductElement(name: "x", type: .u8)]),
                "$.typespace.types[0].Product.elements[0].algebraic_type"
            ),
            (.sum([SumVariant(name: "a", type: .u8)]), "$.typespace.types[0].Product.elements[0].algebraic_type"),
            (
                .array(.product([ProductElement(name: "x", type: .u8)])),
                "$.typespace.types[0].Product.elements[0].algebraic_type.Array"
            ),
            (.ref(1), "$.typespace.types[1]"),
        ])
    func unsupported(type: AlgebraicType, path: String) {
        #expect {
            try Self.columnTypes([type], extraTypes: [.product([ProductElement(name: "y", type: .u8)])])
        } throws: { error in
            guard let error = error as? GenerationError, case .unsupportedType(let errorPath, _) = error else {
                return false
            }
            return errorPath == path
        }
    }

    @Test("a ref cycle without names is rejected, not followed forever")
    func unnamedCycle() {
        #expect {
            try Self.columnTypes([.ref(1)], extraTypes: [.array(.ref(1))])
        } throws: { error in
            guard let error = error as? GenerationError, case .unsupportedType(let path, let reason) = error else {
                return false
            }
            return path == "$.typespace.types[1].Array" && reason.contains("refers to itself")
        }
    }

    @Test("a sum that contains itself becomes indirect; a struct that does is an error")
    func recursion() throws {
        let list = ModuleSchema(
            typespace: [
                .sum([SumVariant(name: "nil", type: .unit), SumVariant(name: "cons", type: .ref(1))]),
                .product([ProductElement(name: "head", type: .i32), ProductElement(name: "tail", type: .ref(0))]),
            ],
            tables: [], reducers: [], types: [TypeDefinition(name: "List", ref: 0), TypeDefinition(name: "Cell", ref: 1)])
        let model = try BindingsModel.build(list)
        #expect(model.types.first { $0.swiftName == "List" }.map { if case .sum(_, true) = $0.shape { true } else { false } } == true)

        let node = ModuleSchema(
            typespace: [.product([ProductElement(name: "next", type: Self.option(.ref(0)))])], tables: [], reducers: [],
            types: [TypeDefinition(name: "Node", ref: 0)])
        #expect(throws: GenerationError.recursiveValueType(path: "$.typespace.types[0]", cycle: ["Node", "Node"])) {
            try BindingsModel.build(node)
        }

        let tree = ModuleSchema(
            typespace: [.product([ProductElement(name: "children", type: .array(.ref(0)))])], tables: [], reducers: [],
            types: [TypeDefinition(name: "Tree", ref: 0)])
        #expect(try BindingsModel.build(tree).types.map(\.swiftName) == ["Tree"])
    }

    @Test("name collisions are errors naming both sources")
    func collisions() {
        #expect(
            throws: GenerationError.nameCollision(
                path: "$.typespace.types[0].Product.elements[1].name", scope: "Row", swiftName: "userId",
                names: ["user_id", "userId"])
        ) {
            try BindingsModel.build(
                Self.schema(columns: [ProductElement(name: "user_id", type: .u8), ProductElement(name: "userId", type: .u8)]))
        }
        #expect(
            throws: GenerationError.nameCollision(
                path: "$.types[1].name", scope: "the generated module", swiftName: "Row", names: ["Row", "row"])
        ) {
            try BindingsModel.build(
                Self.schema(
                    columns: [], extraTypes: [.product([])], extraNames: [TypeDefinition(name: "row", ref: 1)]))
        }
        var reducers = Self.schema(columns: [])
        reducers.reducers = [ReducerDefinition(name: "set_name", params: []), ReducerDefinition(name: "setName", params: [])]
        #expect(
            throws: GenerationError.nameCollision(
                path: "$.reducers[1].name", scope: "RemoteReducers", swiftName: "setName", names: ["set_name", "setName"])
        ) {
            try BindingsModel.build(reducers)
        }
        var reserved = Self.schema(columns: [])
        reserved.types[0].name = "String"
        #expect(throws: GenerationError.self) { try BindingsModel.build(reserved) }
        var unnamed = Self.schema(columns: [ProductElement(name: "!!", type: .u8)])
        #expect(
            throws: GenerationError.unconvertibleName(path: "$.typespace.types[0].Product.elements[0].name", name: "!!")
        ) {
            try BindingsModel.build(unnamed)
        }
        unnamed.typespace = [.product([ProductElement(name: nil, type: .u8)])]
        #expect(throws: Never.self) { try BindingsModel.build(unnamed) }
    }

    @Test("private and system tables and lifecycle reducers are left out, with reasons")
    func skipped() throws {
        let schema = try ModuleSchema.parseV9(json: FixturePaths.fixture("rich.schema-v9.json"))
        let model = try BindingsModel.build(schema)
        #expect(model.tables.map(\.name) == ["account", "event_log", "odd_names", "player", "scheduled_job", "tree"])
        #expect(model.skippedTables == [SkippedItem(name: "secret", reason: "private table: clients cannot subscribe to it")])
        #expect(model.skippedReducers.map(\.name) == ["client_connected", "client_disconnected", "init"])
        let player = try #require(model.tables.first { $0.name == "player" })
        #expect(player.primaryKey?.swiftName == "id")
        #expect(player.uniqueColumns.map(\.swiftName) == ["id", "gamertag"])
        let account = try #require(model.tables.first { $0.name == "account" })
        #expect(account.primaryKey == nil)
        #expect(account.uniqueColumns.map(\.swiftName) == ["email", "nickname"])
        #expect(model.tables.first { $0.name == "event_log" }?.uniqueColumns.isEmpty == true)
    }
}
