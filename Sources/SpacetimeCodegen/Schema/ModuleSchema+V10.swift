/// Reading `RawModuleDefV10` SATS-JSON (`crates/lib/src/db/raw_def/v10.rs`), as
/// `GET /v1/database/<db>/schema?version=10` serves it (`schema` in `crates/client-api/src/routes/database.rs`
/// writes `RawModuleDefV10::from(ModuleDef)`, `crates/schema/src/def.rs`).
///
/// The result is the same ``ModuleSchema`` the V9 reader gives for the same module: tables and reducers
/// carry their canonical names (resolved through ``CanonicalNames``), schedules sit on their tables and
/// lifecycles on their reducers, as in V9. What V10 adds and V9 lacks is kept where the model has room:
/// reducer and procedure visibility, event tables and view primary keys (`ViewPrimaryKeys`). Column
/// defaults, procedures and views count as ``ModuleSchema/miscExportCount``, as V9's `misc_exports`
/// would; procedures are also read into ``ModuleSchema/procedures`` and views into ``ModuleSchema/views``.
extension ModuleSchema {
    /// Every `RawModuleDefV10Section` variant, in declaration order (new ones are only ever appended).
    static let v10SectionNames = [
        "Typespace", "Types", "Tables", "Reducers", "Procedures", "Views", "Schedules", "LifeCycleReducers",
        "RowLevelSecurity", "CaseConversionPolicy", "ExplicitNames", "HttpHandlers", "HttpRoutes", "ViewPrimaryKeys",
        "Submodules",
    ]

    /// Sections whose contents the generator reads past; each only needs to be an array.
    static let v10IgnoredSectionNames: Set<String> = [
        "HttpHandlers", "HttpRoutes", "Submodules",
    ]

    /// Parses and checks a `RawModuleDefV10` JSON document.
    public static func parseV10(json text: String) throws(SchemaError) -> ModuleSchema {
        try parseV10(JSONNode(root: JSONParser.parse(text)))
    }

    /// Parses and checks a `RawModuleDefV10` JSON document from UTF-8 bytes.
    public static func parseV10(json bytes: [UInt8]) throws(SchemaError) -> ModuleSchema {
        try parseV10(JSONNode(root: JSONParser.parse(bytes)))
    }

