/// Small hand-written schema documents with views, for the view tests. Ref 0 is the product
/// `Row { id: u64, name: String }`, named `Row` unless told otherwise.
enum ViewFixtures {
    static let rowType = #"{"Product":{"elements":[{"name":{"some":"id"},"algebraic_type":{"U64":[]}},"#
        + #"{"name":{"some":"name"},"algebraic_type":{"String":[]}}]}}"#

    /// A `RawModuleDefV9` with `Row` at ref 0 (plus `extraTypespace`), the given tables and misc exports.
    static func v9(
        extraTypespace: [String] = [], types: String = #"[{"name":{"scope":[],"name":"Row"},"ty":0,"custom_ordering":true}]"#,
        tables: [String] = [], misc: [String]
    ) -> String {
        #"{"typespace":{"types":["# + ([rowType] + extraTypespace).joined(separator: ",") + #"]},"tables":["#
            + tables.joined(separator: ",") + #"],"reducers":[],"types":"# + types + #","misc_exports":["#
            + misc.joined(separator: ",") + #"],"row_level_security":[]}"#
    }

    /// A public user `RawTableDefV9` of `Row` with the given primary key columns.
    static func v9Table(_ name: String, primaryKey: String = "[]") -> String {
        #"{"name":""# + name + #"","product_type_ref":0,"primary_key":"# + primaryKey
            + #","indexes":[],"constraints":[],"sequences":[],"schedule":{"none":[]},"table_type":{"User":[]},"#
            + #""table_access":{"Public":[]}}"#
    }

    /// A `RawModuleDefV10` with `Row` at ref 0, the given tables, views, view primary keys (JSON array
    /// text, or nil for no section) and explicit names.
    static func v10(
        tables: [String] = [], views: [String], viewPrimaryKeys: String? = nil, explicitNames: String = "[]"
    ) -> String {
        var sections = [
            #"{"Typespace":{"types":["# + rowType + "]}}",
            #"{"Types":[{"source_name":{"scope":[],"source_name":"Row"},"ty":0,"custom_ordering":true}]}"#,
            #"{"Tables":["# + tables.joined(separator: ",") + "]}",
            #"{"Views":["# + views.joined(separator: ",") + "]}",
        ]
        if let viewPrimaryKeys { sections.append(#"{"ViewPrimaryKeys":"# + viewPrimaryKeys + "}") }
        sections.append(#"{"ExplicitNames":{"entries":"# + explicitNames + "}}")
        return #"{"sections":["# + sections.joined(separator: ",") + "]}"
    }

    /// A public user `RawTableDefV10` of `Row` with the given primary key columns.
    static func v10Table(_ name: String, primaryKey: String = "[]") -> String {
        #"{"source_name":""# + name + #"","product_type_ref":0,"primary_key":"# + primaryKey
            + #","indexes":[],"constraints":[],"sequences":[],"table_type":{"User":[]},"table_access":{"Public":[]},"#
            + #""default_values":[],"is_event":false}"#
    }

    /// A `RawViewPrimaryKeyDefV10`.
    static func primaryKey(_ view: String, _ columns: [String]) -> String {
        #"{"view_source_name":""# + view + #"","columns":["# + columns.map { "\"\($0)\"" }.joined(separator: ",") + "]}"
    }

    /// A `RawMiscModuleExportV9::View` returning `returnType` (`Vec<Row>` unless told).
    static func v9ViewOf(
        _ name: String, isPublic: Bool = true, isAnonymous: Bool = false, params: String = "[]",
        returnType: String = vecOfRow
    ) -> String {
        ProcedureFixtures.v9View(name, isPublic: isPublic, isAnonymous: isAnonymous, params: params, returnType: returnType)
    }

    /// A `RawViewDefV10` returning `returnType` (`Vec<Row>` unless told).
    static func v10ViewOf(
        _ name: String, isPublic: Bool = true, isAnonymous: Bool = false, params: String = "[]",
        returnType: String = vecOfRow
    ) -> String {
        ProcedureFixtures.v10View(name, isPublic: isPublic, isAnonymous: isAnonymous, params: params, returnType: returnType)
    }

    /// `Vec<Row>`, `Option<Row>` and `Query<Row>` as SATS-JSON.
    static let vecOfRow = #"{"Array":{"Ref":0}}"#
    static let optionOfRow = #"{"Sum":{"variants":[{"name":{"some":"some"},"algebraic_type":{"Ref":0}},"#
        + #"{"name":{"some":"none"},"algebraic_type":{"Product":{"elements":[]}}}]}}"#
    static let queryOfRow = #"{"Product":{"elements":[{"name":{"some":"__query__"},"algebraic_type":{"Ref":0}}]}}"#
}
