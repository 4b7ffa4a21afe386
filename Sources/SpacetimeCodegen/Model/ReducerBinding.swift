/// A reducer clients can call.
public struct ReducerBinding: Hashable, Sendable {
    /// The reducer name in the schema, e.g. `set_name`.
    public var name: String
    /// The Swift method name, unescaped, e.g. `setName`.
    public var swiftName: String
    /// The UpperCamelCase form of the name (`SetName`), for `onSetName` and `SetNameArgs`.
    public var typeBase: String
    /// The Swift name of the generated arguments struct, e.g. `SetNameArgs`.
    public var argsType: String
    /// The parameters, in BSATN order.
    public var params: [TypeDeclaration.Field]
}
