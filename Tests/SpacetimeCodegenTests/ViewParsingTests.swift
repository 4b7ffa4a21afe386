import Testing

@testable import SpacetimeCodegen

/// Views are read from V9's `misc_exports` and V10's `Views` section into the same ``ViewDefinition``s;
/// V10 also gives views primary keys (`ViewPrimaryKeys`, and query-builder views inherit their table's).
@Suite("View parsing")
struct ViewParsingTests {
    typealias F = ViewFixtures

    /// The rich fixture's `my_player` view, `fn my_player(ctx: &ViewContext) -> Vec<Player>`.
    static let richView = ViewDefinition(
        name: "my_player", isPublic: true, isAnonymous: false, params: [], returnType: .array(.ref(0)), rowTypeRef: 0,
        returnShape: .vec, primaryKey: [])

    @Test("rich V9: the view comes out of misc_exports with its path")
    func richV9() throws {
        let schema = try ModuleSchema.parseV9(json: FixturePaths.fixture("rich.schema-v9.json"))
        #expect(schema.views == [Self.richView])
        #expect(schema.paths.viewEntries == ["$.misc_exports[4].View"])
        #expect(schema.paths.view(0) == "$.misc_exports[4].View")
        #expect(schema.paths.viewNameField == "name")
    }

    @Test("rich V10: source name myPlayer gets its canonical name my_player; the rest is V9's")
    func richV10() throws {
        let schema = try ModuleSchema.parseV10(json: FixturePaths.fixture("rich.schema-v10.json"))
        #expect(schema.views == [Self.richView])
        #expect(schema.paths.viewEntries == ["$.sections[5].Views[0]"])
        #expect(schema.paths.viewNameField == "source_name")
        #expect(!schema.ignoredSections.contains { $0.hasPrefix("Views") })
    }

    @Test("row type and shape of each return type SpacetimeDB accepts, nil for the rest", arguments: [
        (AlgebraicType.array(.ref(3)), 3, ViewDefinition.ReturnShape.vec),
        (.sum([SumVariant(name: "some", type: .ref(2)), SumVariant(name: "none", type: .unit)]), 2, .option),
        (.product([ProductElement(name: "__query__", type: .ref(1))]), 1, .query),
    ])
    func returnShapes(type: AlgebraicType, ref: Int, shape: ViewDefinition.ReturnShape) {
        let found = ViewDefinition.rowType(of: type)
        #expect(found?.ref == ref)
        #expect(found?.shape == shape)
    }

    @Test("return types that are not Vec, Option or Query of a ref have no row type", arguments: [
        AlgebraicType.ref(0), .array(.u8), .array(.array(.ref(0))),
        .sum([SumVariant(name: "some", type: .u8), SumVariant(name: "none", type: .unit)]),
        .sum([SumVariant(name: "none", type: .unit), SumVariant(name: "some", type: .ref(0))]),
        .product([ProductElement(name: "__querie__", type: .ref(0))]),
        .product([ProductElement(name: "__query__", type: .ref(0)), ProductElement(name: "x", type: .u8)]),
    ])
    func notViewReturns(type: AlgebraicType) {
        #expect(ViewDefinition.rowType(of: type) == nil)
    }

    @Test("V9 reads visibility, anonymity, parameters and each return shape")
    func v9Fields() throws {
        let schema = try ModuleSchema.parseV9(json: F.v9(misc: [
            F.v9ViewOf("all_rows", isAnonymous: true, returnType: F.vecOfRow),
            F.v9ViewOf("one_row", isPublic: false, returnType: F.optionOfRow),
            F.v9ViewOf("by_name", params: #"[{"name":{"some":"name"},"algebraic_type":{"String":[]}}]"#,
                returnType: F.queryOfRow),
        ]))
        #expect(schema.views.map(\.name) == ["all_rows", "one_row", "by_name"])
        #expect(schema.views.map(\.isAnonymous) == [true, false, false])
        #expect(schema.views.map(\.isPublic) == [true, false, true])
        #expect(schema.views.map(\.returnShape) == [.vec, .option, .query])
        #expect(schema.views.map(\.rowTypeRef) == [0, 0, 0])
        #expect(schema.views[2].params == [ProductElement(name: "name", type: .string)])
        // V9 never gives a view a key, even a query view over a table that has one.
        #expect(schema.views.allSatisfy { $0.primaryKey.isEmpty })
        #expect(schema.paths.viewEntries == ["$.misc_exports[0].View", "$.misc_exports[1].View", "$.misc_exports[2].View"])
        #expect(schema.miscExportCount == 3)
    }

    @Test("V9: a query view over a keyed table still has no key (only V10 schemas give views keys)")
    func v9QueryViewHasNoKey() throws {
        let schema = try ModuleSchema.parseV9(
            json: F.v9(tables: [F.v9Table("rows", primaryKey: "[0]")], misc: [F.v9ViewOf("q", returnType: F.queryOfRow)]))
        #expect(schema.views.first?.primaryKey == [])
    }

