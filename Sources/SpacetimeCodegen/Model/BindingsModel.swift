/// Everything the emitter writes, resolved from a ``ModuleSchema``: Swift names chosen and checked for
/// collisions, schema types mapped to Swift types, recursion sorted out. Pure; no I/O.
public struct BindingsModel: Hashable, Sendable {
    /// The generated types, sorted by Swift name.
    public var types: [TypeDeclaration]
    /// The public tables, sorted by name.
    public var tables: [TableBinding]
    /// The client-callable reducers, sorted by name.
    public var reducers: [ReducerBinding]
    /// Private and system tables, left out.
    public var skippedTables: [SkippedItem]
    /// Lifecycle and private reducers, left out.
    public var skippedReducers: [SkippedItem]
    /// The client-callable procedures, sorted by name.
    public var procedures: [ProcedureBinding] = []
    /// Private procedures, left out.
    public var skippedProcedures: [SkippedItem] = []
    /// The public views without parameters, as read-only table handles, sorted by name.
    public var views: [TableBinding] = []
    /// Private views and views with parameters, left out.
    public var skippedViews: [SkippedItem] = []

    /// Every table handle, tables and views together, sorted by name: what `RemoteTables` and the module
    /// descriptor list (SpacetimeDB's generators list them together too: `iter_table_names_and_types`
    /// in `crates/codegen/src/util.rs`).
    public var tableHandles: [TableBinding] { (tables + views).sorted { $0.name < $1.name } }

    /// Swift and SDK type names a generated type must not take, since generated code refers to them.
    public static let reservedTypeNames: Set<String> = [
        "Identity", "ConnectionId", "Timestamp", "TimeDuration", "Uuid", "ScheduleAt", "UInt256", "Int256",
        "BSATNUnit", "BSATNResult", "BSATNReader", "BSATNWriter", "BSATNCodable", "BSATNEncodable",
        "BSATNDecodable", "BSATNDecodingError", "SpacetimeDB", "Bool", "Int", "UInt", "Int8", "UInt8", "Int16",
        "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Int128", "UInt128", "Float", "Double", "String",
        "Array", "Optional", "Hashable", "Sendable", "Never", "Swift", "Sequence", "IndexingIterator",
        "DbConnection", "DbConnectionBuilder", "DbContext", "EventContext", "CallbackId", "ReducerStatus",
        "ReducerEvent", "TableRow", "TableHandle", "UniqueIndexHandle", "TableDescriptor", "AnyTableDescriptor",
        "UniqueIndexDescriptor", "ModuleDescriptor",
    ]

    /// Names `RemoteProcedures` refers to; a module with callable procedures must not declare types so named.
    public static let procedureReservedTypeNames = ["ProcedureError", "Result"]

    /// Resolves `schema` into bindings, or throws the first problem found.
    public static func build(_ schema: ModuleSchema) throws(GenerationError) -> BindingsModel {
        var builder = Builder(schema: schema)
        return try builder.build()
    }
}

/// The stateful part of ``BindingsModel/build(_:)``.
private struct Builder {
    let schema: ModuleSchema
    /// Typespace index → Swift name, for the entries that get a generated type.
    var refNames: [Int: String] = [:]

    init(schema: ModuleSchema) { self.schema = schema }

    func typePath(_ ref: Int) -> String { schema.paths.typespaceEntry(ref) }

    mutating func build() throws(GenerationError) -> BindingsModel {
        try nameTypes()
        var declarations: [TypeDeclaration] = []
        for (ref, swiftName) in refNames.sorted(by: { $0.value < $1.value }) {
            declarations.append(try declaration(ref: ref, swiftName: swiftName))
        }
        var handleOwners: [String: String] = [:]
        let (tables, skippedTables) = try buildTables(&declarations, owners: &handleOwners)
        let (views, skippedViews) = try buildViews(&declarations, owners: &handleOwners)
        let (reducers, skippedReducers, argsTypes) = try buildReducers(declarations)
        declarations += argsTypes
        let (procedures, skippedProcedures, procedureArgsTypes) = try buildProcedures(declarations)
        declarations += procedureArgsTypes
        declarations.sort { $0.swiftName < $1.swiftName }
        try resolveRecursion(&declarations)
        return BindingsModel(
            types: declarations, tables: tables, reducers: reducers, skippedTables: skippedTables,
            skippedReducers: skippedReducers, procedures: procedures, skippedProcedures: skippedProcedures,
            views: views, skippedViews: skippedViews)
    }

