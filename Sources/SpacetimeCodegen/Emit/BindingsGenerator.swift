/// Turns a module schema into Swift source files: one per named type, one per reducer's arguments,
/// and an index file. Output is deterministic: the same schema and options give the same bytes.
public enum BindingsGenerator {
    /// Generates every file, sorted by name.
    public static func generate(_ schema: ModuleSchema, options: GeneratorOptions) throws(GenerationError) -> [GeneratedFile] {
        let model = try BindingsModel.build(schema)
        guard let moduleName = SwiftNaming.typeName(options.moduleName) else {
            throw .unconvertibleName(path: "--module-name", name: options.moduleName)
        }
        if let clash = model.types.first(where: { $0.swiftName == moduleName }) {
            throw .nameCollision(
                path: "--module-name", scope: "the generated module", swiftName: moduleName,
                names: [clash.sourceName, "the index type \(options.moduleName)"])
        }
        var files = model.types.map { TypeEmitter.file(for: $0, options: options) }
        files.append(IndexEmitter.file(for: model, moduleName: moduleName, options: options))
        return files.sorted { $0.name < $1.name }
    }

    /// Parses `RawModuleDefV9` JSON and generates from it.
    public static func generate(schemaJSON: [UInt8], options: GeneratorOptions) throws(GeneratorError) -> [GeneratedFile] {
        let schema: ModuleSchema
        do {
            schema = try ModuleSchema.parseV9(json: schemaJSON)
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
