extension BSATNReader {
    /// Reads a length-prefixed string as ``readString()`` does; when its bytes are those of one of
    /// `known`'s strings, returns that string instead of building one.
    ///
    /// The result, the bytes consumed and the errors are ``readString()``'s: a known string's bytes are
    /// valid UTF-8 (they came from a `String`), and anything else is read by ``readString()`` from
    /// the same position.
    mutating func readString(known: KnownStrings) throws(BSATNDecodingError) -> String {
        let start = cursor
        let count = try readLength()
        if count <= remaining, !known.entries.isEmpty {
            let base = position - buffer.startIndex
            let match = buffer.withUnsafeBytes { raw -> String? in
                let bytes = UnsafeRawBufferPointer(rebasing: raw[base..<(base + count)])
                for entry in known.entries where entry.utf8.count == count {
                    if entry.utf8.withUnsafeBytes({ Self.sameBytes($0, bytes) }) { return entry.string }
                }
                return nil
            }
            if let match {
                cursor += count
                return match
            }
        }
        cursor = start
        return try readString()
    }
}