    /// Gives each named typespace entry its Swift name (scope segments and name, each UpperCamelCase,
    /// concatenated, as SpacetimeDB's own generators do), except SpacetimeDB's special types.
    mutating func nameTypes() throws(GenerationError) {
        var owners: [String: String] = [:]
        for (index, definition) in schema.types.enumerated() {
            let path = schema.paths.typeName(index)
            if specialType(schema.typespace[definition.ref]) != nil { continue }
            var segments: [String] = []
            for segment in definition.scope + [definition.name] {
                guard let pascal = SwiftNaming.pascalCase(segment) else {
                    throw .unconvertibleName(path: path, name: definition.qualifiedName)
                }
                segments.append(pascal)
            }
            var swiftName = segments.joined()
            if SwiftNaming.suffixedTypeNames.contains(swiftName) { swiftName += "_" }
            if BindingsModel.reservedTypeNames.contains(swiftName) {
                throw .nameCollision(
                    path: path, scope: "the generated module", swiftName: swiftName,
                    names: [definition.qualifiedName, "the Swift/SpacetimeDB type \(swiftName)"])
            }
            if let owner = owners[swiftName] {
                throw .nameCollision(
                    path: path, scope: "the generated module", swiftName: swiftName,
                    names: [owner, definition.qualifiedName])
            }
            if let existing = refNames[definition.ref] {
                throw .invalidDefinition(
                    path: path,
                    reason: "typespace entry \(definition.ref) is named twice (\(existing) and \(swiftName))")
            }
            owners[swiftName] = definition.qualifiedName
            refNames[definition.ref] = swiftName
        }
    }

    /// SpacetimeDB's special types, recognised by shape (`crates/sats/src/product_type.rs`, `scheduler.rs`).
    func specialType(_ type: AlgebraicType) -> SwiftType? {
        switch type {
        case .product(let elements):
            guard elements.count == 1, let element = elements.first, let name = element.name else { return nil }
            switch (name, element.type) {
            case ("__identity__", .u256): return .identity
            case ("__connection_id__", .u128): return .connectionId
            case ("__timestamp_micros_since_unix_epoch__", .i64): return .timestamp
            case ("__time_duration_micros__", .i64): return .timeDuration
            case ("__uuid__", .u128): return .uuid
            default: return nil
            }
        case .sum(let variants):
            guard variants.count == 2, variants[0].name == "Interval", variants[1].name == "Time",
                specialType(resolved(variants[0].type)) == .timeDuration,
                specialType(resolved(variants[1].type)) == .timestamp
            else { return nil }
            return .scheduleAt
        default:
            return nil
        }
    }

    /// `type` with one level of ref followed (special types are sometimes behind a ref).
    func resolved(_ type: AlgebraicType) -> AlgebraicType {
        if case .ref(let ref) = type, schema.typespace.indices.contains(ref) { return schema.typespace[ref] }
        return type
    }

