/// Reading `RawModuleDefV9` SATS-JSON (`crates/lib/src/db/raw_def/v9.rs`), as
/// `GET /v1/database/<db>/schema?version=9` serves it.
extension ModuleSchema {
    /// Parses and checks a `RawModuleDefV9` JSON document.
    ///
    /// Every malformed or unsupported input throws a ``SchemaError`` naming its JSON path. Fields this
    /// generator does not use are still checked for shape only where they carry meaning (e.g. `table_access`).
    public static func parseV9(json text: String) throws(SchemaError) -> ModuleSchema {
        try parseV9(JSONNode(root: JSONParser.parse(text)))
    }

    /// Parses and checks a `RawModuleDefV9` JSON document from UTF-8 bytes.
    public static func parseV9(json bytes: [UInt8]) throws(SchemaError) -> ModuleSchema {
        try parseV9(JSONNode(root: JSONParser.parse(bytes)))
    }

    /// Parses and checks a `RawModuleDefV9` already read as JSON.
    public static func parseV9(_ root: JSONNode) throws(SchemaError) -> ModuleSchema {
        let typespaceNode = try root.field("typespace").field("types")
        var typespace: [AlgebraicType] = []
        for node in try typespaceNode.elements() { typespace.append(try AlgebraicType.parse(node)) }
        let typespaceCount = typespace.count

        // Refs can only be checked once the typespace's size is known.
        for (index, type) in typespace.enumerated() {
            try type.checkRefs(path: "\(typespaceNode.path)[\(index)]", typespaceCount: typespaceCount)
        }

        var tables: [TableDefinition] = []
        for node in try root.field("tables").elements() {
            tables.append(try parseTable(node, typespace: typespace))
        }
        var reducers: [ReducerDefinition] = []
        for node in try root.field("reducers").elements() {
            let params = try parseProductType(try node.field("params"))
            for (index, param) in params.enumerated() {
                try param.type.checkRefs(
                    path: "\(node.path).params.elements[\(index)].algebraic_type", typespaceCount: typespaceCount)
            }
            let lifecycle = try node.field("lifecycle").option { (payload) throws(SchemaError) in
                let names = ReducerDefinition.Lifecycle.allCases.map(\.rawValue)
                let (name, unit) = try payload.variant(of: "Lifecycle", known: names)
                try unit.unit()
                return ReducerDefinition.Lifecycle(rawValue: name)
            }
            reducers.append(
                ReducerDefinition(name: try node.field("name").string(), params: params, lifecycle: lifecycle ?? nil))
        }
        var types: [TypeDefinition] = []
        for node in try root.field("types").elements() {
            let nameNode = try node.field("name")
            let scope = try nameNode.field("scope").elements().map { (node) throws(SchemaError) in try node.string() }
            let refNode = try node.field("ty")
            let ref = try refNode.uint32()
            guard ref < typespaceCount else {
                throw .badRef(path: refNode.path, ref: ref, typespaceCount: typespaceCount)
            }
            types.append(
                TypeDefinition(
                    scope: scope, name: try nameNode.field("name").string(), ref: ref,
                    customOrdering: try node.field("custom_ordering").bool()))
        }
        let miscExports = try root.field("misc_exports").elements()
        let (procedures, procedurePaths, views, viewPaths) = try parseMiscExportsV9(miscExports, typespace: typespace)
        let rowLevelSecurity = try root.field("row_level_security").elements().map {
            (node) throws(SchemaError) in try node.field("sql").string()
        }
        var paths = SchemaPaths.v9
        paths.procedureEntries = procedurePaths
        paths.viewEntries = viewPaths
        return ModuleSchema(
            typespace: typespace, tables: tables, reducers: reducers, types: types,
            miscExportCount: miscExports.count, rowLevelSecurity: rowLevelSecurity, version: .v9, paths: paths,
            procedures: procedures, views: views)
    }

    static func parseProductType(_ node: JSONNode) throws(SchemaError) -> [ProductElement] {
        var elements: [ProductElement] = []
        for element in try node.field("elements").elements() {
            let name = try element.field("name").option { (node) throws(SchemaError) in try node.string() }
            elements.append(ProductElement(name: name, type: try AlgebraicType.parse(try element.field("algebraic_type"))))
        }
        return elements
    }

    static func parseColumns(_ node: JSONNode, columnCount: Int) throws(SchemaError) -> [Int] {
        var columns: [Int] = []
        for column in try node.elements() { columns.append(try parseColumn(column, columnCount: columnCount)) }
        return columns
    }

    static func parseColumn(_ node: JSONNode, columnCount: Int) throws(SchemaError) -> Int {
        let column = try node.uint16()
        guard column < columnCount else {
            throw .invalidValue(path: node.path, reason: "column \(column) does not exist (the row has \(columnCount) columns)")
        }
        return column
    }

    /// A `RawIndexAlgorithm` (shared by V9 and V10).
    ///
    /// SATS writes a variant with one named field as that field alone (`variant_data` in
    /// `crates/bindings-macro/src/sats.rs`), so SpacetimeDB serves `{"BTree": [0]}`, `{"Hash": [0, 1]}` and
    /// `{"Direct": 0}`; `RawIndexAlgorithm` in `crates/bindings-typescript/src/lib/autogen/types.ts` agrees.
    /// The object layout `{"BTree": {"columns": [0]}}` that this project's protocol notes described (and
    /// its local host serves) is accepted too.
    static func parseIndexAlgorithm(_ node: JSONNode, columnCount: Int) throws(SchemaError) -> IndexDefinition.Algorithm {
        let (kind, payload) = try node.variant(of: "RawIndexAlgorithm", known: ["BTree", "Hash", "Direct"])
        let isObject: Bool
        if case .object = payload.value { isObject = true } else { isObject = false }
        switch kind {
        case "BTree", "Hash":
            let columns = try parseColumns(isObject ? try payload.field("columns") : payload, columnCount: columnCount)
            return kind == "BTree" ? .btree(columns: columns) : .hash(columns: columns)
        default:
            return .direct(column: try parseColumn(isObject ? try payload.field("column") : payload, columnCount: columnCount))
        }
    }

