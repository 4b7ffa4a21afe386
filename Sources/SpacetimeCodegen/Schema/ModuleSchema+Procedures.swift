/// Reading procedure definitions, shared by the V9 (`misc_exports`) and V10 (`Procedures` section)
/// readers; V9's `misc_exports` also hold the views (``parseView(_:nameKey:typespace:)``).
extension ModuleSchema {
    /// One `RawProcedureDefV9` or `RawProcedureDefV10`: its name as written under `nameKey`, its
    /// parameters and its return type, with every type reference checked against the typespace.
    static func parseProcedure(
        _ node: JSONNode, nameKey: String, typespaceCount: Int
    ) throws(SchemaError) -> (nameNode: JSONNode, name: String, params: [ProductElement], returnType: AlgebraicType) {
        let nameNode = try node.field(nameKey)
        let name = try nameNode.string()
        let params = try parseProductType(try node.field("params"))
        for (index, param) in params.enumerated() {
            try param.type.checkRefs(
                path: "\(node.path).params.elements[\(index)].algebraic_type", typespaceCount: typespaceCount)
        }
        let returnNode = try node.field("return_type")
        let returnType = try AlgebraicType.parse(returnNode)
        try returnType.checkRefs(path: returnNode.path, typespaceCount: typespaceCount)
        return (nameNode, name, params, returnType)
    }

    /// The procedures and views among V9's `misc_exports` (`RawMiscModuleExportV9`), with each one's
    /// path. Column defaults, and variants newer than this reader (the enum is `#[non_exhaustive]`), are
    /// only counted.
    static func parseMiscExportsV9(
        _ exports: [JSONNode], typespace: [AlgebraicType]
    ) throws(SchemaError) -> (
        procedures: [ProcedureDefinition], paths: [String], views: [ViewDefinition], viewPaths: [String]
    ) {
        let typespaceCount = typespace.count
        var procedures: [ProcedureDefinition] = []
        var paths: [String] = []
        var views: [ViewDefinition] = []
        var viewPaths: [String] = []
        for export in exports {
            let (kind, payload) = try export.anyVariant(of: "RawMiscModuleExportV9")
            switch kind {
            case "Procedure":
                let (_, name, params, returnType) = try parseProcedure(
                    payload, nameKey: "name", typespaceCount: typespaceCount)
                procedures.append(ProcedureDefinition(name: name, params: params, returnType: returnType))
                paths.append(payload.path)
            case "View":
                views.append(try parseView(payload, nameKey: "name", typespace: typespace).view)
                viewPaths.append(payload.path)
            default:
                continue
            }
        }
        return (procedures, paths, views, viewPaths)
    }
}
