import Foundation

/// Base64url without padding (RFC 4648 §5), the encoding of JWT segments.
enum Base64URL {
    /// Encodes bytes as unpadded base64url.
    static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes unpadded (or padded) base64url; nil for anything that is not.
    static func decode(_ text: Substring) -> [UInt8]? {
        var base64 = String(text)
        guard base64.utf8.allSatisfy({ $0.isBase64URLCharacter }) else { return nil }
        base64 = base64.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return Array(data)
    }
}

extension UInt8 {
    fileprivate var isBase64URLCharacter: Bool {
        (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z")) || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || self == UInt8(ascii: "-")
            || self == UInt8(ascii: "_") || self == UInt8(ascii: "=")
    }
}
