/// An unsigned 256-bit integer, SATS `u256`: 32 bytes little-endian on the wire.
///
/// Only what SpacetimeDB values need: construction from bytes and words, comparison, hexadecimal and
/// decimal text. Identities are `u256` values.
public struct UInt256: Hashable, Sendable, Comparable, BSATNCodable, CustomStringConvertible {
    /// The four 64-bit words, least significant first.
    public var words: (UInt64, UInt64, UInt64, UInt64) {
        get { (w0, w1, w2, w3) }
        set { (w0, w1, w2, w3) = newValue }
    }
    @usableFromInline var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// Creates a value from its words, least significant first.
    @inlinable public init(words: (UInt64, UInt64, UInt64, UInt64)) {
        (w0, w1, w2, w3) = words
    }

    /// Creates a value from a 64-bit integer.
    @inlinable public init(_ value: UInt64) { self.init(words: (value, 0, 0, 0)) }

    /// Creates a value from its low and high 128-bit halves.
    @inlinable public init(low: UInt128, high: UInt128) {
        self.init(words: (UInt64(truncatingIfNeeded: low), UInt64(truncatingIfNeeded: low >> 64),
                          UInt64(truncatingIfNeeded: high), UInt64(truncatingIfNeeded: high >> 64)))
    }

    /// Zero.
    public static let zero = UInt256(0)
    /// The largest value, 2²⁵⁶ − 1.
    public static let max = UInt256(words: (.max, .max, .max, .max))

    /// Creates a value from 32 little-endian bytes; returns nil for any other count.
    @inlinable public init?<C: Collection>(littleEndianBytes bytes: C) where C.Element == UInt8 {
        guard bytes.count == 32 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in bytes.enumerated() {
            words[index / 8] |= UInt64(byte) << (UInt64(index % 8) * 8)
        }
        self.init(words: (words[0], words[1], words[2], words[3]))
    }

