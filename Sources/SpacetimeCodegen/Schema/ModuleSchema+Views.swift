/// Reading view definitions, shared by the V9 (`misc_exports`) and V10 (`Views`, `ViewPrimaryKeys`
/// sections) readers. The checks are the ones SpacetimeDB makes when it validates a module
/// (`validate_view_def` in `crates/schema/src/def/validate/v9.rs` and `v10.rs`), so a schema a server
/// served always passes them.
extension ModuleSchema {
    /// One `RawViewDefV9` or `RawViewDefV10`: its name node, its name as written under `nameKey`, and the
    /// view (named as written; the V10 reader swaps in the canonical name).
    static func parseView(
        _ node: JSONNode, nameKey: String, typespace: [AlgebraicType]
    ) throws(SchemaError) -> (nameNode: JSONNode, name: String, view: ViewDefinition) {
        let nameNode = try node.field(nameKey)
        let name = try nameNode.string()
        _ = try node.field("index").uint32()
        let params = try parseProductType(try node.field("params"))
        for (index, param) in params.enumerated() {
            try param.type.checkRefs(
                path: "\(node.path).params.elements[\(index)].algebraic_type", typespaceCount: typespace.count)
        }
        let returnNode = try node.field("return_type")
        let returnType = try AlgebraicType.parse(returnNode)
        try returnType.checkRefs(path: returnNode.path, typespaceCount: typespace.count)
        guard let (ref, shape) = ViewDefinition.rowType(of: returnType) else {
            throw .invalidValue(
                path: returnNode.path,
                reason: "view \"\(name)\" must return Vec<T>, Option<T> or Query<T> with T a type reference")
        }
        guard case .product = typespace[ref] else {
            throw .invalidValue(path: returnNode.path, reason: "view \"\(name)\" row type \(ref) is not a product type")
        }
        let view = ViewDefinition(
            name: name, isPublic: try node.field("is_public").bool(), isAnonymous: try node.field("is_anonymous").bool(),
            params: params, returnType: returnType, rowTypeRef: ref, returnShape: shape)
        return (nameNode, name, view)
    }

    /// Applies V10's `ViewPrimaryKeys` section (`RawViewPrimaryKeyDefV10`) to `views`, whose source names
    /// are `sourceNames`. Entries name the view by source name and the column by its name in the row type
    /// (`attach_view_primary_keys` in `crates/schema/src/def/validate/v10.rs`); a served schema lists only
    /// procedural views here (`From<ModuleDef> for RawModuleDefV10` in `crates/schema/src/def.rs`).
    static func applyViewPrimaryKeys(
        _ section: JSONNode, to views: inout [ViewDefinition], sourceNames: [String], typespace: [AlgebraicType]
    ) throws(SchemaError) {
        var seen: Set<String> = []
        for entry in try section.elements() {
            let viewNode = try entry.field("view_source_name")
            let viewName = try viewNode.string()
            let columnsNode = try entry.field("columns")
            let columns = try columnsNode.elements().map { (node) throws(SchemaError) in try node.string() }
            guard seen.insert(viewName).inserted else {
                throw .invalidValue(path: viewNode.path, reason: "view \"\(viewName)\" has a second primary key entry")
            }
            guard columns.count <= 1 else {
                throw .invalidValue(
                    path: columnsNode.path,
                    reason: "view \"\(viewName)\" has a primary key of \(columns.count) columns; SpacetimeDB allows one")
            }
            guard let column = columns.first else { continue }
            guard let index = sourceNames.firstIndex(of: viewName) ?? views.firstIndex(where: { $0.name == viewName })
            else {
                throw .invalidValue(path: viewNode.path, reason: "view \"\(viewName)\" is not in `Views`")
            }
            guard case .product(let elements) = typespace[views[index].rowTypeRef],
                let position = elements.firstIndex(where: { $0.name == column })
            else {
                throw .invalidValue(
                    path: columnsNode.path + "[0]", reason: "view \"\(viewName)\" has no column \"\(column)\"")
            }
            views[index].primaryKey = [position]
        }
    }

    /// Gives each V10 query-builder view without a declared key the primary key of the tables whose rows
    /// it returns, when they agree on one (`assign_query_view_primary_keys` in
    /// `crates/schema/src/def/validate/v10.rs`; a served schema leaves these keys to be inferred again).
    static func inferQueryViewPrimaryKeys(_ views: inout [ViewDefinition], tables: [TableDefinition]) {
        for index in views.indices where views[index].returnShape == .query && views[index].primaryKey.isEmpty {
            let keys = Set(
                tables.filter { $0.productTypeRef == views[index].rowTypeRef && $0.primaryKey.count == 1 }
                    .map(\.primaryKey))
            if keys.count == 1, let key = keys.first { views[index].primaryKey = key }
        }
    }
}
