/// Writes the client API around the types, in the shape of the hand-written QuickstartChat bindings:
/// a table handle per public table and view, `RemoteTables` (`conn.db`), `RemoteReducers` (`conn.reducers`),
/// the `Reducer` enum of decoded calls, `RemoteProcedures` (`conn.procedures`) when the module has
/// callable procedures, `TableRow` conformances and the module file with its descriptor and
/// `DbConnection.builder()`.
enum ClientAPIEmitter {
    /// Names the client API declares at module level; generated types must not take them.
    static func reservedNames(moduleName: String) -> Set<String> {
        ["RemoteTables", "RemoteReducers", "Reducer", moduleName + "Module"]
    }

    /// Members every table handle has; a unique column accessor must not take one of these names.
    static let tableHandleMembers: Set<String> = [
        "tableName", "descriptor", "handle", "count", "iter", "makeIterator", "onInsert", "onDelete", "onUpdate",
        "removeCallback",
    ]

    static func code(_ text: String) -> String { TypeEmitter.code(text) }
    static func literal(_ text: String) -> String { TypeEmitter.stringLiteral(text) }
    static func escaped(_ name: String) -> String { SwiftNaming.escaped(name) }
    /// An argument label, in a declaration or at a call site: keywords need no backticks there (Swift
    /// warns about them at call sites).
    static func label(_ name: String) -> String { SwiftNaming.parameterName(name) }

    /// The pieces of a generated method that forwards its parameters to an arguments struct: the
    /// parameter list, the struct's initializer arguments, and how to reach the stored connection.
    struct ForwardingCall {
        var parameters: [String]
        var arguments: [String]
        var receiver: String

        init(_ params: [TypeDeclaration.Field]) {
            parameters = params.map { "\(label($0.swiftName)): \($0.type.spelling)" }
            arguments = params.map { "\(label($0.swiftName)): \(escaped($0.swiftName))" }
            // A parameter named `connection` would shadow the stored property.
            receiver = params.contains { $0.swiftName == "connection" } ? "self.connection" : "connection"
        }
    }

    /// `UserTableHandle` for table `user`.
    static func handleType(_ table: TableBinding) -> String { table.typeBase + "TableHandle" }

    static func header(_ options: GeneratorOptions) -> SwiftSourceWriter {
        var writer = SwiftSourceWriter()
        FileHeader.write(into: &writer, options: options)
        return writer
    }

    /// `extension Row: TableRow {}`, once per row type.
    static func tableRowFile(rowType: String, options: GeneratorOptions) -> GeneratedFile {
        var writer = header(options)
        writer.line("extension \(rowType): TableRow {}")
        return GeneratedFile(name: rowType + "+TableRow.swift", contents: writer.text)
    }

    /// `table` or `view`, for doc comments.
    static func noun(_ table: TableBinding) -> String { table.view == nil ? "table" : "view" }

