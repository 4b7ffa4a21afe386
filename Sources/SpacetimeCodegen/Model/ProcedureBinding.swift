/// A procedure clients can call, with the Swift type its return value decodes to.
public struct ProcedureBinding: Hashable, Sendable {
    /// The canonical procedure name in the schema, e.g. `fetch_scores`; the call sends it.
    public var name: String
    /// The Swift method name on `RemoteProcedures`, unescaped, e.g. `fetchScores`.
    public var swiftName: String
    /// The UpperCamelCase form of the name (`FetchScores`), the stem of `FetchScoresProcedureArgs`.
    public var typeBase: String
    /// The Swift name of the generated arguments struct, e.g. `FetchScoresProcedureArgs`.
    public var argsType: String
    /// The parameters, in BSATN order.
    public var params: [TypeDeclaration.Field]
    /// The Swift type the return value decodes to (``SwiftType/unit`` for `()`).
    public var returnType: SwiftType
}
