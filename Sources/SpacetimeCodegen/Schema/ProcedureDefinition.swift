/// A procedure of the module (`RawProcedureDefV9` in `misc_exports`, or `RawProcedureDefV10` from the
/// `Procedures` section): a function that runs outside a transaction and returns a value to its caller.
public struct ProcedureDefinition: Hashable, Sendable {
    /// The canonical procedure name, e.g. `fetch_scores`; clients call it by this name.
    public var name: String
    /// The parameters; their BSATN, in order, is the call's argument bytes.
    public var params: [ProductElement]
    /// The type of the value the procedure returns (a ref for named product and sum types).
    public var returnType: AlgebraicType
    /// Who may call it (`FunctionVisibility`, shared with reducers); nil when the schema does not say
    /// (V9, where every procedure counts as callable).
    public var visibility: ReducerDefinition.Visibility?

    /// Creates a procedure definition.
    public init(
        name: String, params: [ProductElement], returnType: AlgebraicType,
        visibility: ReducerDefinition.Visibility? = nil
    ) {
        self.name = name
        self.params = params
        self.returnType = returnType
        self.visibility = visibility
    }
}