    static func tableHandleFile(_ table: TableBinding, options: GeneratorOptions) -> GeneratedFile {
        var writer = header(options)
        let row = table.rowType
        let keyNote = table.primaryKey.map { "primary key \(code($0.sourceName))" } ?? "no primary key"
        if let view = table.view {
            let rows = view.isAnonymous ? "the same for every subscriber" : "each subscriber's own"
            writer.line(
                "/// The cached rows of view \(code(table.name)) (\(code("\(view.returnShape.rawValue)<\(row)>")), "
                    + "\(rows); \(keyNote)) and their callbacks: `conn.db.\(table.swiftName)`.")
            writer.line(
                "/// Read-only: the server computes the rows; `SELECT * FROM \(table.name)` subscribes to them "
                    + "and they arrive under that name.")
        } else {
            writer.line(
                "/// The cached rows of table \(code(table.name)) (\(keyNote)) and their callbacks: "
                    + "`conn.db.\(table.swiftName)`.")
        }
        writer.block("public struct \(handleType(table)): TableHandleProtocol, Sequence {") { writer in
            writer.line(
                table.view == nil
                    ? "/// The table's name on the server." : "/// The view's name on the server, under which its rows arrive.")
            writer.line("public static let tableName = \(literal(table.name))")
            writeDescriptor(table, into: &writer)
            writer.line()
            writer.line("/// The SDK's generic handle for this \(noun(table)) (``TableHandleProtocol``).")
            writer.line("public let handle: TableHandle<\(row)>")
            writer.line()
            writer.line("/// The handle for `connection`'s cache.")
            writer.block("public init(connection: DbConnection) {") { writer in
                writer.line("handle = TableHandle(connection: connection, name: Self.tableName)")
            }
            writer.line()
            writer.line("/// The number of cached rows.")
            writer.line("public var count: Int { handle.count }")
            writer.line("/// A snapshot of the cached rows.")
            writer.line("public func iter() -> [\(row)] { handle.iter() }")
            writer.line("/// Iterates a snapshot of the cached rows.")
            writer.line("public func makeIterator() -> IndexingIterator<[\(row)]> { handle.makeIterator() }")
            writer.line()
            writer.line("/// Runs for every row that enters the cache.")
            writer.line("@discardableResult")
            writer.line(
                "public func onInsert(_ callback: @escaping @Sendable (EventContext, \(row)) -> Void) -> CallbackId "
                    + "{ handle.onInsert(callback) }")
            writer.line("/// Runs for every row that leaves the cache.")
            writer.line("@discardableResult")
            writer.line(
                "public func onDelete(_ callback: @escaping @Sendable (EventContext, \(row)) -> Void) -> CallbackId "
                    + "{ handle.onDelete(callback) }")
            if let primaryKey = table.primaryKey {
                writer.line(
                    "/// Runs when a row is replaced by one with the same \(code(primaryKey.sourceName)): old row, new row.")
                writer.line("@discardableResult")
                writer.block(
                    "public func onUpdate(_ callback: @escaping @Sendable (EventContext, \(row), \(row)) -> Void) -> CallbackId {"
                ) { writer in
                    writer.line("handle.onUpdate(callback)")
                }
            }
            writer.line("/// Removes a callback registered on this \(noun(table)).")
            writer.line("public func removeCallback(_ id: CallbackId) { handle.removeCallback(id) }")
            for column in table.uniqueColumns {
                writer.line()
                writer.line(
                    "/// The unique \(code(column.sourceName)) column: "
                        + "`conn.db.\(table.swiftName).\(column.swiftName).find(value)`.")
                let key = column.type.spelling
                writer.line(
                    "public var \(escaped(column.swiftName)): UniqueIndexHandle<\(row), \(key)> "
                        + "{ handle.unique(\(literal(column.sourceName)), as: \(column.type.metatypeSpelling).self) }")
            }
        }
        return GeneratedFile(name: handleType(table) + ".swift", contents: writer.text)
    }

    static func indexDescriptor(_ column: TypeDeclaration.Field) -> String {
        "UniqueIndexDescriptor(name: \(literal(column.sourceName)), key: { $0.\(escaped(column.swiftName)) })"
    }

    static func writeDescriptor(_ table: TableBinding, into writer: inout SwiftSourceWriter) {
        let others = table.uniqueColumns.filter { $0.sourceName != table.primaryKey?.sourceName }
        let declaration = "public static let descriptor = TableDescriptor<\(table.rowType)>("
        let noun = noun(table)
        if let primaryKey = table.primaryKey {
            writer.line(
                "/// How the SDK caches the \(noun): rows keyed by bytes, updates paired by \(code(primaryKey.sourceName)).")
            let pk = "name: tableName, primaryKey: \(indexDescriptor(primaryKey))"
            if others.isEmpty {
                writer.block(declaration, closing: "") { writer in writer.line(pk + ")") }
                writer.removeTrailingEmptyLine()
            } else {
                writer.block(declaration, closing: "") { writer in
                    writer.line(pk + ",")
                    writeUniqueIndexes(others, into: &writer)
                }
                writer.removeTrailingEmptyLine()
            }
        } else if others.isEmpty {
            writer.line("/// How the SDK caches the \(noun): rows keyed by bytes, no primary key.")
            writer.line(declaration + "name: tableName)")
        } else {
            writer.line("/// How the SDK caches the table: rows keyed by bytes, no primary key; unique columns for `find`.")
            writer.block(declaration, closing: "") { writer in
                writer.line("name: tableName,")
                writeUniqueIndexes(others, into: &writer)
            }
            writer.removeTrailingEmptyLine()
        }
    }

    static func writeUniqueIndexes(_ columns: [TypeDeclaration.Field], into writer: inout SwiftSourceWriter) {
        writer.block("uniqueIndexes: [", closing: "])") { writer in
            for column in columns { writer.line(indexDescriptor(column) + ",") }
        }
    }

    static func remoteTablesFile(_ model: BindingsModel, options: GeneratorOptions) -> GeneratedFile {
        var writer = header(options)
        writer.line("/// The module's tables in the client cache: `conn.db` / `ctx.db`.")
        writer.block("public struct RemoteTables: Sendable {") { writer in
            writer.line("let connection: DbConnection")
            if !model.tableHandles.isEmpty { writer.line() }
            for table in model.tableHandles {
                writer.line(table.view == nil ? "/// Table \(code(table.name))." : "/// View \(code(table.name)) (read-only).")
                writer.line(
                    "public var \(escaped(table.swiftName)): \(handleType(table)) "
                        + "{ \(handleType(table))(connection: connection) }")
            }
        }
        writer.line()
        writer.block("extension DbContext {") { writer in
            writer.line("/// The module's tables in the client cache.")
            writer.line("public var db: RemoteTables { RemoteTables(connection: connection) }")
        }
        return GeneratedFile(name: "RemoteTables.swift", contents: writer.text)
    }