    /// Parses and checks a `RawModuleDefV10` already read as JSON.
    ///
    /// Sections may come in any order and each is optional (`RawModuleDefV10::sections`). A section kind
    /// given twice is refused: SpacetimeDB would read only the first, silently. Unknown section kinds
    /// (the enum is `#[non_exhaustive]`) are read past and listed in ``ModuleSchema/ignoredSections``.
    public static func parseV10(_ root: JSONNode) throws(SchemaError) -> ModuleSchema {
        var sections: [String: JSONNode] = [:]
        var ignored: [String] = []
        for node in try root.field("sections").elements() {
            let (kind, payload) = try node.anyVariant(of: "RawModuleDefV10Section")
            guard v10SectionNames.contains(kind) else {
                ignored.append("\(kind) (unknown section)")
                continue
            }
            if let first = sections[kind] {
                throw .invalidValue(path: node.path, reason: "a second `\(kind)` section (the first is at \(first.path))")
            }
            sections[kind] = payload
        }

        var names = CanonicalNames()
        if let policy = sections["CaseConversionPolicy"] {
            let (name, unit) = try policy.variant(
                of: "CaseConversionPolicy", known: CanonicalNames.Policy.allCases.map(\.rawValue))
            try unit.unit()
            names.policy = CanonicalNames.Policy(rawValue: name) ?? .snakeCase
        }
        if let explicit = sections["ExplicitNames"] {
            for entry in try explicit.field("entries").elements() {
                let (kind, mapping) = try entry.variant(of: "ExplicitNameEntry", known: ["Table", "Function", "Index"])
                let source = try mapping.field("source_name").string()
                let canonical = try mapping.field("canonical_name").string()
                switch kind {
                case "Table": names.tables[source] = canonical
                case "Function": names.functions[source] = canonical
                default: names.indexes[source] = canonical
                }
            }
        }

        var typespace: [AlgebraicType] = []
        let typespacePath: String
        if let section = sections["Typespace"] {
            let typesNode = try section.field("types")
            typespacePath = typesNode.path
            for node in try typesNode.elements() { typespace.append(try AlgebraicType.parse(node)) }
            for (index, type) in typespace.enumerated() {
                try type.checkRefs(path: "\(typespacePath)[\(index)]", typespaceCount: typespace.count)
            }
        } else {
            typespacePath = "$.sections"
        }

        var types: [TypeDefinition] = []
        for node in try sections["Types"]?.elements() ?? [] {
            let nameNode = try node.field("source_name")
            let scope = try nameNode.field("scope").elements().map { (node) throws(SchemaError) in try node.string() }
            let refNode = try node.field("ty")
            let ref = try refNode.uint32()
            guard ref < typespace.count else {
                throw .badRef(path: refNode.path, ref: ref, typespaceCount: typespace.count)
            }
            // Served type names are already the canonical ones (`From<TypeDef> for RawTypeDefV10`).
            types.append(
                TypeDefinition(
                    scope: scope, name: try nameNode.field("source_name").string(), ref: ref,
                    customOrdering: try node.field("custom_ordering").bool()))
        }

        var tables: [TableDefinition] = []
        var tableSourceNames: [String] = []
        var defaultValueCount = 0
        for node in try sections["Tables"]?.elements() ?? [] {
            let (table, sourceName, defaults) = try parseTableV10(node, typespace: typespace, names: names)
            tables.append(table)
            tableSourceNames.append(sourceName)
            defaultValueCount += defaults
        }

        var reducers: [ReducerDefinition] = []
        var reducerSourceNames: [String] = []
        for node in try sections["Reducers"]?.elements() ?? [] {
            let sourceNode = try node.field("source_name")
            let source = try sourceNode.string()
            let params = try parseProductType(try node.field("params"))
            for (index, param) in params.enumerated() {
                try param.type.checkRefs(
                    path: "\(node.path).params.elements[\(index)].algebraic_type", typespaceCount: typespace.count)
            }
            let (visibilityName, visibilityUnit) = try node.field("visibility").variant(
                of: "FunctionVisibility", known: ReducerDefinition.Visibility.allCases.map(\.rawValue))
            try visibilityUnit.unit()
            // Shape only: the bindings report reducer errors as strings whatever these say.
            for field in ["ok_return_type", "err_return_type"] {
                let typeNode = try node.field(field)
                try AlgebraicType.parse(typeNode).checkRefs(path: typeNode.path, typespaceCount: typespace.count)
            }
            reducers.append(
                ReducerDefinition(
                    name: try names.function(source, path: sourceNode.path), params: params,
                    visibility: ReducerDefinition.Visibility(rawValue: visibilityName)))
            reducerSourceNames.append(source)
        }

        var procedures: [ProcedureDefinition] = []
        var procedurePaths: [String] = []
        var procedureSourceNames: [String] = []
        for node in try sections["Procedures"]?.elements() ?? [] {
            let (nameNode, source, params, returnType) = try parseProcedure(
                node, nameKey: "source_name", typespaceCount: typespace.count)
            let (visibilityName, visibilityUnit) = try node.field("visibility").variant(
                of: "FunctionVisibility", known: ReducerDefinition.Visibility.allCases.map(\.rawValue))
            try visibilityUnit.unit()
            procedures.append(
                ProcedureDefinition(
                    name: try names.function(source, path: nameNode.path), params: params, returnType: returnType,
                    visibility: ReducerDefinition.Visibility(rawValue: visibilityName)))
            procedurePaths.append(node.path)
            procedureSourceNames.append(source)
        }

        /// The reducer a `function_name` means: served schemas write the canonical name, a module's own
        /// raw definition the source name; both are tried.
        func reducerIndex(named name: String) -> Int? {
            reducers.firstIndex { $0.name == name } ?? reducerSourceNames.firstIndex(of: name)
        }

        for node in try sections["Schedules"]?.elements() ?? [] {
            let tableNode = try node.field("table_name")
            let tableName = try tableNode.string()
            guard let tableIndex = tables.firstIndex(where: { $0.name == tableName }) ?? tableSourceNames.firstIndex(of: tableName)
            else {
                throw .invalidValue(path: tableNode.path, reason: "schedule names table \"\(tableName)\", which is not in `Tables`")
            }
            guard tables[tableIndex].schedule == nil else {
                throw .invalidValue(path: tableNode.path, reason: "table \"\(tableName)\" has a second schedule")
            }
            guard case .product(let columns) = typespace[tables[tableIndex].productTypeRef] else {
                throw .invalidValue(path: tableNode.path, reason: "table \"\(tableName)\" row type is not a product type")
            }
            let functionName = try node.field("function_name").string()
            // A procedure may be scheduled too; either way the schedule names the function canonically.
            let procedureIndex = procedures.firstIndex { $0.name == functionName } ?? procedureSourceNames.firstIndex(of: functionName)
            let reducerName =
                reducerIndex(named: functionName).map { reducers[$0].name } ?? procedureIndex.map { procedures[$0].name }
                ?? functionName
            tables[tableIndex].schedule = ScheduleDefinition(
                name: try node.field("source_name").option { (node) throws(SchemaError) in try node.string() },
                reducerName: reducerName,
                scheduledAtColumn: try parseColumn(try node.field("schedule_at_col"), columnCount: columns.count))
        }

        for node in try sections["LifeCycleReducers"]?.elements() ?? [] {
            let specNode = try node.field("lifecycle_spec")
            let (lifecycleName, unit) = try specNode.variant(
                of: "Lifecycle", known: ReducerDefinition.Lifecycle.allCases.map(\.rawValue))
            try unit.unit()
            guard let lifecycle = ReducerDefinition.Lifecycle(rawValue: lifecycleName) else { continue }
            let functionNode = try node.field("function_name")
            let functionName = try functionNode.string()
            guard let index = reducerIndex(named: functionName) else {
                throw .invalidValue(
                    path: functionNode.path,
                    reason: "lifecycle \(lifecycleName) names reducer \"\(functionName)\", which is not in `Reducers`")
            }
            if let holder = reducers.first(where: { $0.lifecycle == lifecycle }) {
                throw .invalidValue(
                    path: specNode.path, reason: "lifecycle \(lifecycleName) is already taken by reducer \"\(holder.name)\"")
            }
            if let existing = reducers[index].lifecycle {
                throw .invalidValue(
                    path: functionNode.path,
                    reason: "reducer \"\(reducers[index].name)\" is already the \(existing.rawValue) reducer")
            }
            reducers[index].lifecycle = lifecycle
        }

        let rowLevelSecurity = try (sections["RowLevelSecurity"]?.elements() ?? []).map {
            (node) throws(SchemaError) in try node.field("sql").string()
        }

        var views: [ViewDefinition] = []
        var viewPaths: [String] = []
        var viewSourceNames: [String] = []
        for node in try sections["Views"]?.elements() ?? [] {
            var (nameNode, source, view) = try parseView(node, nameKey: "source_name", typespace: typespace)
            view.name = try names.view(source, path: nameNode.path)
            views.append(view)
            viewPaths.append(node.path)
            viewSourceNames.append(source)
        }
        if let section = sections["ViewPrimaryKeys"] {
            try applyViewPrimaryKeys(section, to: &views, sourceNames: viewSourceNames, typespace: typespace)
        }
        inferQueryViewPrimaryKeys(&views, tables: tables)

        let miscExportCount = defaultValueCount + procedures.count + views.count
        for name in v10SectionNames where v10IgnoredSectionNames.contains(name) {
            guard let section = sections[name] else { continue }
            let count = try section.elements().count
            if count > 0 { ignored.append("\(name) (\(count))") }
        }

        let paths = SchemaPaths(
            typespaceTypes: typespacePath, types: sections["Types"]?.path ?? "$.sections", typeNameField: "source_name",
            tables: sections["Tables"]?.path ?? "$.sections", tableNameField: "source_name",
            reducers: sections["Reducers"]?.path ?? "$.sections", reducerNameField: "source_name",
            procedures: sections["Procedures"]?.path ?? "$.sections", procedureNameField: "source_name",
            procedureEntries: procedurePaths, viewNameField: "source_name", viewEntries: viewPaths)
        return ModuleSchema(
            typespace: typespace, tables: tables, reducers: reducers, types: types, miscExportCount: miscExportCount,
            rowLevelSecurity: rowLevelSecurity, version: .v10, paths: paths, ignoredSections: ignored,
            procedures: procedures, views: views)
    }

