/// How a `RawModuleDefV10` turns the names written in module source (`source_name`) into the canonical
/// names clients and SQL use: an `ExplicitNames` entry wins, otherwise the `CaseConversionPolicy`
/// applies (`resolve_identifier` in `crates/schema/src/def/validate/v9.rs`, used by `validate/v10.rs`).
///
/// The schema endpoint writes an `ExplicitNames` entry for every table, reducer, procedure and view
/// (`From<ModuleDef> for RawModuleDefV10` in `crates/schema/src/def.rs`), so served schemas never need
/// the policy. SpacetimeDB's `SnakeCase` conversion comes from the `convert_case` crate, whose word
/// splitting this generator does not copy; it only accepts names that conversion cannot change.
struct CanonicalNames: Sendable {
    /// `CaseConversionPolicy` in `crates/lib/src/db/raw_def/v10.rs`; `SnakeCase` when the section is absent.
    enum Policy: String, Sendable, CaseIterable {
        /// Names are used verbatim.
        case none = "None"
        /// Names are converted to snake_case (SpacetimeDB's default).
        case snakeCase = "SnakeCase"
    }

    /// The case conversion policy.
    var policy: Policy = .snakeCase
    /// `ExplicitNames` `Table` entries: source name → canonical name.
    var tables: [String: String] = [:]
    /// `ExplicitNames` `Function` entries (reducers, procedures, views).
    var functions: [String: String] = [:]
    /// `ExplicitNames` `Index` entries.
    var indexes: [String: String] = [:]

    /// The canonical name of the table written `source` at `path`.
    func table(_ source: String, path: String) throws(SchemaError) -> String {
        try resolve(source, explicit: tables, kind: "table", path: path)
    }

    /// The canonical name of the reducer (or other function) written `source` at `path`.
    func function(_ source: String, path: String) throws(SchemaError) -> String {
        try resolve(source, explicit: functions, kind: "reducer", path: path)
    }

    /// The canonical name of the view written `source` at `path` (views share the function namespace:
    /// `resolve_function_ident` in `validate_view_def`, `crates/schema/src/def/validate/v10.rs`).
    func view(_ source: String, path: String) throws(SchemaError) -> String {
        try resolve(source, explicit: functions, kind: "view", path: path)
    }

    /// The canonical name of an index, or its source name when no entry renames it. SpacetimeDB generates
    /// a fresh name in that case; the bindings never use index names, so the source name stands in.
    func index(_ source: String) -> String { indexes[source] ?? source }

    private func resolve(
        _ source: String, explicit: [String: String], kind: String, path: String
    ) throws(SchemaError) -> String {
        if let canonical = explicit[source] { return canonical }
        switch policy {
        case .none:
            return source
        case .snakeCase:
            guard Self.isUnchangedBySnakeCase(source) else {
                throw .invalidValue(
                    path: path,
                    reason: "\(kind) \"\(source)\" has no `ExplicitNames` entry, so its canonical name would come from "
                        + "SpacetimeDB's snake_case conversion, which this generator does not reproduce for a name "
                        + "like this; use the schema as the server serves it (it lists every canonical name)")
            }
            return source
        }
    }

    /// Whether snake_case conversion leaves `name` as it is: lowercase ASCII words joined by single
    /// underscores, no digits (which the conversion may split off) and no leading or trailing `_`.
    static func isUnchangedBySnakeCase(_ name: String) -> Bool {
        let words = name.split(separator: "_", omittingEmptySubsequences: false)
        return !words.isEmpty && words.allSatisfy { word in
            !word.isEmpty && word.utf8.allSatisfy { (0x61...0x7A).contains($0) }
        }
    }
}
