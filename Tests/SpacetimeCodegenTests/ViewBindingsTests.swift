import Testing

@testable import SpacetimeCodegen

/// Public views without parameters become read-only table handles over their row type, listed with the
/// tables in `RemoteTables` and the module descriptor; the rest is left out with a note.
@Suite("View bindings")
struct ViewBindingsTests {
    typealias F = ViewFixtures
    static let options = GeneratorOptions(schemaSource: "test.json", moduleName: "test")

    static func files(_ json: String) throws -> [String: String] {
        try generatedFiles(Array(json.utf8), options: options)
    }

    @Test("rich V9: my_player is a handle over Player rows, without a key, listed among the tables")
    func richModel() throws {
        let model = try BindingsModel.build(try ModuleSchema.parseV9(json: FixturePaths.fixture("rich.schema-v9.json")))
        let player = try #require(model.types.first { $0.swiftName == "Player" })
        guard case .product(let columns) = player.shape else {
            Issue.record("Player is not a struct")
            return
        }
        #expect(
            model.views == [
                TableBinding(
                    name: "my_player", swiftName: "myPlayer", typeBase: "MyPlayer", rowType: "Player", columns: columns,
                    primaryKey: nil, uniqueColumns: [], view: TableBinding.ViewInfo(returnShape: .vec, isAnonymous: false)),
            ])
        #expect(model.skippedViews.isEmpty)
        #expect(!model.tables.contains { $0.name == "my_player" })
        #expect(
            model.tableHandles.map(\.name) == ["account", "event_log", "my_player", "odd_names", "player", "scheduled_job", "tree"])
        #expect(player.tables == ["player"])
        #expect(player.views == ["my_player"])
        // The key is the player table's; the view adds none.
        #expect(player.primaryKeys == ["id"])
    }

    @Test("rich V9: the handle file, RemoteTables member, descriptor entry and row summary")
    func richFiles() throws {
        let files = try Self.files(String(decoding: try FixturePaths.fixture("rich.schema-v9.json"), as: UTF8.self))
        let handle = try #require(files["MyPlayerTableHandle.swift"])
        #expect(handle.contains("public struct MyPlayerTableHandle: TableHandleProtocol, Sequence {"))
        #expect(handle.contains("/// The cached rows of view `my_player` (`Vec<Player>`, each subscriber's own; no primary key)"))
        #expect(handle.contains("    public static let tableName = \"my_player\"\n"))
        #expect(handle.contains("    public static let descriptor = TableDescriptor<Player>(name: tableName)\n"))
        #expect(handle.contains("let handle: TableHandle<Player>"))
        for member in ["public var count: Int", "public func iter() -> [Player]", "public func onInsert(", "public func onDelete("] {
            #expect(handle.contains(member), "missing \(member)")
        }
        #expect(!handle.contains("onUpdate"))
        #expect(!handle.contains("UniqueIndexHandle"))
        let tables = try #require(files["RemoteTables.swift"])
        #expect(tables.contains(
            "    /// View `my_player` (read-only).\n"
                + "    public var myPlayer: MyPlayerTableHandle { MyPlayerTableHandle(connection: connection) }\n"))
        let module = try #require(files["Test.swift"])
        #expect(module.contains(
            "            AnyTableDescriptor(EventLogTableHandle.descriptor),\n"
                + "            AnyTableDescriptor(MyPlayerTableHandle.descriptor),\n"
                + "            AnyTableDescriptor(OddNamesTableHandle.descriptor),\n"))
        #expect(!module.contains("// Left out: view"))
        #expect(try #require(files["Player.swift"]).contains("/// A row of test's `player` table and `my_player` view: `id u64` (primary key)"))
        // Player rows already conform to TableRow for the table: one conformance file.
        #expect(files.keys.filter { $0.hasSuffix("+TableRow.swift") }.sorted().contains("Player+TableRow.swift"))
    }

    @Test("rich V10 generates the same view files as V9")
    func richV10() throws {
        let v9 = try Self.files(String(decoding: try FixturePaths.fixture("rich.schema-v9.json"), as: UTF8.self))
        let v10 = try Self.files(String(decoding: try FixturePaths.fixture("rich.schema-v10.json"), as: UTF8.self))
        let header = { (text: String?) in text?.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2) }
        #expect(v10["MyPlayerTableHandle.swift"] != nil)
        #expect(header(v10["MyPlayerTableHandle.swift"]) == header(v9["MyPlayerTableHandle.swift"]))
        #expect(header(v10["RemoteTables.swift"]) == header(v9["RemoteTables.swift"]))
    }

    @Test("private views and views with parameters are left out with a note; the rest is generated")
    func skipped() throws {
        let document = F.v9(misc: [
            F.v9ViewOf("hidden", isPublic: false),
            F.v9ViewOf("by_name", params: #"[{"name":{"some":"name"},"algebraic_type":{"String":[]}}]"#),
            F.v9ViewOf("all_rows", isAnonymous: true),
        ])
        let model = try BindingsModel.build(try ModuleSchema.parseV9(json: document))
        #expect(model.views.map(\.name) == ["all_rows"])
        #expect(model.skippedViews == [
            SkippedItem(name: "by_name", reason: "view with parameters: a subscription query cannot pass them"),
            SkippedItem(name: "hidden", reason: "private view: clients cannot subscribe to it"),
        ])
        let files = try Self.files(document)
        let module = try #require(files["Test.swift"])
        #expect(module.contains(
            "// Left out: view `by_name`, view with parameters: a subscription query cannot pass them.\n"
                + "// Left out: view `hidden`, private view: clients cannot subscribe to it.\n"))
        #expect(files["HiddenTableHandle.swift"] == nil)
        #expect(files["ByNameTableHandle.swift"] == nil)
        let handle = try #require(files["AllRowsTableHandle.swift"])
        #expect(handle.contains("(`Vec<Row>`, the same for every subscriber; no primary key)"))
        // Row's only owner is a view: it is still a row type, with its TableRow conformance.
        #expect(files["Row+TableRow.swift"] == "\(Self.header)extension Row: TableRow {}\n")
        #expect(try #require(files["Row.swift"]).contains("/// A row of test's `all_rows` view: `id u64`, `name String` (no primary key)."))
    }

    static let header =
        "// THIS FILE IS GENERATED BY spacetime-generate 1.0. DO NOT EDIT: regenerate it instead.\n"
        + "// Schema: test.json (RawModuleDefV9)\n\nimport SpacetimeDB\n\n"

    @Test("a V10 view with a primary key gets onUpdate and a keyed descriptor, but no find")
    func keyedView() throws {
        let document = F.v10(
            tables: [F.v10Table("rows", primaryKey: "[0]")],
            views: [F.v10ViewOf("top_rows", returnType: F.optionOfRow), F.v10ViewOf("q", returnType: F.queryOfRow)],
            viewPrimaryKeys: "[" + F.primaryKey("top_rows", ["name"]) + "]")
        let model = try BindingsModel.build(try ModuleSchema.parseV10(json: document))
        #expect(model.views.map(\.name) == ["q", "top_rows"])
        #expect(model.views.map { $0.primaryKey?.sourceName } == ["id", "name"])
        #expect(model.views.allSatisfy { $0.uniqueColumns.isEmpty })
        let files = try Self.files(document)
        let top = try #require(files["TopRowsTableHandle.swift"])
        #expect(top.contains("(`Option<Row>`, each subscriber's own; primary key `name`)"))
        #expect(top.contains("/// How the SDK caches the view: rows keyed by bytes, updates paired by `name`."))
        #expect(top.contains(
            "public static let descriptor = TableDescriptor<Row>(\n"
                + "        name: tableName, primaryKey: UniqueIndexDescriptor(name: \"name\", key: { $0.name }))\n"))
        #expect(top.contains("public func onUpdate(_ callback: @escaping @Sendable (EventContext, Row, Row) -> Void)"))
        #expect(!top.contains("UniqueIndexHandle"))
        let query = try #require(files["QTableHandle.swift"])
        #expect(query.contains("(`Query<Row>`, each subscriber's own; primary key `id`)"))
        #expect(query.contains("UniqueIndexDescriptor(name: \"id\", key: { $0.id })"))
        #expect(!query.contains("UniqueIndexHandle"))
        // The table keeps its own find.
        #expect(try #require(files["RowsTableHandle.swift"]).contains("UniqueIndexHandle<Row, UInt64>"))
    }

    /// The path and Swift name of the collision `json` causes, or nil if it generates or fails otherwise.
    static func collision(_ json: String) -> (path: String, swiftName: String, names: [String])? {
        do {
            _ = try BindingsModel.build(try ModuleSchema.parse(json: Array(json.utf8)))
            return nil
        } catch let error as GenerationError {
            guard case .nameCollision(let path, _, let swiftName, let names) = error else { return nil }
            return (path, swiftName, names)
        } catch {
            return nil
        }
    }

    @Test("a view must not take a table's RemoteTables member or handle type, nor a type's name")
    func collisions() {
        let member = Self.collision(F.v9(tables: [F.v9Table("my_rows")], misc: [F.v9ViewOf("myRows")]))
        #expect(member?.path == "$.misc_exports[0].View.name")
        #expect(member?.swiftName == "myRows")
        #expect(member?.names == ["my_rows", "myRows"])

        let twoViews = Self.collision(F.v10(
            views: [F.v10ViewOf("my_rows"), F.v10ViewOf("myRows")],
            explicitNames: #"[{"Function":{"source_name":"myRows","canonical_name":"myRows"}}]"#))
        #expect(twoViews?.path == "$.sections[3].Views[1].source_name")

        let type = Self.collision(F.v9(
            extraTypespace: [#"{"Product":{"elements":[]}}"#],
            types: #"[{"name":{"scope":[],"name":"Row"},"ty":0,"custom_ordering":true},"#
                + #"{"name":{"scope":[],"name":"AllTableHandle"},"ty":1,"custom_ordering":true}]"#,
            misc: [F.v9ViewOf("all")]))
        #expect(type?.swiftName == "AllTableHandle")
        #expect(type?.names == ["AllTableHandle", "all"])

        let stored = Self.collision(F.v9(misc: [F.v9ViewOf("connection")]))
        #expect(stored?.swiftName == "connection")
    }

    @Test("a view whose row type has no name in `types` is an error at its return type")
    func unnamedRowType() {
        #expect {
            try BindingsModel.build(try ModuleSchema.parseV9(json: F.v9(types: "[]", misc: [F.v9ViewOf("v")])))
        } throws: { error in
            guard case .invalidDefinition(let path, let reason) = error as? GenerationError else { return false }
            return path == "$.misc_exports[0].View.return_type" && reason.contains("view \"v\"")
        }
    }

    @Test("output does not depend on the order views come in")
    func deterministic() throws {
        let document = F.v9(
            tables: [F.v9Table("rows", primaryKey: "[0]")],
            misc: [F.v9ViewOf("b_rows"), F.v9ViewOf("a_rows", returnType: F.optionOfRow), F.v9ViewOf("z", isPublic: false)])
        var schema = try ModuleSchema.parseV9(json: document)
        let first = try BindingsGenerator.generate(schema, options: Self.options)
        schema.views.reverse()
        schema.paths.viewEntries.reverse()
        #expect(try BindingsGenerator.generate(schema, options: Self.options) == first)
        let remote = try #require(first.first { $0.name == "RemoteTables.swift" })
        let members = remote.contents.split(separator: "\n").filter { $0.contains("TableHandle {") }.map {
            $0.split(separator: ":")[0].split(separator: " ").last.map(String.init) ?? ""
        }
        #expect(members == ["aRows", "bRows", "rows"])
    }
}
