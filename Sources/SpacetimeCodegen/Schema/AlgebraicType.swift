/// A SATS type as the schema spells it (`crates/sats/src/algebraic_type.rs`).
public indirect enum AlgebraicType: Hashable, Sendable {
    /// `types[n]` of the typespace.
    case ref(Int)
    /// A tagged union; variant index = BSATN tag.
    case sum([SumVariant])
    /// A struct or tuple; elements in BSATN order.
    case product([ProductElement])
    /// A length-prefixed array.
    case array(AlgebraicType)
    /// A UTF-8 string.
    case string
    /// `bool`.
    case bool
    /// `i8`.
    case i8
    /// `u8`.
    case u8
    /// `i16`.
    case i16
    /// `u16`.
    case u16
    /// `i32`.
    case i32
    /// `u32`.
    case u32
    /// `i64`.
    case i64
    /// `u64`.
    case u64
    /// `i128`.
    case i128
    /// `u128`.
    case u128
    /// `i256`.
    case i256
    /// `u256`.
    case u256
    /// `f32`.
    case f32
    /// `f64`.
    case f64

    /// The SATS-JSON variant names, in the enum's declaration order.
    public static let variantNames = [
        "Ref", "Sum", "Product", "Array", "String", "Bool", "I8", "U8", "I16", "U16", "I32", "U32", "I64", "U64",
        "I128", "U128", "I256", "U256", "F32", "F64",
    ]

    /// The empty product `()`, the payload of unit variants.
    public static let unit = AlgebraicType.product([])

    /// Whether this is the empty product.
    public var isUnit: Bool { self == .unit }
}