    /// One `RawTableDefV10`: the table (without its schedule, which has its own section), its source
    /// name, and how many column defaults it declares.
    static func parseTableV10(
        _ node: JSONNode, typespace: [AlgebraicType], names: CanonicalNames
    ) throws(SchemaError) -> (table: TableDefinition, sourceName: String, defaultValues: Int) {
        let sourceNode = try node.field("source_name")
        let source = try sourceNode.string()
        let name = try names.table(source, path: sourceNode.path)
        let (ref, columnCount) = try parseRowType(node, tableName: name, typespace: typespace)
        let primaryKey = try parseColumns(try node.field("primary_key"), columnCount: columnCount)
        let indexes = try parseIndexes(
            try node.field("indexes"), nameKey: "source_name", columnCount: columnCount, rename: names.index)

        // `RawConstraintDataV10` is V9's `RawConstraintDataV9`: a newtype variant around a struct.
        let constraints = try parseConstraints(
            try node.field("constraints"), nameKey: "source_name", typeName: "RawConstraintDataV10", columnCount: columnCount)
        let sequences = try parseSequences(try node.field("sequences"), nameKey: "source_name", columnCount: columnCount)

        let (kindName, kindUnit) = try node.field("table_type").variant(of: "TableType", known: ["System", "User"])
        try kindUnit.unit()
        let (accessName, accessUnit) = try node.field("table_access").variant(of: "TableAccess", known: ["Public", "Private"])
        try accessUnit.unit()

        let defaults = try node.field("default_values").elements()
        for value in defaults {
            _ = try parseColumn(try value.field("col_id"), columnCount: columnCount)
            // `Box<[u8]>` of BSATN; SATS-JSON writes bytes as a hex string (`serialize_bytes` in
            // `crates/sats/src/ser/serde.rs`).
            let bytesNode = try value.field("value")
            let hex = try bytesNode.string()
            guard hex.utf8.count.isMultiple(of: 2), hex.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
            }) else {
                throw .invalidValue(path: bytesNode.path, reason: "a column default must be BSATN bytes as a hex string")
            }
        }

        let table = TableDefinition(
            name: name, productTypeRef: ref, primaryKey: primaryKey, indexes: indexes, constraints: constraints,
            sequences: sequences, kind: TableDefinition.Kind(rawValue: kindName) ?? .user,
            access: TableDefinition.Access(rawValue: accessName) ?? .public, isEvent: try node.field("is_event").bool())
        return (table, source, defaults.count)
    }
}
