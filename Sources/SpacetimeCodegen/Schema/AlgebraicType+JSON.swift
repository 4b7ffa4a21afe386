/// Reading SATS-JSON `AlgebraicType` values: `{"U32": []}`, `{"Ref": 3}`, `{"Array": …}`,
/// `{"Product": {"elements": […]}}`, `{"Sum": {"variants": […]}}`.
extension AlgebraicType {
    /// Parses one `AlgebraicType`; errors name the node's path.
    public static func parse(_ node: JSONNode) throws(SchemaError) -> AlgebraicType {
        let (name, payload) = try node.variant(of: "AlgebraicType", known: variantNames)
        switch name {
        case "Ref": return .ref(try payload.uint32())
        case "Array": return .array(try parse(payload))
        case "Product": return .product(try ModuleSchema.parseProductType(payload))
        case "Sum":
            var variants: [SumVariant] = []
            for variant in try payload.field("variants").elements() {
                let variantName = try variant.field("name").option { (node) throws(SchemaError) in try node.string() }
                variants.append(SumVariant(name: variantName, type: try parse(try variant.field("algebraic_type"))))
            }
            return .sum(variants)
        default:
            try payload.unit()
            switch name {
            case "String": return .string
            case "Bool": return .bool
            case "I8": return .i8
            case "U8": return .u8
            case "I16": return .i16
            case "U16": return .u16
            case "I32": return .i32
            case "U32": return .u32
            case "I64": return .i64
            case "U64": return .u64
            case "I128": return .i128
            case "U128": return .u128
            case "I256": return .i256
            case "U256": return .u256
            case "F32": return .f32
            default: return .f64
            }
        }
    }

    /// Throws ``SchemaError/badRef(path:ref:typespaceCount:)`` for any ref outside the typespace, with
    /// the path the ref would have in the JSON.
    func checkRefs(path: String, typespaceCount: Int) throws(SchemaError) {
        switch self {
        case .ref(let ref):
            if ref >= typespaceCount { throw .badRef(path: path + ".Ref", ref: ref, typespaceCount: typespaceCount) }
        case .array(let element):
            try element.checkRefs(path: path + ".Array", typespaceCount: typespaceCount)
        case .product(let elements):
            for (index, element) in elements.enumerated() {
                try element.type.checkRefs(
                    path: "\(path).Product.elements[\(index)].algebraic_type", typespaceCount: typespaceCount)
            }
        case .sum(let variants):
            for (index, variant) in variants.enumerated() {
                try variant.type.checkRefs(
                    path: "\(path).Sum.variants[\(index)].algebraic_type", typespaceCount: typespaceCount)
            }
        default:
            break
        }
    }
}