    /// `set_name(name)` for doc comments.
    static func signature(_ reducer: ReducerBinding) -> String { signature(reducer.name, reducer.params) }

    /// `fetch_scores(since)` for doc comments.
    static func signature(_ procedure: ProcedureBinding) -> String { signature(procedure.name, procedure.params) }

    private static func signature(_ name: String, _ params: [TypeDeclaration.Field]) -> String {
        "\(name)(\(params.map(\.sourceName).joined(separator: ", ")))"
    }

    /// `guard let args = …` (or a plain check when there are no parameters) for decoding an event's arguments.
    static func decodeArgs(_ reducer: ReducerBinding, failure: String) -> String {
        reducer.params.isEmpty
            ? "guard (try? \(reducer.argsType)(bsatnBytes: event.args)) != nil else { \(failure) }"
            : "guard let args = try? \(reducer.argsType)(bsatnBytes: event.args) else { \(failure) }"
    }

    static func remoteReducersFile(_ model: BindingsModel, options: GeneratorOptions) -> GeneratedFile {
        var writer = header(options)
        writer.line("/// The module's reducers: calls with per-call results, and reducer-event callbacks (`conn.reducers`).")
        writer.block("public struct RemoteReducers: Sendable {") { writer in
            writer.line("let connection: DbConnection")
            for reducer in model.reducers {
                let call = ForwardingCall(reducer.params)
                writer.line()
                writer.line(
                    "/// Calls \(code(signature(reducer))); `then` receives this call's outcome, as does `await` on the result's `outcome`.")
                let signature =
                    (call.parameters + ["then: (@Sendable (EventContext, ReducerStatus) -> Void)? = nil"]).joined(separator: ", ")
                writer.line("@discardableResult")
                writer.block("public func \(escaped(reducer.swiftName))(\(signature)) -> ReducerCall {") { writer in
                    writer.line(
                        "\(call.receiver).callReducer(\(literal(reducer.name)), args: "
                            + "\(reducer.argsType)(\(call.arguments.joined(separator: ", "))), then: then)")
                }
            }
            for reducer in model.reducers {
                let callbackTypes = (["EventContext"] + reducer.params.map(\.type.spelling)).joined(separator: ", ")
                let callbackArguments =
                    (["context"] + reducer.params.map { "args.\(escaped($0.swiftName))" }).joined(separator: ", ")
                writer.line()
                writer.line(
                    "/// Runs for every \(code(reducer.name)) event: own calls (committed or not), and other clients' on v1.")
                writer.line("@discardableResult")
                writer.block(
                    "public func on\(reducer.typeBase)(_ callback: @escaping @Sendable (\(callbackTypes)) -> Void) -> CallbackId {"
                ) { writer in
                    writer.block("connection.onReducer(\(literal(reducer.name))) { context, event in") { writer in
                        writer.line(decodeArgs(reducer, failure: "return"))
                        writer.line("callback(\(callbackArguments))")
                    }
                }
            }
            writer.line()
            writer.line("/// Removes a reducer callback.")
            writer.line("public func removeCallback(_ id: CallbackId) { connection.removeOnReducer(id) }")
        }
        writer.line()
        writer.block("extension DbContext {") { writer in
            writer.line("/// The module's reducers.")
            writer.line("public var reducers: RemoteReducers { RemoteReducers(connection: connection) }")
        }
        return GeneratedFile(name: "RemoteReducers.swift", contents: writer.text)
    }