    /// Maps a schema type used as a field, payload or parameter to a Swift type.
    func swiftType(_ type: AlgebraicType, path: String, following: Set<Int> = []) throws(GenerationError) -> SwiftType {
        switch type {
        case .bool: return .bool
        case .i8: return .int8
        case .u8: return .uint8
        case .i16: return .int16
        case .u16: return .uint16
        case .i32: return .int32
        case .u32: return .uint32
        case .i64: return .int64
        case .u64: return .uint64
        case .i128: return .int128
        case .u128: return .uint128
        case .i256: return .int256
        case .u256: return .uint256
        case .f32: return .float
        case .f64: return .double
        case .string: return .string
        case .array(.u8): return .bytes
        case .array(let element): return .array(try swiftType(element, path: path + ".Array", following: following))
        case .ref(let ref):
            guard schema.typespace.indices.contains(ref) else {
                throw .unsupportedType(path: path, reason: "type reference \(ref) is outside the typespace")
            }
            if let special = specialType(schema.typespace[ref]) { return special }
            if let name = refNames[ref] { return .named(name) }
            guard !following.contains(ref) else {
                throw .unsupportedType(
                    path: path, reason: "type reference \(ref) refers to itself without a name in `types`")
            }
            return try swiftType(schema.typespace[ref], path: typePath(ref), following: following.union([ref]))
        case .product(let elements):
            if let special = specialType(type) { return special }
            if elements.isEmpty { return .unit }
            throw .unsupportedType(
                path: path,
                reason: "an inline product type is only supported for SpacetimeDB's special types "
                    + "(Identity, ConnectionId, Timestamp, TimeDuration, Uuid); declare it as a named type")
        case .sum(let variants):
            if let special = specialType(type) { return special }
            if variants.count == 2, variants[0].name == "some", variants[1].name == "none", variants[1].type.isUnit {
                return .optional(try swiftType(variants[0].type, path: path + ".Sum.variants[0].algebraic_type",
                    following: following))
            }
            if variants.count == 2, variants[0].name == "ok", variants[1].name == "err" {
                return .result(
                    try swiftType(variants[0].type, path: path + ".Sum.variants[0].algebraic_type", following: following),
                    try swiftType(variants[1].type, path: path + ".Sum.variants[1].algebraic_type", following: following))
            }
            throw .unsupportedType(
                path: path,
                reason: "an inline sum type is only supported for Option, Result and ScheduleAt; declare it as a named type")
        }
    }

    /// Converts a list of schema names (fields, cases, parameters) to member names, rejecting collisions.
    func memberNames(_ names: [String?], fallbackPrefix: String, paths: [String], scope: String) throws(GenerationError)
        -> [String]
    {
        var result: [String] = []
        var owners: [String: String] = [:]
        for (index, name) in names.enumerated() {
            let source = name ?? "\(fallbackPrefix)\(index)"
            guard let swiftName = SwiftNaming.memberName(source) else {
                throw .unconvertibleName(path: paths[index], name: source)
            }
            if let owner = owners[swiftName] {
                throw .nameCollision(path: paths[index], scope: scope, swiftName: swiftName, names: [owner, source])
            }
            owners[swiftName] = source
            result.append(swiftName)
        }
        return result
    }

    func fields(_ elements: [ProductElement], path: String, scope: String) throws(GenerationError) -> [TypeDeclaration.Field] {
        let names = try memberNames(
            elements.map(\.name), fallbackPrefix: "field", paths: elements.indices.map { "\(path)[\($0)].name" },
            scope: scope)
        var fields: [TypeDeclaration.Field] = []
        for (index, element) in elements.enumerated() {
            let type = try swiftType(element.type, path: "\(path)[\(index)].algebraic_type")
            fields.append(.init(sourceName: element.name ?? names[index], swiftName: names[index], type: type))
        }
        return fields
    }

    func declaration(ref: Int, swiftName: String) throws(GenerationError) -> TypeDeclaration {
        let path = typePath(ref)
        let sourceName = schema.types.first { $0.ref == ref }?.qualifiedName ?? swiftName
        let shape: TypeDeclaration.Shape
        switch schema.typespace[ref] {
        case .product(let elements):
            shape = .product(try fields(elements, path: path + ".Product.elements", scope: swiftName))
        case .sum(let variants):
            let variantsPath = path + ".Sum.variants"
            let names = try memberNames(
                variants.map(\.name), fallbackPrefix: "variant",
                paths: variants.indices.map { "\(variantsPath)[\($0)].name" }, scope: swiftName)
            guard variants.count <= 256 else {
                throw .unsupportedType(path: variantsPath, reason: "a sum type has at most 256 variants (u8 tag)")
            }
            var cases: [TypeDeclaration.Case] = []
            for (index, variant) in variants.enumerated() {
                let payload =
                    variant.type.isUnit
                    ? nil : try swiftType(variant.type, path: "\(variantsPath)[\(index)].algebraic_type")
                cases.append(.init(sourceName: variant.name ?? names[index], swiftName: names[index], payload: payload))
            }
            shape = .sum(cases, indirect: false)
        case let other:
            shape = .alias(try swiftType(other, path: path, following: [ref]))
        }
        return TypeDeclaration(swiftName: swiftName, sourceName: sourceName, ref: ref, shape: shape, tables: [])
    }

