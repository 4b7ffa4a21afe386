import SpacetimeDB

/// The arguments of quickstart-chat's `set_name(name: String)` reducer, as the product the server decodes.
public struct SetNameArgs: Hashable, Sendable, BSATNCodable {
    /// The new name; the module rejects an empty one.
    public var name: String

    /// Creates the arguments.
    public init(name: String) { self.name = name }

    /// Writes the parameters in declaration order.
    public func encode(to writer: inout BSATNWriter) { writer.write(name) }

    /// Reads the parameters in declaration order.
    public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        name = try reader.readString()
    }
}
