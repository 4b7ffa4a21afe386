/// Which `RawModuleDef` layout a schema document uses. SpacetimeDB's schema endpoint serves either,
/// chosen by `?version=` (`SchemaVersion` in `crates/client-api/src/routes/database.rs`).
public enum SchemaVersion: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `RawModuleDefV9` (`crates/lib/src/db/raw_def/v9.rs`): one object with `typespace`, `tables`,
    /// `reducers`, `types`, `misc_exports` and `row_level_security`.
    case v9 = 9
    /// `RawModuleDefV10` (`crates/lib/src/db/raw_def/v10.rs`): `{"sections": [...]}`, each section a
    /// one-variant object such as `{"Tables": [...]}`. Served by SpacetimeDB 2.x.
    case v10 = 10

    /// The Rust type name, for messages and headers.
    public var description: String { "RawModuleDefV\(rawValue)" }

    /// Tells the two layouts apart by their top-level keys: a V10 document is an object whose only
    /// member is `sections`; a V9 document has `typespace` and the other V9 fields and no `sections`.
    public static func detect(_ root: JSONNode) throws(SchemaError) -> SchemaVersion {
        let keys = try root.members().map(\.key)
        let hasSections = keys.contains("sections")
        let hasV9Fields = keys.contains("typespace") || keys.contains("tables") || keys.contains("reducers")
        switch (hasSections, hasV9Fields) {
        case (true, false): return .v10
        case (false, true): return .v9
        case (true, true):
            throw .invalidValue(
                path: root.path,
                reason: "the document mixes RawModuleDefV10 (`sections`) and RawModuleDefV9 (`typespace`, `tables`, "
                    + "`reducers`) fields")
        case (false, false):
            let wrapper = keys.count == 1 && (keys[0] == "V9" || keys[0] == "V10")
            throw .invalidValue(
                path: root.path,
                reason: wrapper
                    ? "this is a `RawModuleDef` enum wrapper (`{\"\(keys[0])\": ...}`); pass the object inside it"
                    : "not a module schema: expected `sections` (RawModuleDefV10) or `typespace` (RawModuleDefV9)")
        }
    }
}
