extension BSATNReader {
    /// Builds the string whose UTF-8 is `bytes`, or nil when `bytes` are not well-formed UTF-8.
    ///
    /// The bytes are validated once, by the standard library: `String(decoding:as:)` checks them and
    /// only when they are invalid replaces the bad sequences with U+FFFD. The result is always valid
    /// UTF-8, so it equals the input byte for byte exactly when the input was valid: comparing the
    /// two (eight bytes at a time) is the check, and costs less than validating a second time, which
    /// the reader did before with its own validator. (`String(validating:as:)` runs generic code
    /// that looks up type metadata for every string, and there is no public unchecked initializer.)
    @inlinable static func decodeUTF8(_ bytes: UnsafeRawBufferPointer) -> String? {
        var string = String(decoding: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        let unchanged = string.withUTF8 { utf8 in sameBytes(UnsafeRawBufferPointer(utf8), bytes) }
        return unchanged ? string : nil
    }

    /// Whether `first` and `second` hold the same bytes.
    @inlinable static func sameBytes(_ first: UnsafeRawBufferPointer, _ second: UnsafeRawBufferPointer) -> Bool {
        guard first.count == second.count else { return false }
        let count = second.count
        var index = 0
        while count - index >= 8 {
            guard first.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                == second.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            else { return false }
            index += 8
        }
        while index < count {
            guard first[index] == second[index] else { return false }
            index += 1
        }
        return true
    }
}
