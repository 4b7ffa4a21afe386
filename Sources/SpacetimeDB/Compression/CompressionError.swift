/// Why a compressed server frame or payload could not be inflated.
public enum CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The frame had no bytes at all, not even the envelope tag.
    case emptyFrame
    /// The envelope tag was not 0 (none), 1 (brotli) or 2 (gzip).
    case unknownEnvelopeTag(UInt8)
    /// The compressed bytes were corrupt or incomplete.
    case corruptData(algorithm: Compression, reason: String)
    /// Inflating would produce more than `limit` bytes (a decompression bomb, or a limit set too low).
    case outputTooLarge(algorithm: Compression, limit: Int)
    /// The compression library could not be set up (out of memory).
    case libraryFailure(algorithm: Compression, reason: String)

    /// A sentence naming what was wrong with the compressed data.
    public var description: String {
        switch self {
        case .emptyFrame:
            return "compression: received an empty frame, with no compression tag"
        case .unknownEnvelopeTag(let tag):
            return "compression: unknown compression tag \(tag) (expected 0 none, 1 brotli or 2 gzip)"
        case .corruptData(let algorithm, let reason):
            return "compression: corrupt \(algorithm) data: \(reason)"
        case .outputTooLarge(let algorithm, let limit):
            return "compression: \(algorithm) data inflates to more than the \(limit)-byte limit"
        case .libraryFailure(let algorithm, let reason):
            return "compression: could not start the \(algorithm) codec: \(reason)"
        }
    }
}
