/// Whether a host URL names this machine over loopback: `localhost` (and names under `.localhost`,
/// RFC 6761), an IPv4 address in `127.0.0.0/8`, or `::1`.
///
/// Read from the URL text alone, without a name lookup: a name that merely resolves to 127.0.0.1
/// (an `/etc/hosts` alias) is not recognised, which only costs the compression a remote host gets.
public enum LoopbackHost {
    /// Whether `url`'s host part is a loopback name or address.
    public static func contains(url: String) -> Bool {
        guard let host = hostPart(of: url) else { return false }
        return isLoopback(host: host)
    }

    /// Whether a bare host (no scheme or port; IPv6 with or without brackets) is loopback.
    public static func isLoopback(host rawHost: String) -> Bool {
        var host = rawHost.lowercased()
        if host.hasSuffix(".") { host.removeLast() }  // a fully qualified `localhost.`
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        if isIPv6Loopback(host) { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ $0.count <= 3 && UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    /// The host of `scheme://user@host:port/path?query#fragment` (the scheme and user part optional),
    /// IPv6 brackets kept; nil when there is none.
    static func hostPart(of url: String) -> String? {
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://") { rest = rest[scheme.upperBound...] }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            return String(rest[...close])
        }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return rest.isEmpty ? nil : String(rest)
    }

    /// `::1` in any of its spellings (`0:0:0:0:0:0:0:1`, `::0001`), and not `::ffff:…` mapped forms.
    private static func isIPv6Loopback(_ host: String) -> Bool {
        guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
        let halves = host.split(separator: "::", omittingEmptySubsequences: false)
        let groups: [Substring]
        switch halves.count {
        case 1:
            groups = host.split(separator: ":", omittingEmptySubsequences: false)
            guard groups.count == 8 else { return false }
        case 2:
            let head = halves[0].isEmpty ? [] : halves[0].split(separator: ":", omittingEmptySubsequences: false)
            let tail = halves[1].isEmpty ? [] : halves[1].split(separator: ":", omittingEmptySubsequences: false)
            guard head.count + tail.count < 8 else { return false }
            groups = head + Array(repeating: "0", count: 8 - head.count - tail.count) + tail
        default:
            return false
        }
        guard groups.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) else { return false }
        let values = groups.compactMap { UInt16($0, radix: 16) }
        return values.count == 8 && values.dropLast().allSatisfy { $0 == 0 } && values.last == 1
    }
}
