import SpacetimeDB

/// The `--since` setting: how far back the live `message` subscription reaches.
public enum HistorySince: Hashable, Sendable, CustomStringConvertible {
    /// Messages sent in the last `microseconds`; older ones come in pages on demand.
    case last(microseconds: Int64)
    /// Every message, live (the quickstart's `SELECT * FROM message`): no paging.
    case all

    /// The default: one hour. The window is what a start pays for (its rows are sent, decoded and
    /// kept), so it should be small; an hour covers what was said while you stepped away in a busy
    /// room, and a quiet room's screenful of context comes from the older pages anyway.
    public static let defaultValue = HistorySince.last(microseconds: 3_600_000_000)

    /// Reads `30m`, `24h`, `7d`, `90s`, `2w` or `all`; nil for anything else (or a zero or negative span).
    public init?(_ text: String) {
        if text.lowercased() == "all" {
            self = .all
            return
        }
        guard let unit = text.last, let count = Int64(text.dropLast()), count > 0 else { return nil }
        let seconds: Int64
        switch unit {
        case "s": seconds = 1
        case "m": seconds = 60
        case "h": seconds = 3600
        case "d": seconds = 86_400
        case "w": seconds = 604_800
        default: return nil
        }
        let (micros, overflow) = count.multipliedReportingOverflow(by: seconds * 1_000_000)
        guard !overflow else { return nil }
        self = .last(microseconds: micros)
    }

    /// Where the window starts for a session started at `now`; nil for `all`.
    public func windowStart(now: Timestamp) -> Timestamp? {
        switch self {
        case .all: return nil
        case .last(let micros):
            let (start, overflow) = now.microsecondsSinceUnixEpoch.subtractingReportingOverflow(micros)
            return Timestamp(microsecondsSinceUnixEpoch: overflow ? .min : start)
        }
    }

    /// The setting as written on the command line.
    public var description: String {
        switch self {
        case .all: return "all"
        case .last(let micros):
            let seconds = micros / 1_000_000
            for (unit, size) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3600), ("m", 60)] where seconds % size == 0 {
                return "\(seconds / size)\(unit)"
            }
            return "\(seconds)s"
        }
    }
}
