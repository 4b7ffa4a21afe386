import SpacetimeDB

/// The `--compression` setting: what the client asks the host to compress its messages with.
///
/// Compression buys bandwidth with CPU on both ends. Over loopback there is no bandwidth to buy: the
/// host compresses a 100k-row subscription (8.5 MB of BSATN) and the client inflates it again, each
/// spending tens of milliseconds of the start-up, for bytes the kernel copies in a few. So `auto`
/// (the default) asks for none when the host is this machine (`localhost`, `127.0.0.0/8`, `::1`;
/// `--local` only accepts those) and for Brotli, SpacetimeDB's default, anywhere else.
public enum CompressionPreference: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// None for a loopback host, Brotli otherwise.
    case auto
    /// Never compress.
    case none
    /// Brotli (SpacetimeDB's default; the host uses quality 1, its fastest).
    case brotli
    /// Gzip.
    case gzip

    /// The default, `auto`.
    public static let defaultValue = CompressionPreference.auto

    /// Reads `auto`, `none`, `brotli` or `gzip` (any case); nil for anything else.
    public init?(_ text: String) {
        self.init(rawValue: text.lowercased())
    }

    /// The setting as written on the command line.
    public var description: String { rawValue }

    /// The compression to ask for from the host at `url` (`http://`, `https://`, `ws://` or `wss://`).
    public func compression(forHost url: String) -> Compression {
        switch self {
        case .auto: return LoopbackHost.contains(url: url) ? .none : .brotli
        case .none: return .none
        case .brotli: return .brotli
        case .gzip: return .gzip
        }
    }
}
