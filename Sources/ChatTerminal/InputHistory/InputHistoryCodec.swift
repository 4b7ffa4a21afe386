/// The input history file's format, pure: a header line, then one entry per line, oldest first,
/// with `\` written `\\`, a line break `\n` and a carriage return `\r`, so a multi-line message
/// stays one entry and nothing in an entry can start another.
///
/// ```
/// # spacetime-chat input history v1
/// hello
/// first line\nsecond line
/// ```
public enum InputHistoryCodec {
    /// The first line of every history file.
    public static let header = "# spacetime-chat input history v1"
    /// Most entries kept in the file (the newest ones).
    public static let defaultLimit = 1000
    /// Longest entry written, in UTF-8 bytes: a huge paste stays in this session's ↑/↓ but is not
    /// kept on disk, so the file stays small (at most about 16 MB).
    public static let defaultMaxEntryBytes = 16 * 1024

    /// The file's text for `entries` (oldest first): the newest `limit` of those not longer than
    /// `maxEntryBytes`.
    public static func encode(
        _ entries: [String], limit: Int = defaultLimit, maxEntryBytes: Int = defaultMaxEntryBytes
    ) -> String {
        let kept = entries.filter { !$0.isEmpty && $0.utf8.count <= maxEntryBytes }.suffix(max(0, limit))
        var text = header + "\n"
        for entry in kept {
            text += escape(entry) + "\n"
        }
        return text
    }

    /// The entries in a file's bytes, oldest first, at most the newest `limit`.
    public static func decode(_ bytes: some Collection<UInt8>, limit: Int = defaultLimit) throws(InputHistoryCodecError) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first == header else {
            throw .unknownFormat(firstLine: String((lines.first ?? "").prefix(60)))
        }
        lines.removeFirst()
        var entries: [String] = []
        for (offset, line) in lines.enumerated() where !line.isEmpty {
            guard let entry = unescape(line) else { throw .badEscape(line: offset + 2) }
            entries.append(entry)
        }
        return Array(entries.suffix(max(0, limit)))
    }

    /// The history after adding `added` (oldest first) to the newest end of `existing`, skipping an
    /// added line that repeats the newest one, as ↑ recall does. Another window's lines written in
    /// between stay: each window adds its own lines instead of replacing the file with its copy.
    public static func merge(_ existing: [String], adding added: [String]) -> [String] {
        var merged = existing
        for line in added where !line.isEmpty && merged.last != line {
            merged.append(line)
        }
        return merged
    }

    /// One entry as one line.
    static func escape(_ entry: String) -> String {
        var result = ""
        result.reserveCapacity(entry.utf8.count)
        for scalar in entry.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// One line back to its entry; nil for a `\` not followed by `\`, `n` or `r`.
    static func unescape(_ line: Substring) -> String? {
        var result = String.UnicodeScalarView()
        var escaping = false
        for scalar in line.unicodeScalars {
            if escaping {
                switch scalar {
                case "\\": result.append("\\")
                case "n": result.append("\n")
                case "r": result.append("\r")
                default: return nil
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.append(scalar)
            }
        }
        return escaping ? nil : String(result)
    }
}