    static func remoteProceduresFile(_ model: BindingsModel, options: GeneratorOptions) -> GeneratedFile {
        var writer = header(options)
        writer.line("/// The module's procedures: calls whose completion receives the decoded return value (`conn.procedures`).")
        writer.block("public struct RemoteProcedures: Sendable {") { writer in
            writer.line("let connection: DbConnection")
            for procedure in model.procedures {
                let call = ForwardingCall(procedure.params)
                let returnType = procedure.returnType
                let completion =
                    "_ completion: @escaping @Sendable (DbConnection, Result<\(returnType.spelling), ProcedureError>) -> Void"
                writer.line()
                writer.line(
                    "/// Calls \(code(signature(procedure))); `completion` receives its \(code(returnType.satsSpelling)) "
                        + "return value, or why there is none.")
                writer.block("public func \(escaped(procedure.swiftName))(\((call.parameters + [completion]).joined(separator: ", "))) {") {
                    writer in
                    writer.line(
                        "\(call.receiver).callProcedure(\(literal(procedure.name)), args: "
                            + "\(procedure.argsType)(\(call.arguments.joined(separator: ", "))).bsatnBytes(), "
                            + "returning: \(returnType.metatypeSpelling).self, completion: completion)")
                }
            }
        }
        writer.line()
        writer.block("extension DbContext {") { writer in
            writer.line("/// The module's procedures.")
            writer.line("public var procedures: RemoteProcedures { RemoteProcedures(connection: connection) }")
        }
        return GeneratedFile(name: "RemoteProcedures.swift", contents: writer.text)
    }

    static func reducerEnumFile(_ model: BindingsModel, options: GeneratorOptions) -> GeneratedFile {
        var writer = header(options)
        writer.line("/// A \(options.displayName) reducer call with its decoded arguments, read from a ``ReducerEvent``.")
        writer.block("public enum Reducer: Sendable, Hashable {") { writer in
            for reducer in model.reducers {
                writer.line("/// \(code(signature(reducer))).")
                let labels = reducer.params.map { "\(escaped($0.swiftName)): \($0.type.spelling)" }
                writer.line("case \(escaped(reducer.swiftName))" + (labels.isEmpty ? "" : "(\(labels.joined(separator: ", ")))"))
            }
            if !model.reducers.isEmpty { writer.line() }
            writer.line("/// The call an event describes; nil for other reducers or arguments that do not decode (v2 sends none).")
            writer.block("public init?(_ event: ReducerEvent) {") { writer in
                writer.line("switch event.reducerName {")
                for reducer in model.reducers {
                    writer.line("case \(literal(reducer.name)):")
                    writer.indented { writer in
                        writer.line(decodeArgs(reducer, failure: "return nil"))
                        let arguments = reducer.params.map { "\(label($0.swiftName)): args.\(escaped($0.swiftName))" }
                        writer.line(
                            "self = .\(escaped(reducer.swiftName))"
                                + (arguments.isEmpty ? "" : "(\(arguments.joined(separator: ", ")))"))
                    }
                }
                writer.line("default:")
                writer.indented { writer in writer.line("return nil") }
                writer.line("}")
            }
        }
        return GeneratedFile(name: "Reducer.swift", contents: writer.text)
    }

    static func moduleFile(_ model: BindingsModel, moduleName: String, options: GeneratorOptions) -> GeneratedFile {
        var writer = header(options)
        for item in model.skippedTables {
            writer.line("// Left out: table \(code(item.name)), \(item.reason).")
        }
        for item in model.skippedReducers {
            writer.line("// Left out: reducer \(code(item.name)), \(item.reason).")
        }
        for item in model.skippedProcedures {
            writer.line("// Left out: procedure \(code(item.name)), \(item.reason).")
        }
        for item in model.skippedViews {
            writer.line("// Left out: view \(code(item.name)), \(item.reason).")
        }
        let skipped = [model.skippedTables, model.skippedReducers, model.skippedProcedures, model.skippedViews]
        if skipped.contains(where: { !$0.isEmpty }) { writer.line() }
        writer.line("/// The \(options.displayName) module as the SDK core sees it: its tables, so rows decode by table name.")
        writer.block("public enum \(moduleName)Module {") { writer in
            writer.line("/// Tables and reducers of \(options.displayName).")
            writer.block("public static let descriptor = ModuleDescriptor(", closing: "") { writer in
                writer.block("tables: [", closing: "],") { writer in
                    for table in model.tableHandles { writer.line("AnyTableDescriptor(\(handleType(table)).descriptor),") }
                }
                let names = model.reducers.map { literal($0.name) }
                let oneLine = "reducerNames: [\(names.joined(separator: ", "))])"
                if oneLine.count <= 100 {
                    writer.line(oneLine)
                } else {
                    writer.block("reducerNames: [", closing: "])") { writer in
                        for name in names { writer.line(name + ",") }
                    }
                }
            }
            writer.removeTrailingEmptyLine()
        }
        writer.line()
        writer.block("extension DbConnection {") { writer in
            writer.line("/// A connection builder for the \(options.displayName) module.")
            writer.block("public static func builder() -> DbConnectionBuilder {") { writer in
                writer.line("DbConnectionBuilder(module: \(moduleName)Module.descriptor)")
            }
        }
        return GeneratedFile(name: moduleName + ".swift", contents: writer.text)
    }
}
