extension BSATNReader {
    /// Whether `bytes` are well-formed UTF-8 as Unicode defines it (Table 3-7): no overlong forms, no
    /// surrogates (U+D800–U+DFFF), nothing past U+10FFFF, no truncated sequence.
    ///
    /// `String(validating:as:)` does the same check, but through generic stdlib code that looks up
    /// type metadata for every string (about 1,400 instructions for a 35-byte chat message); this runs
    /// ASCII eight bytes at a time and is the reader's only check, so ``readString()`` can then build
    /// the string with the non-generic `String(decoding:as:)`, which repairs nothing on valid input.
    @inlinable static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            while index + 8 <= count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { return true }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The sequence's length and the range its second byte must fall in; later bytes are 80–BF.
            let length: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowest = 0xA0  // below A0 is an overlong form
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; highest = 0x9F  // A0 and above encode surrogates
            case 0xF0: length = 4; lowest = 0x90  // below 90 is an overlong form
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; highest = 0x8F  // 90 and above is past U+10FFFF
            default: return false  // a continuation byte, C0/C1 (overlong) or F5–FF
            }
            guard count - index >= length else { return false }
            let second = bytes[index + 1]
            guard second >= lowest, second <= highest else { return false }
            var next = index + 2
            while next < index + length {
                guard bytes[next] & 0xC0 == 0x80 else { return false }
                next += 1
            }
            index += length
        }
        return true
    }
}
