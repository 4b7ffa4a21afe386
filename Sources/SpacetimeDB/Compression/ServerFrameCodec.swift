/// The 1-byte compression envelope in front of every binary server frame (v1, v2 and v3).
///
/// Tag 0: the rest is the BSATN payload; 1: it is brotli-compressed; 2: it is gzip-compressed
/// (`SERVER_MSG_COMPRESSION_TAG_*` in SpacetimeDB's `crates/core/src/client/messages.rs`).
public enum ServerFrameCodec {
    /// The default cap on a decompressed payload, a defence against decompression bombs.
    public static let defaultMaxDecompressedSize = 256 * 1024 * 1024
    /// Payloads up to this many bytes are never compressed (`decide_compression`).
    public static let compressionThreshold = 1024

    /// What the server sends for a payload of `payloadSize` bytes on a connection that asked for
    /// `requested`: compression only above ``compressionThreshold`` bytes (`decide_compression`).
    public static func decideCompression(payloadSize: Int, requested: Compression) -> Compression {
        payloadSize > compressionThreshold ? requested : .none
    }

    /// Splits a frame into its compression and its uncompressed payload.
    ///
    /// An uncompressed payload is a slice of `frame` (no copy). Compressed payloads are inflated up to
    /// `maxDecompressedSize` bytes.
    public static func decode(
        _ frame: ArraySlice<UInt8>, maxDecompressedSize: Int = defaultMaxDecompressedSize
    ) throws(CompressionError) -> (compression: Compression, payload: ArraySlice<UInt8>) {
        guard let tag = frame.first else { throw .emptyFrame }
        let body = frame.dropFirst()
        switch tag {
        case 0: return (.none, body)
        case 1: return (.brotli, try BrotliCodec.decompress(body, maxSize: maxDecompressedSize)[...])
        case 2: return (.gzip, try GzipCodec.decompress(body, maxSize: maxDecompressedSize)[...])
        default: throw .unknownEnvelopeTag(tag)
        }
    }

    /// Splits a frame into its compression and its uncompressed payload; see ``decode(_:maxDecompressedSize:)-(ArraySlice<UInt8>,_)``.
    public static func decode(
        _ frame: [UInt8], maxDecompressedSize: Int = defaultMaxDecompressedSize
    ) throws(CompressionError) -> (compression: Compression, payload: ArraySlice<UInt8>) {
        try decode(frame[...], maxDecompressedSize: maxDecompressedSize)
    }

    /// Wraps `payload` as the server does for a connection that asked for `requested`: compressed
    /// only when it is larger than ``compressionThreshold`` bytes.
    public static func encode<C: Collection>(payload: C, requested: Compression) -> [UInt8] where C.Element == UInt8 {
        encode(payload: payload, using: decideCompression(payloadSize: payload.count, requested: requested))
    }

    /// Wraps `payload` with exactly `compression`, whatever its size.
    public static func encode<C: Collection>(payload: C, using compression: Compression) -> [UInt8] where C.Element == UInt8 {
        var frame: [UInt8]
        switch compression {
        case .none:
            frame = []
            frame.reserveCapacity(payload.count + 1)
            frame.append(0)
            frame.append(contentsOf: payload)
            return frame
        case .brotli:
            frame = [1]
            frame.append(contentsOf: BrotliCodec.compress(payload))
        case .gzip:
            frame = [2]
            frame.append(contentsOf: GzipCodec.compress(payload))
        }
        return frame
    }

    /// Encodes `message` into a frame as the server would for a connection that asked for `requested`.
    ///
    /// The message is written once, behind a placeholder tag, so the common uncompressed case copies nothing.
    public static func encode<M: BSATNEncodable>(message: M, requested: Compression) -> [UInt8] {
        var writer = BSATNWriter(capacity: 256)
        writer.writeTag(0)
        message.encode(to: &writer)
        let compression = decideCompression(payloadSize: writer.count - 1, requested: requested)
        if compression == .none { return writer.bytes }
        return encode(payload: writer.bytes.dropFirst(), using: compression)
    }
}
