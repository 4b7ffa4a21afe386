/// An index on a table (`RawIndexDefV9`).
public struct IndexDefinition: Hashable, Sendable {
    /// The index's data structure and columns.
    public enum Algorithm: Hashable, Sendable {
        /// A B-tree over these columns.
        case btree(columns: [Int])
        /// A hash index over these columns.
        case hash(columns: [Int])
        /// A direct index over one unsigned-integer column.
        case direct(column: Int)

        /// The indexed columns, in order.
        public var columns: [Int] {
            switch self {
            case .btree(let columns), .hash(let columns): return columns
            case .direct(let column): return [column]
            }
        }
    }

    /// The name SpacetimeDB generated, e.g. `user_identity_idx_btree`.
    public var name: String?
    /// The name client code uses for it, e.g. `identity`.
    public var accessorName: String?
    /// The algorithm and columns.
    public var algorithm: Algorithm

    /// Creates an index definition.
    public init(name: String?, accessorName: String?, algorithm: Algorithm) {
        self.name = name
        self.accessorName = accessorName
        self.algorithm = algorithm
    }
}
