/// Quotes a string the way Rust's `{:?}` (`impl Debug for str`) prints it, so our failure notices read
/// exactly like the official client's `Failed to send message {:?}: {}`.
///
/// Rust escapes `\0 \t \r \n \\ "` with a backslash, leaves `'` alone, and writes every grapheme-extending
/// scalar and every non-printable one (general categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs other than
/// the space) as `\u{hex}` in lowercase hex without leading zeros. Everything else is kept as is.
public enum RustDebugQuote {
    /// The quoted form, including the surrounding double quotes.
    public static func quote(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\0": result += "\\0"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\n": result += "\\n"
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            default:
                if scalar.properties.isGraphemeExtend || !isPrintable(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        result += "\""
        return result
    }

    /// Rust's `is_printable`: false for the categories its table generator excludes.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x7F { return scalar.value >= 0x20 }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