    /// The 32 little-endian bytes, as on the wire.
    public var littleEndianBytes: [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(32)
        for word in [w0, w1, w2, w3] {
            for shift in stride(from: 0, to: 64, by: 8) { result.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return result
    }

    /// The 32 big-endian bytes, the order SpacetimeDB prints.
    public var bigEndianBytes: [UInt8] { littleEndianBytes.reversed() }

    /// Creates a value from hexadecimal digits (big-endian, at most 64 digits, optional `0x`).
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 64 else { return nil }
        var value = UInt256.zero
        for character in digits {
            guard let nibble = character.hexDigitValue else { return nil }
            value = value.shiftedLeft4() 
            value.w0 |= UInt64(nibble)
        }
        self = value
    }

    /// Creates a value from decimal digits; nil if not a number or out of range.
    public init?(decimal: String) {
        guard !decimal.isEmpty else { return nil }
        var value = UInt256.zero
        for character in decimal {
            guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
            guard let next = value.multipliedAdding(10, UInt64(digit)) else { return nil }
            value = next
        }
        self = value
    }

    /// Lowercase hexadecimal, zero-padded to `width` digits.
    public func hexString(width: Int = 64) -> String {
        var text = ""
        for byte in bigEndianBytes {
            let digits = String(byte, radix: 16)
            text += digits.count == 1 ? "0" + digits : digits
        }
        let trimmed = text.drop { $0 == "0" }
        let minimal = trimmed.isEmpty ? "0" : String(trimmed)
        return minimal.count >= width ? minimal : String(repeating: "0", count: width - minimal.count) + minimal
    }

    /// Decimal digits.
    public var description: String {
        if self == .zero { return "0" }
        var value = self
        var chunks: [UInt64] = []
        let base: UInt64 = 10_000_000_000_000_000_000  // 10^19, the largest power of ten in a UInt64
        while value != .zero {
            let (quotient, remainder) = value.dividedReportingRemainder(by: base)
            chunks.append(remainder)
            value = quotient
        }
        var text = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.count) + digits
        }
        return text
    }

    @usableFromInline func shiftedLeft4() -> UInt256 {
        UInt256(words: (w0 << 4, (w1 << 4) | (w0 >> 60), (w2 << 4) | (w1 >> 60), (w3 << 4) | (w2 >> 60)))
    }

    /// `self * factor + addend`, or nil on overflow.
    func multipliedAdding(_ factor: UInt64, _ addend: UInt64) -> UInt256? {
        var carry = addend
        var result: [UInt64] = []
        for word in [w0, w1, w2, w3] {
            let product = word.multipliedFullWidth(by: factor)
            let (low, overflow) = product.low.addingReportingOverflow(carry)
            result.append(low)
            carry = product.high &+ (overflow ? 1 : 0)
        }
        guard carry == 0 else { return nil }
        return UInt256(words: (result[0], result[1], result[2], result[3]))
    }

    /// Division by a 64-bit divisor, with remainder.
    func dividedReportingRemainder(by divisor: UInt64) -> (quotient: UInt256, remainder: UInt64) {
        var remainder: UInt64 = 0
        var quotient: [UInt64] = [0, 0, 0, 0]
        let source = [w0, w1, w2, w3]
        for index in stride(from: 3, through: 0, by: -1) {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: source[index]))
            quotient[index] = q
            remainder = r
        }
        return (UInt256(words: (quotient[0], quotient[1], quotient[2], quotient[3])), remainder)
    }

    /// Two's complement negation (wrapping).
    public func twosComplement() -> UInt256 {
        let inverted = UInt256(words: (~w0, ~w1, ~w2, ~w3))
        return inverted.multipliedAdding(1, 1) ?? .zero  // only ~0 + 1 overflows, and -0 is 0
    }

    public static func == (lhs: UInt256, rhs: UInt256) -> Bool {
        lhs.w0 == rhs.w0 && lhs.w1 == rhs.w1 && lhs.w2 == rhs.w2 && lhs.w3 == rhs.w3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(w0); hasher.combine(w1); hasher.combine(w2); hasher.combine(w3)
    }

    public static func < (lhs: UInt256, rhs: UInt256) -> Bool {
        (lhs.w3, lhs.w2, lhs.w1, lhs.w0) < (rhs.w3, rhs.w2, rhs.w1, rhs.w0)
    }

    @inlinable public func encode(to writer: inout BSATNWriter) {
        writer.write(w0); writer.write(w1); writer.write(w2); writer.write(w3)
    }

    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        try reader.require(32)
        let a = try reader.readUInt64(), b = try reader.readUInt64(), c = try reader.readUInt64(), d = try reader.readUInt64()
        self.init(words: (a, b, c, d))
    }
}

/// A signed 256-bit integer, SATS `i256`: 32 bytes little-endian two's complement on the wire.
public struct Int256: Hashable, Sendable, BSATNCodable, CustomStringConvertible {
    /// The two's complement bit pattern.
    public var bitPattern: UInt256

    /// Creates a value from its two's complement bit pattern.
    @inlinable public init(bitPattern: UInt256) { self.bitPattern = bitPattern }

    /// Creates a value from a 64-bit integer.
    public init(_ value: Int64) {
        let magnitude = UInt256(value.magnitude)
        bitPattern = value < 0 ? magnitude.twosComplement() : magnitude
    }

    /// Whether the value is below zero.
    public var isNegative: Bool { bitPattern.w3 >> 63 == 1 }

    /// Parses an optionally `-`-signed decimal; nil if out of range.
    public init?(decimal: String) {
        let negative = decimal.hasPrefix("-")
        guard let magnitude = UInt256(decimal: negative ? String(decimal.dropFirst()) : decimal) else { return nil }
        let limit = UInt256(words: (0, 0, 0, 1 << 63))  // 2^255
        if negative {
            guard magnitude <= limit else { return nil }
            bitPattern = magnitude.twosComplement()
        } else {
            guard magnitude < limit else { return nil }
            bitPattern = magnitude
        }
    }

    /// Signed decimal digits.
    public var description: String {
        isNegative ? "-" + bitPattern.twosComplement().description : bitPattern.description
    }

    @inlinable public func encode(to writer: inout BSATNWriter) { bitPattern.encode(to: &writer) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        bitPattern = try UInt256(bsatn: &reader)
    }
}
