/// A view of the module (`RawViewDefV9` in `misc_exports`, or `RawViewDefV10` from the `Views` section):
/// a read-only function whose rows the server materializes and sends to subscribers as if it were a table.
///
/// To a client a view is a table named after the view: `SELECT * FROM <view>` subscribes to it
/// (`docs/docs/00200-core-concepts/00200-functions/00500-views.md`, "Querying Views"), and the server
/// sends its rows in a `TableUpdate` under the view's name with the internal `arg_hash` column projected
/// away (`collect_table_update_for_view` / `execute_plan_for_view` in `crates/core/src/subscription/mod.rs`).
/// Each row has the view's row type `T`, the element of its `Vec<T>`, `Option<T>` or `Query<T>` return type
/// (`extract_view_return_product_type_ref` in `crates/lib/src/db/view.rs`).
public struct ViewDefinition: Hashable, Sendable {
    /// How the view's return type wraps its row type.
    public enum ReturnShape: String, Hashable, Sendable {
        /// `Vec<T>`: any number of rows.
        case vec = "Vec"
        /// `Option<T>`: at most one row.
        case option = "Option"
        /// `Query<T>` (a query-builder view, SATS `{ __query__: T }`): the rows of a query over a table.
        case query = "Query"
    }

    /// The canonical view name, e.g. `my_player`; clients subscribe to it and receive its rows under it.
    public var name: String
    /// Whether clients may read it. SpacetimeDB's module macros only accept public views.
    public var isPublic: Bool
    /// Whether it ignores who calls it (`AnonymousViewContext`), so every subscriber sees the same rows.
    public var isAnonymous: Bool
    /// The parameters besides the context. SpacetimeDB's module macros refuse any (a subscription query
    /// cannot pass arguments yet: `crates/bindings-macro/src/view.rs`).
    public var params: [ProductElement]
    /// The return type as the schema writes it.
    public var returnType: AlgebraicType
    /// The typespace index of the row product type `T`.
    public var rowTypeRef: Int
    /// How ``returnType`` wraps `T`.
    public var returnShape: ReturnShape
    /// The primary key column indices of `T`; empty when there is none. Only V10 schemas give views a key
    /// (`TableSchema::from_view_def_for_codegen` in `crates/schema/src/schema.rs`).
    public var primaryKey: [Int]

    /// Creates a view definition.
    public init(
        name: String, isPublic: Bool = true, isAnonymous: Bool = false, params: [ProductElement] = [],
        returnType: AlgebraicType, rowTypeRef: Int, returnShape: ReturnShape, primaryKey: [Int] = []
    ) {
        self.name = name
        self.isPublic = isPublic
        self.isAnonymous = isAnonymous
        self.params = params
        self.returnType = returnType
        self.rowTypeRef = rowTypeRef
        self.returnShape = returnShape
        self.primaryKey = primaryKey
    }

    /// The row type reference and shape of a view returning `returnType`, or nil when it is not one of
    /// `Vec<T>`, `Option<T>` or `Query<T>` with `T` a type reference (SpacetimeDB refuses such a view).
    public static func rowType(of returnType: AlgebraicType) -> (ref: Int, shape: ReturnShape)? {
        switch returnType {
        case .array(.ref(let ref)):
            return (ref, .vec)
        case .product(let elements):
            guard elements.count == 1, elements[0].name == "__query__", case .ref(let ref) = elements[0].type else {
                return nil
            }
            return (ref, .query)
        case .sum(let variants):
            // `AlgebraicType::as_option`: exactly `some(T)` then a unit `none`.
            guard variants.count == 2, variants[0].name == "some", variants[1].name == "none",
                variants[1].type.isUnit, case .ref(let ref) = variants[0].type
            else { return nil }
            return (ref, .option)
        default:
            return nil
        }
    }
}