    /// The public tables. `owners` collects the `RemoteTables` member and handle type names taken, which
    /// the views must not take too.
    func buildTables(_ declarations: inout [TypeDeclaration], owners: inout [String: String]) throws(GenerationError)
        -> ([TableBinding], [SkippedItem])
    {
        var tables: [TableBinding] = []
        var skipped: [SkippedItem] = []
        let typeOwners = Dictionary(uniqueKeysWithValues: declarations.map { ($0.swiftName, $0.sourceName) })
        for (index, table) in schema.tables.enumerated() {
            let path = schema.paths.table(index)
            let namePath = path + "." + schema.paths.tableNameField
            if table.kind == .system {
                skipped.append(SkippedItem(name: table.name, reason: "system table"))
                continue
            }
            if table.access == .private {
                skipped.append(SkippedItem(name: table.name, reason: "private table: clients cannot subscribe to it"))
                continue
            }
            guard let rowType = refNames[table.productTypeRef],
                let declarationIndex = declarations.firstIndex(where: { $0.ref == table.productTypeRef }),
                case .product(let columns) = declarations[declarationIndex].shape
            else {
                throw .invalidDefinition(
                    path: path + ".product_type_ref",
                    reason: "table \"\(table.name)\" has a row type without a name in `types`")
            }
            guard let swiftName = SwiftNaming.memberName(table.name), let typeBase = SwiftNaming.pascalCase(table.name)
            else { throw .unconvertibleName(path: namePath, name: table.name) }
            for (name, scope) in [(swiftName, "RemoteTables"), (typeBase + "TableHandle", "the generated module")] {
                if let owner = owners[name] ?? (name == "connection" ? "the stored property connection" : nil)
                    ?? typeOwners[name]
                {
                    throw .nameCollision(path: namePath, scope: scope, swiftName: name, names: [owner, table.name])
                }
                owners[name] = table.name
            }
            declarations[declarationIndex].tables.append(table.name)
            if let primaryKey = table.primaryKey.first, table.primaryKey.count == 1,
                !declarations[declarationIndex].primaryKeys.contains(columns[primaryKey].sourceName)
            {
                declarations[declarationIndex].primaryKeys.append(columns[primaryKey].sourceName)
            }
            // The SDK pairs updates and finds rows by one column; composite keys get neither. An event
            // table (V10 `is_event`) keeps no rows on the client, so `find` would always be empty and
            // no row can update: like SpacetimeDB's Rust generator, give it neither (rust.rs, `is_event`).
            let keyed = !table.isEvent
            let primaryKey = keyed && table.primaryKey.count == 1 ? columns[table.primaryKey[0]] : nil
            var uniqueIndices = Set(table.constraints.filter { $0.uniqueColumns.count == 1 }.map { $0.uniqueColumns[0] })
            if table.primaryKey.count == 1 { uniqueIndices.insert(table.primaryKey[0]) }
            let uniqueColumns = keyed ? uniqueIndices.sorted().map { columns[$0] } : []
            for column in uniqueColumns where ClientAPIEmitter.tableHandleMembers.contains(column.swiftName) {
                throw .nameCollision(
                    path: path + ".constraints", scope: "\(typeBase)TableHandle", swiftName: column.swiftName,
                    names: [column.sourceName, "the table handle's own member \(column.swiftName)"])
            }
            tables.append(
                TableBinding(
                    name: table.name, swiftName: swiftName, typeBase: typeBase, rowType: rowType, columns: columns,
                    primaryKey: primaryKey, uniqueColumns: uniqueColumns))
        }
        for index in declarations.indices {
            declarations[index].tables.sort()
            declarations[index].primaryKeys.sort()
        }
        return (tables.sorted { $0.name < $1.name }, skipped.sorted { $0.name < $1.name })
    }

