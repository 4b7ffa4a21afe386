/// Writes the index file: the module's public tables and callable reducers by name, and a note of
/// what was left out (private tables, lifecycle reducers).
enum IndexEmitter {
    static func file(for model: BindingsModel, moduleName: String, options: GeneratorOptions) -> GeneratedFile {
        var writer = SwiftSourceWriter()
        FileHeader.write(into: &writer, options: options)
        for item in model.skippedTables {
            writer.line("// Left out: table \(TypeEmitter.code(item.name)), \(item.reason).")
        }
        for item in model.skippedReducers {
            writer.line("// Left out: reducer \(TypeEmitter.code(item.name)), \(item.reason).")
        }
        if !model.skippedTables.isEmpty || !model.skippedReducers.isEmpty { writer.line() }
        writer.line("/// What the module exposes to clients, as the server names it.")
        writer.block("public enum \(moduleName) {") { writer in
            writer.line("/// The public tables, each with its row type.")
            writer.block("public static let tables: [(name: String, rowType: any BSATNCodable.Type)] = [", closing: "]") {
                writer in
                for table in model.tables {
                    writer.line("(\(TypeEmitter.stringLiteral(table.name)), \(table.rowType).self),")
                }
            }
            writer.line("/// The reducers clients may call, each with its arguments type.")
            writer.block(
                "public static let reducers: [(name: String, argumentsType: any BSATNCodable.Type)] = [", closing: "]"
            ) { writer in
                for reducer in model.reducers {
                    writer.line("(\(TypeEmitter.stringLiteral(reducer.name)), \(reducer.argsType).self),")
                }
            }
        }
        return GeneratedFile(name: moduleName + ".swift", contents: writer.text)
    }
}
