/// Small hand-written schema documents with procedures, for the procedure tests.
enum ProcedureFixtures {
    /// A `RawModuleDefV9` with one empty product type at ref 0, no tables, and the given lists (JSON text).
    static func v9(
        typespace: String = #"[{"Product":{"elements":[]}}]"#, types: String = "[]", reducers: String = "[]",
        misc: [String]
    ) -> String {
        #"{"typespace":{"types":"# + typespace + #"},"tables":[],"reducers":"# + reducers + #","types":"# + types
            + #","misc_exports":["# + misc.joined(separator: ",") + #"],"row_level_security":[]}"#
    }

    /// A `RawMiscModuleExportV9::Procedure` with no parameters unless given.
    static func v9Procedure(_ name: String, params: String = "[]", returnType: String) -> String {
        #"{"Procedure":{"name":""# + name + #"","params":{"elements":"# + params + #"},"return_type":"# + returnType
            + "}}"
    }

    /// A `RawModuleDefV10` with one empty product type at ref 0 and the given procedures (JSON text).
    static func v10(procedures: [String], explicitNames: String = "[]") -> String {
        #"{"sections":[{"Typespace":{"types":[{"Product":{"elements":[]}}]}},{"Procedures":["#
            + procedures.joined(separator: ",") + #"]},{"ExplicitNames":{"entries":"# + explicitNames + "}}]}"
    }

    /// A `RawProcedureDefV10`.
    static func v10Procedure(
        _ name: String, params: String = "[]", returnType: String, visibility: String = #"{"ClientCallable":[]}"#
    ) -> String {
        #"{"source_name":""# + name + #"","params":{"elements":"# + params + #"},"return_type":"# + returnType
            + #","visibility":"# + visibility + "}"
    }

    /// A `RawMiscModuleExportV9::View` returning `returnType` (by default `Vec` of the type at ref 0).
    static func v9View(
        _ name: String, isPublic: Bool = true, isAnonymous: Bool = false, params: String = "[]",
        returnType: String = #"{"Array":{"Ref":0}}"#
    ) -> String {
        #"{"View":{"name":""# + name + #"","index":0,"is_public":\#(isPublic),"is_anonymous":\#(isAnonymous),"#
            + #""params":{"elements":"# + params + #"},"return_type":"# + returnType + "}}"
    }

    /// A `RawViewDefV10` returning `returnType` (by default `Vec` of the type at ref 0).
    static func v10View(
        _ name: String, isPublic: Bool = true, isAnonymous: Bool = false, params: String = "[]",
        returnType: String = #"{"Array":{"Ref":0}}"#
    ) -> String {
        #"{"source_name":""# + name + #"","index":0,"is_public":\#(isPublic),"is_anonymous":\#(isAnonymous),"#
            + #""params":{"elements":"# + params + #"},"return_type":"# + returnType + "}"
    }

    /// A named parameter of SATS-JSON type `type`.
    static func param(_ name: String, _ type: String) -> String {
        #"{"name":{"some":""# + name + #""},"algebraic_type":"# + type + "}"
    }
}