    /// The views clients can subscribe to, as read-only table handles over their row type: `onInsert`,
    /// `onDelete`, `count`, `iter`, and `onUpdate` only for a view with a primary key (V10). No `find`:
    /// views have no unique constraints (`From<ViewDef> for TableDef` in `crates/schema/src/def.rs`).
    ///
    /// SpacetimeDB's generators emit every view (`module.views()` in `generate`, `crates/codegen/src/lib.rs`),
    /// relying on the module macros, which accept only public views without parameters. A schema that has
    /// other views anyway gets them left out with a note: a private view is as closed to clients as a
    /// private table, and a subscription query cannot pass a view arguments.
    func buildViews(_ declarations: inout [TypeDeclaration], owners: inout [String: String]) throws(GenerationError)
        -> ([TableBinding], [SkippedItem])
    {
        var views: [TableBinding] = []
        var skipped: [SkippedItem] = []
        let typeOwners = Dictionary(uniqueKeysWithValues: declarations.map { ($0.swiftName, $0.sourceName) })
        for (index, view) in schema.views.enumerated() {
            let path = schema.paths.view(index)
            let namePath = path + "." + schema.paths.viewNameField
            if !view.isPublic {
                skipped.append(SkippedItem(name: view.name, reason: "private view: clients cannot subscribe to it"))
                continue
            }
            if !view.params.isEmpty {
                skipped.append(
                    SkippedItem(
                        name: view.name,
                        reason: "view with parameters: a subscription query cannot pass them"))
                continue
            }
            guard let rowType = refNames[view.rowTypeRef],
                let declarationIndex = declarations.firstIndex(where: { $0.ref == view.rowTypeRef }),
                case .product(let columns) = declarations[declarationIndex].shape
            else {
                throw .invalidDefinition(
                    path: path + ".return_type",
                    reason: "view \"\(view.name)\" returns rows of a type without a name in `types`")
            }
            guard let swiftName = SwiftNaming.memberName(view.name), let typeBase = SwiftNaming.pascalCase(view.name)
            else { throw .unconvertibleName(path: namePath, name: view.name) }
            for (name, scope) in [(swiftName, "RemoteTables"), (typeBase + "TableHandle", "the generated module")] {
                if let owner = owners[name] ?? (name == "connection" ? "the stored property connection" : nil)
                    ?? typeOwners[name]
                {
                    throw .nameCollision(path: namePath, scope: scope, swiftName: name, names: [owner, view.name])
                }
                owners[name] = view.name
            }
            declarations[declarationIndex].views.append(view.name)
            let primaryKey = view.primaryKey.count == 1 ? columns[view.primaryKey[0]] : nil
            if let primaryKey, !declarations[declarationIndex].primaryKeys.contains(primaryKey.sourceName) {
                declarations[declarationIndex].primaryKeys.append(primaryKey.sourceName)
            }
            views.append(
                TableBinding(
                    name: view.name, swiftName: swiftName, typeBase: typeBase, rowType: rowType, columns: columns,
                    primaryKey: primaryKey, uniqueColumns: [],
                    view: TableBinding.ViewInfo(returnShape: view.returnShape, isAnonymous: view.isAnonymous)))
        }
        for index in declarations.indices {
            declarations[index].views.sort()
            declarations[index].primaryKeys.sort()
        }
        return (views.sorted { $0.name < $1.name }, skipped.sorted { $0.name < $1.name })
    }

