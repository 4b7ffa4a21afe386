import CZlib

/// Gzip (RFC 1952) compression for server frames and v1 `CompressableQueryUpdate::Gzip`, via zlib.
public enum GzipCodec {
    /// zlib's window bits plus 16: write and read a gzip header and trailer instead of zlib's.
    private static let gzipWindowBits: Int32 = 16 + MAX_WBITS

    /// Compresses `input` as one gzip member at `level` (default 1, the fast level the server uses).
    public static func compress<C: Collection>(_ input: C, level: Int32 = Z_BEST_SPEED) -> [UInt8] where C.Element == UInt8 {
        let contiguous = input as? [UInt8] ?? Array(input)
        var stream = z_stream()
        let initStatus = czlib_deflate_init2(&stream, level, Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY)
        precondition(initStatus == Z_OK, "deflateInit2 failed with \(initStatus): zlib is out of memory")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(contiguous.count))) + 64)
        var written = 0
        contiguous.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                // zlib never writes through next_in; the pointer is only mutable in its C signature.
                stream.next_in = inputBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = uInt(inputBuffer.count)
                stream.next_out = outputBuffer.baseAddress
                stream.avail_out = uInt(outputBuffer.count)
                let status = deflate(&stream, Z_FINISH)
                // deflateBound guarantees one Z_FINISH call completes the stream.
                precondition(status == Z_STREAM_END, "deflate did not finish within deflateBound: \(status)")
                written = outputBuffer.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }

    /// Inflates one gzip member, streaming, refusing output larger than `maxSize`.
    ///
    /// Corrupt, truncated or trailing data throws ``CompressionError/corruptData(algorithm:reason:)``.
    public static func decompress(_ input: ArraySlice<UInt8>, maxSize: Int = ServerFrameCodec.defaultMaxDecompressedSize) throws(CompressionError) -> [UInt8] {
        guard !input.isEmpty else { throw .corruptData(algorithm: .gzip, reason: "no data") }
        var stream = z_stream()
        let initStatus = czlib_inflate_init2(&stream, gzipWindowBits)
        guard initStatus == Z_OK else {
            throw .libraryFailure(algorithm: .gzip, reason: "inflateInit2 returned \(initStatus)")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        output.reserveCapacity(Swift.min(maxSize, Swift.max(input.count * 4, 4096)))
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let outcome: CompressionError? = input.withUnsafeBufferPointer { inputBuffer in
            chunk.withUnsafeMutableBufferPointer { chunkBuffer -> CompressionError? in
                // zlib never writes through next_in; the pointer is only mutable in its C signature.
                stream.next_in = inputBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = uInt(inputBuffer.count)
                while true {
                    stream.next_out = chunkBuffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    let produced = chunkSize - Int(stream.avail_out)
                    if produced > 0 {
                        if output.count + produced > maxSize { return .outputTooLarge(algorithm: .gzip, limit: maxSize) }
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: chunkBuffer[0..<produced]))
                    }
                    switch status {
                    case Z_STREAM_END:
                        return stream.avail_in == 0
                            ? nil : .corruptData(algorithm: .gzip, reason: "\(stream.avail_in) bytes after the end of the stream")
                    case Z_OK:
                        continue
                    case Z_BUF_ERROR:
                        // No progress possible: either input ran out mid-stream or output is full (not the case here).
                        if stream.avail_out > 0 { return .corruptData(algorithm: .gzip, reason: "the stream is truncated") }
                        continue
                    default:
                        let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        return .corruptData(algorithm: .gzip, reason: message)
                    }
                }
            }
        }
        if let outcome { throw outcome }
        return output
    }

    /// Inflates one gzip member; see ``decompress(_:maxSize:)-(ArraySlice<UInt8>,_)``.
    public static func decompress(_ input: [UInt8], maxSize: Int = ServerFrameCodec.defaultMaxDecompressedSize) throws(CompressionError) -> [UInt8] {
        try decompress(input[...], maxSize: maxSize)
    }
}