    /// A table's `product_type_ref`, which must name a product type, and that product's column count.
    static func parseRowType(
        _ node: JSONNode, tableName name: String, typespace: [AlgebraicType]
    ) throws(SchemaError) -> (ref: Int, columnCount: Int) {
        let refNode = try node.field("product_type_ref")
        let ref = try refNode.uint32()
        guard ref < typespace.count else { throw .badRef(path: refNode.path, ref: ref, typespaceCount: typespace.count) }
        guard case .product(let columns) = typespace[ref] else {
            throw .invalidValue(path: refNode.path, reason: "table \"\(name)\" row type \(ref) is not a product type")
        }
        return (ref, columns.count)
    }

    /// A table's indexes; V9 and V10 differ in the name's key (`name` / `source_name`), and V10 maps
    /// source names to canonical ones (`rename`).
    static func parseIndexes(
        _ node: JSONNode, nameKey: String, columnCount: Int, rename: (String) -> String = { $0 }
    ) throws(SchemaError) -> [IndexDefinition] {
        var indexes: [IndexDefinition] = []
        for index in try node.elements() {
            let name = try index.field(nameKey).option { (node) throws(SchemaError) in try node.string() }
            indexes.append(
                IndexDefinition(
                    name: name.map(rename),
                    accessorName: try index.field("accessor_name").option { (node) throws(SchemaError) in try node.string() },
                    algorithm: try parseIndexAlgorithm(try index.field("algorithm"), columnCount: columnCount)))
        }
        return indexes
    }

    /// A table's unique constraints; V9 and V10 differ only in the name's key (`name` / `source_name`).
    static func parseConstraints(
        _ node: JSONNode, nameKey: String, typeName: String, columnCount: Int
    ) throws(SchemaError) -> [ConstraintDefinition] {
        var constraints: [ConstraintDefinition] = []
        for constraint in try node.elements() {
            // A newtype variant around a struct: {"Unique":{"columns":[0]}}.
            let (_, unique) = try constraint.field("data").variant(of: typeName, known: ["Unique"])
            constraints.append(
                ConstraintDefinition(
                    name: try constraint.field(nameKey).option { (node) throws(SchemaError) in try node.string() },
                    uniqueColumns: try parseColumns(try unique.field("columns"), columnCount: columnCount)))
        }
        return constraints
    }

    /// A table's sequences; V9 and V10 differ only in the name's key (`name` / `source_name`).
    static func parseSequences(_ node: JSONNode, nameKey: String, columnCount: Int) throws(SchemaError) -> [SequenceDefinition] {
        var sequences: [SequenceDefinition] = []
        for sequence in try node.elements() {
            sequences.append(
                SequenceDefinition(
                    name: try sequence.field(nameKey).option { (node) throws(SchemaError) in try node.string() },
                    column: try parseColumn(try sequence.field("column"), columnCount: columnCount),
                    start: try sequence.field("start").option { (node) throws(SchemaError) in try node.int128Text() },
                    minValue: try sequence.field("min_value").option { (node) throws(SchemaError) in try node.int128Text() },
                    maxValue: try sequence.field("max_value").option { (node) throws(SchemaError) in try node.int128Text() },
                    increment: try sequence.field("increment").int128Text()))
        }
        return sequences
    }

    static func parseTable(_ node: JSONNode, typespace: [AlgebraicType]) throws(SchemaError) -> TableDefinition {
        let name = try node.field("name").string()
        let (ref, columnCount) = try parseRowType(node, tableName: name, typespace: typespace)
        let primaryKey = try parseColumns(try node.field("primary_key"), columnCount: columnCount)
        let indexes = try parseIndexes(try node.field("indexes"), nameKey: "name", columnCount: columnCount)

        let constraints = try parseConstraints(
            try node.field("constraints"), nameKey: "name", typeName: "RawConstraintDataV9", columnCount: columnCount)
        let sequences = try parseSequences(try node.field("sequences"), nameKey: "name", columnCount: columnCount)

        let schedule = try node.field("schedule").option { (schedule) throws(SchemaError) in
            ScheduleDefinition(
                name: try schedule.field("name").option { (node) throws(SchemaError) in try node.string() },
                reducerName: try schedule.field("reducer_name").string(),
                scheduledAtColumn: try parseColumn(try schedule.field("scheduled_at_column"), columnCount: columnCount))
        }

        let (kindName, kindUnit) = try node.field("table_type").variant(of: "StTableType", known: ["System", "User"])
        try kindUnit.unit()
        let (accessName, accessUnit) = try node.field("table_access").variant(of: "StAccess", known: ["Public", "Private"])
        try accessUnit.unit()

        return TableDefinition(
            name: name, productTypeRef: ref, primaryKey: primaryKey, indexes: indexes, constraints: constraints,
            sequences: sequences, schedule: schedule, kind: TableDefinition.Kind(rawValue: kindName) ?? .user,
            access: TableDefinition.Access(rawValue: accessName) ?? .public)
    }
}
