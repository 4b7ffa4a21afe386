/// Turns a module schema into Swift source files: one per named type and per reducer's and procedure's
/// arguments, a table handle per public table and view, `RemoteTables`, `RemoteReducers`, `Reducer`,
/// `RemoteProcedures` (only for a module with callable procedures), the `TableRow` conformances and the
/// module file. Output is deterministic: the same schema and options give the
/// same bytes, whatever the order of tables, reducers and types in the schema.
public enum BindingsGenerator {
    /// Generates every file, sorted by name.
    public static func generate(_ schema: ModuleSchema, options: GeneratorOptions) throws(GenerationError) -> [GeneratedFile] {
        let model = try BindingsModel.build(schema)
        guard let moduleName = SwiftNaming.typeName(options.moduleName) else {
            throw .unconvertibleName(path: "--module-name", name: options.moduleName)
        }
        var reserved = ClientAPIEmitter.reservedNames(moduleName: moduleName)
        if !model.procedures.isEmpty { reserved.insert("RemoteProcedures") }
        if let clash = model.types.first(where: { reserved.contains($0.swiftName) }) {
            let argumentsPath = clash.isProcedureArguments ? schema.paths.procedures : schema.paths.reducers
            throw .nameCollision(
                path: clash.ref >= 0 ? schema.paths.typespaceEntry(clash.ref) : argumentsPath,
                scope: "the generated module",
                swiftName: clash.swiftName, names: [clash.sourceName, "the generated client API type \(clash.swiftName)"])
        }
        var files = model.types.map { TypeEmitter.file(for: $0, options: options) }
        let rowTypes = Set(model.tableHandles.map(\.rowType)).sorted()
        files += rowTypes.map { ClientAPIEmitter.tableRowFile(rowType: $0, options: options) }
        files += model.tableHandles.map { ClientAPIEmitter.tableHandleFile($0, options: options) }
        files.append(ClientAPIEmitter.remoteTablesFile(model, options: options))
        files.append(ClientAPIEmitter.remoteReducersFile(model, options: options))
        files.append(ClientAPIEmitter.reducerEnumFile(model, options: options))
        if !model.procedures.isEmpty { files.append(ClientAPIEmitter.remoteProceduresFile(model, options: options)) }
        files.append(ClientAPIEmitter.moduleFile(model, moduleName: moduleName, options: options))
        let sorted = files.sorted { $0.name < $1.name }
        // File names come from checked Swift names, but a module file named like a type would overwrite it.
        for (previous, next) in zip(sorted, sorted.dropFirst()) where previous.name == next.name {
            throw .nameCollision(
                path: "--module-name", scope: "the output directory", swiftName: next.name,
                names: [options.moduleName, next.name])
        }
        return sorted
    }

    /// Parses `RawModuleDefV9` or `RawModuleDefV10` JSON (told apart by its fields) and generates from it.
    ///
    /// With `version`, a document of the other layout is refused rather than read.
    public static func generate(
        schemaJSON: [UInt8], options: GeneratorOptions, version: SchemaVersion? = nil
    ) throws(GeneratorError) -> [GeneratedFile] {
        let schema: ModuleSchema
        do {
            schema = try ModuleSchema.parse(json: schemaJSON, expecting: version)
        } catch {
            throw .schema(error)
        }
        do {
            return try generate(schema, options: options)
        } catch {
            throw .generation(error)
        }
    }
}
