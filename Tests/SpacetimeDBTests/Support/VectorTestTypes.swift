import SpacetimeDB

/// `Array<u8>` as a standalone vector type: BSATN like any byte array, rendered as hex.
struct ByteArray: BSATNCodable, Hashable, VectorJSONRenderable {
    var bytes: [UInt8]
    func encode(to writer: inout BSATNWriter) { writer.writeByteArray(bytes) }
    init(bytes: [UInt8]) { self.bytes = bytes }
    init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { bytes = try reader.readByteArray() }
    var vectorJSON: VectorJSON { .hex(bytes) }
}

/// The README's example product `Point {x: i32, y: i32}`.
struct Point: BSATNCodable, Hashable, VectorJSONRenderable {
    var x: Int32
    var y: Int32
    func encode(to writer: inout BSATNWriter) {
        writer.write(x)
        writer.write(y)
    }
    init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        x = try reader.readInt32()
        y = try reader.readInt32()
    }
    var vectorJSON: VectorJSON { .object([("x", x.vectorJSON), ("y", y.vectorJSON)]) }
}

/// The README's example sum `Color` with unit variants Red, Green, Blue.
enum Color: UInt8, BSATNCodable, Hashable, VectorJSONRenderable {
    case red, green, blue
    func encode(to writer: inout BSATNWriter) { writer.writeTag(rawValue) }
    init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        let at = reader.offset
        let tag = try reader.readTag()
        guard let color = Color(rawValue: tag) else { throw .unknownTag(type: "Color", tag: tag, offset: at) }
        self = color
    }
    var vectorJSON: VectorJSON {
        .variant(["Red", "Green", "Blue"][Int(rawValue)], .object([]))
    }
}