    func buildReducers(_ declarations: [TypeDeclaration]) throws(GenerationError)
        -> ([ReducerBinding], [SkippedItem], [TypeDeclaration])
    {
        var reducers: [ReducerBinding] = []
        var skipped: [SkippedItem] = []
        var argsTypes: [TypeDeclaration] = []
        var owners = ["connection": "the stored property connection", "removeCallback": "the method removeCallback"]
        var typeOwners = Dictionary(uniqueKeysWithValues: declarations.map { ($0.swiftName, $0.sourceName) })
        for (index, reducer) in schema.reducers.enumerated() {
            let path = schema.paths.reducer(index)
            let namePath = path + "." + schema.paths.reducerNameField
            if let lifecycle = reducer.lifecycle {
                skipped.append(SkippedItem(name: reducer.name, reason: "lifecycle reducer (\(lifecycle.rawValue))"))
                continue
            }
            // Only V10 says so; SpacetimeDB's own generators leave these out too (`iter_reducers` in
            // `crates/codegen/src/util.rs`), since a client call would be refused.
            if reducer.visibility == .private {
                skipped.append(SkippedItem(name: reducer.name, reason: "private reducer: clients cannot call it"))
                continue
            }
            guard let swiftName = SwiftNaming.memberName(reducer.name), let typeBase = SwiftNaming.pascalCase(reducer.name)
            else { throw .unconvertibleName(path: namePath, name: reducer.name) }
            // `RemoteReducers` holds the call method, the `on…` registration and its own members.
            for name in [swiftName, "on" + typeBase] {
                if let owner = owners[name] {
                    throw .nameCollision(path: namePath, scope: "RemoteReducers", swiftName: name, names: [owner, reducer.name])
                }
                owners[name] = reducer.name
            }
            let argsType = typeBase + "Args"
            if let owner = typeOwners[argsType] {
                throw .nameCollision(
                    path: namePath, scope: "the generated module", swiftName: argsType,
                    names: [owner, "the arguments of reducer \(reducer.name)"])
            }
            typeOwners[argsType] = "the arguments of reducer \(reducer.name)"
            let params = try fields(reducer.params, path: path + ".params.elements", scope: argsType)
            if let index = params.firstIndex(where: { $0.swiftName == "then" }) {
                throw .nameCollision(
                    path: "\(path).params.elements[\(index)].name", scope: "RemoteReducers.\(swiftName)",
                    swiftName: "then", names: [params[index].sourceName, "the completion parameter then"])
            }
            reducers.append(
                ReducerBinding(name: reducer.name, swiftName: swiftName, typeBase: typeBase, argsType: argsType, params: params))
            argsTypes.append(
                TypeDeclaration(swiftName: argsType, sourceName: reducer.name, ref: -1, shape: .product(params), tables: []))
        }
        return (reducers.sorted { $0.name < $1.name }, skipped.sorted { $0.name < $1.name }, argsTypes)
    }