    @Test("malformed views are refused with the path of the problem", arguments: [
        (F.v9(misc: [F.v9ViewOf("v", returnType: #"{"Ref":0}"#)]), "$.misc_exports[0].View.return_type"),
        (F.v9(misc: [F.v9ViewOf("v", returnType: #"{"Array":{"U64":[]}}"#)]), "$.misc_exports[0].View.return_type"),
        (F.v9(extraTypespace: [#"{"U64":[]}"#], misc: [F.v9ViewOf("v", returnType: #"{"Array":{"Ref":1}}"#)]),
         "$.misc_exports[0].View.return_type"),
        (F.v9(misc: [F.v9ViewOf("v", returnType: #"{"Array":{"Ref":9}}"#)]), "$.misc_exports[0].View.return_type.Array.Ref"),
        (F.v9(misc: [#"{"View":{"name":"v"}}"#]), "$.misc_exports[0].View"),
        (F.v10(views: [F.v10ViewOf("v", returnType: #"{"String":[]}"#)]), "$.sections[3].Views[0].return_type"),
    ])
    func malformed(document: String, path: String) {
        #expect {
            try ModuleSchema.parse(json: Array(document.utf8))
        } throws: { error in
            (error as? SchemaError)?.path == path
        }
    }

    @Test("V10: ViewPrimaryKeys gives a procedural view its key, matched by source name and column name")
    func v10PrimaryKeys() throws {
        let schema = try ModuleSchema.parseV10(json: F.v10(
            views: [F.v10ViewOf("topRows"), F.v10ViewOf("plain"), F.v10ViewOf("empty_key")],
            viewPrimaryKeys: "[" + F.primaryKey("topRows", ["name"]) + "," + F.primaryKey("empty_key", []) + "]",
            explicitNames: #"[{"Function":{"source_name":"topRows","canonical_name":"top_rows"}}]"#))
        #expect(schema.views.map(\.name) == ["top_rows", "plain", "empty_key"])
        #expect(schema.views.map(\.primaryKey) == [[1], [], []])
        #expect(schema.ignoredSections.isEmpty)
    }

    @Test("V10: ViewPrimaryKeys entries SpacetimeDB would refuse are refused", arguments: [
        ("[" + F.primaryKey("v", ["id"]) + "," + F.primaryKey("v", ["name"]) + "]", "$.sections[4].ViewPrimaryKeys[1].view_source_name"),
        ("[" + F.primaryKey("v", ["id", "name"]) + "]", "$.sections[4].ViewPrimaryKeys[0].columns"),
        ("[" + F.primaryKey("w", ["id"]) + "]", "$.sections[4].ViewPrimaryKeys[0].view_source_name"),
        ("[" + F.primaryKey("v", ["nope"]) + "]", "$.sections[4].ViewPrimaryKeys[0].columns[0]"),
    ])
    func v10PrimaryKeyErrors(section: String, path: String) {
        #expect {
            try ModuleSchema.parseV10(json: F.v10(views: [F.v10ViewOf("v")], viewPrimaryKeys: section))
        } throws: { error in
            (error as? SchemaError)?.path == path
        }
    }

    @Test("V10: a query view inherits the primary key of the tables returning its rows, when they agree")
    func v10QueryViewKeys() throws {
        let one = try ModuleSchema.parseV10(json: F.v10(
            tables: [F.v10Table("rows", primaryKey: "[1]"), F.v10Table("unkeyed")],
            views: [F.v10ViewOf("q", returnType: F.queryOfRow), F.v10ViewOf("p", returnType: F.vecOfRow)]))
        // The procedural view gets no key from the table: only ViewPrimaryKeys could give it one.
        #expect(one.views.map(\.primaryKey) == [[1], []])

        let ambiguous = try ModuleSchema.parseV10(json: F.v10(
            tables: [F.v10Table("rows", primaryKey: "[0]"), F.v10Table("others", primaryKey: "[1]")],
            views: [F.v10ViewOf("q", returnType: F.queryOfRow)]))
        #expect(ambiguous.views.first?.primaryKey == [])

        let declared = try ModuleSchema.parseV10(json: F.v10(
            tables: [F.v10Table("rows", primaryKey: "[0]")], views: [F.v10ViewOf("q", returnType: F.queryOfRow)],
            viewPrimaryKeys: "[" + F.primaryKey("q", ["name"]) + "]"))
        #expect(declared.views.first?.primaryKey == [1])
    }

    @Test("V10: a view name the snake_case policy would change needs an ExplicitNames entry")
    func v10CanonicalName() {
        #expect {
            try ModuleSchema.parseV10(json: F.v10(views: [F.v10ViewOf("myRows")]))
        } throws: { error in
            guard case .invalidValue(let path, let reason) = error as? SchemaError else { return false }
            return path == "$.sections[3].Views[0].source_name" && reason.hasPrefix("view \"myRows\"")
        }
    }
}
