/// A row's BSATN bytes, the cache's key for it: two rows are the same row when their bytes are equal.
struct RowKey: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = Array(bytes)
    }

    // Hash the bytes in one call rather than element by element: rows are hashed on every insert.
    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: RowKey, rhs: RowKey) -> Bool { lhs.bytes == rhs.bytes }
}