    /// The client-callable procedures and their `…ProcedureArgs` structs. `declarations` holds every type
    /// generated so far (reducer arguments included), whose names the arguments structs must not take.
    func buildProcedures(_ declarations: [TypeDeclaration]) throws(GenerationError)
        -> ([ProcedureBinding], [SkippedItem], [TypeDeclaration])
    {
        var procedures: [ProcedureBinding] = []
        var skipped: [SkippedItem] = []
        var argsTypes: [TypeDeclaration] = []
        var owners = ["connection": "the stored property connection"]
        var typeOwners = Dictionary(uniqueKeysWithValues: declarations.map { declaration in
            (declaration.swiftName, declaration.ref < 0 ? "the arguments of reducer \(declaration.sourceName)"
                : declaration.sourceName)
        })
        for (index, procedure) in schema.procedures.enumerated() {
            let path = schema.paths.procedure(index)
            let namePath = path + "." + schema.paths.procedureNameField
            if procedure.visibility == .private {
                skipped.append(SkippedItem(name: procedure.name, reason: "private procedure: clients cannot call it"))
                continue
            }
            guard let swiftName = SwiftNaming.memberName(procedure.name),
                let typeBase = SwiftNaming.pascalCase(procedure.name)
            else { throw .unconvertibleName(path: namePath, name: procedure.name) }
            if let owner = owners[swiftName] {
                throw .nameCollision(
                    path: namePath, scope: "RemoteProcedures", swiftName: swiftName, names: [owner, procedure.name])
            }
            owners[swiftName] = procedure.name
            let argsType = typeBase + "ProcedureArgs"
            let argsOwner = "the arguments of procedure \(procedure.name)"
            if let owner = typeOwners[argsType] {
                throw .nameCollision(
                    path: namePath, scope: "the generated module", swiftName: argsType, names: [owner, argsOwner])
            }
            typeOwners[argsType] = argsOwner
            let params = try fields(procedure.params, path: path + ".params.elements", scope: argsType)
            if let index = params.firstIndex(where: { $0.swiftName == "completion" }) {
                throw .nameCollision(
                    path: "\(path).params.elements[\(index)].name", scope: "RemoteProcedures.\(swiftName)",
                    swiftName: "completion", names: [params[index].sourceName, "the completion parameter completion"])
            }
            let returnType = try swiftType(procedure.returnType, path: path + ".return_type")
            procedures.append(
                ProcedureBinding(
                    name: procedure.name, swiftName: swiftName, typeBase: typeBase, argsType: argsType, params: params,
                    returnType: returnType))
            argsTypes.append(
                TypeDeclaration(
                    swiftName: argsType, sourceName: procedure.name, ref: -1, shape: .product(params), tables: [],
                    isProcedureArguments: true))
        }
        // Checked only when `RemoteProcedures` is generated, so modules without procedures keep these names.
        if !procedures.isEmpty {
            for name in BindingsModel.procedureReservedTypeNames {
                guard let declaration = declarations.first(where: { $0.swiftName == name && $0.ref >= 0 }) else { continue }
                throw .nameCollision(
                    path: typePath(declaration.ref), scope: "the generated module", swiftName: name,
                    names: [declaration.sourceName, "the Swift/SpacetimeDB type \(name) that procedure calls return"])
            }
        }
        return (procedures.sorted { $0.name < $1.name }, skipped.sorted { $0.name < $1.name }, argsTypes)
    }

    /// Marks sum types that contain themselves `indirect`, then rejects structs and typealiases that
    /// still contain themselves.
    func resolveRecursion(_ declarations: inout [TypeDeclaration]) throws(GenerationError) {
        // Edges are "stores by value": through a field, an optional or a payload, but not through an
        // array (heap storage) nor out of an indirect enum. A typealias can never refer to itself.
        func edges(_ declaration: TypeDeclaration) -> [String] {
            switch declaration.shape {
            case .product(let fields): return fields.flatMap(\.type.namedByValue)
            case .sum(let cases, let indirect): return indirect ? [] : cases.flatMap { $0.payload?.namedByValue ?? [] }
            case .alias(let target): return target.namedAnywhere
            }
        }
        func cycle(from start: String, graph: [String: [String]]) -> [String]? {
            var stack: [(String, [String])] = [(start, [start])]
            var seen: Set<String> = []
            while let (node, path) = stack.popLast() {
                for next in graph[node] ?? [] {
                    if next == start { return path + [start] }
                    if seen.insert(next).inserted { stack.append((next, path + [next])) }
                }
            }
            return nil
        }
        var graph = Dictionary(uniqueKeysWithValues: declarations.map { ($0.swiftName, edges($0)) })
        for index in declarations.indices {
            if case .sum(let cases, _) = declarations[index].shape,
                cycle(from: declarations[index].swiftName, graph: graph) != nil
            {
                declarations[index].shape = .sum(cases, indirect: true)
            }
        }
        graph = Dictionary(uniqueKeysWithValues: declarations.map { ($0.swiftName, edges($0)) })
        for declaration in declarations {
            if let cycle = cycle(from: declaration.swiftName, graph: graph) {
                throw .recursiveValueType(path: typePath(declaration.ref), cycle: cycle)
            }
        }
    }
}
