import CBrotli

/// Brotli compression for server frames and v1 `CompressableQueryUpdate::Brotli`, via libbrotli.
public enum BrotliCodec {
    /// The quality SpacetimeDB's server compresses with.
    public static let serverQuality: Int32 = 1

    /// Compresses `input` at `quality` (0...11) with the default 4 MiB window.
    public static func compress<C: Collection>(_ input: C, quality: Int32 = serverQuality) -> [UInt8] where C.Element == UInt8 {
        let contiguous = input as? [UInt8] ?? Array(input)
        let bound = BrotliEncoderMaxCompressedSize(contiguous.count)
        // A bound of 0 means the input is too large for the one-shot bound; fall back to a generous size.
        var capacity = bound > 0 ? bound : contiguous.count + contiguous.count / 2 + 1024
        for _ in 0..<4 {
            var output = [UInt8](repeating: 0, count: capacity)
            var encodedSize = capacity
            let ok = contiguous.withUnsafeBufferPointer { inputBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    BrotliEncoderCompress(
                        quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, inputBuffer.count,
                        inputBuffer.baseAddress, &encodedSize, outputBuffer.baseAddress)
                }
            }
            if ok == BROTLI_TRUE {
                output.removeSubrange(encodedSize...)
                return output
            }
            capacity *= 2
        }
        // Unreachable with a valid quality: the first buffer already has the encoder's worst-case size.
        preconditionFailure("BrotliEncoderCompress failed for \(contiguous.count) bytes at quality \(quality)")
    }

    /// Inflates `input`, streaming so the output size need not be known in advance.
    ///
    /// Throws ``CompressionError/outputTooLarge(algorithm:limit:)`` as soon as the output would pass
    /// `maxSize`, and ``CompressionError/corruptData(algorithm:reason:)`` for corrupt, truncated or
    /// trailing data.
    public static func decompress(_ input: ArraySlice<UInt8>, maxSize: Int = ServerFrameCodec.defaultMaxDecompressedSize) throws(CompressionError) -> [UInt8] {
        guard !input.isEmpty else { throw .corruptData(algorithm: .brotli, reason: "no data") }
        guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
            throw .libraryFailure(algorithm: .brotli, reason: "BrotliDecoderCreateInstance failed")
        }
        defer { BrotliDecoderDestroyInstance(state) }

        var output: [UInt8] = []
        output.reserveCapacity(Swift.min(maxSize, Swift.max(input.count * 4, 4096)))
        let chunkSize = 64 * 1024
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        let outcome: CompressionError? = input.withUnsafeBufferPointer { inputBuffer in
            chunk.withUnsafeMutableBufferPointer { chunkBuffer -> CompressionError? in
                var availableIn = inputBuffer.count
                var nextIn = inputBuffer.baseAddress
                while true {
                    var availableOut = chunkSize
                    var nextOut = chunkBuffer.baseAddress
                    let result = BrotliDecoderDecompressStream(state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                    let produced = chunkSize - availableOut
                    if produced > 0 {
                        if output.count + produced > maxSize { return .outputTooLarge(algorithm: .brotli, limit: maxSize) }
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: chunkBuffer[0..<produced]))
                    }
                    if result == BROTLI_DECODER_RESULT_SUCCESS {
                        return availableIn == 0
                            ? nil : .corruptData(algorithm: .brotli, reason: "\(availableIn) bytes after the end of the stream")
                    } else if result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT {
                        continue
                    } else if result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT {
                        return .corruptData(algorithm: .brotli, reason: "the stream is truncated")
                    } else {
                        let code = BrotliDecoderGetErrorCode(state)
                        let text = BrotliDecoderErrorString(code).map { String(cString: $0) } ?? "error \(code.rawValue)"
                        return .corruptData(algorithm: .brotli, reason: text)
                    }
                }
            }
        }
        if let outcome { throw outcome }
        return output
    }

    /// Inflates `input`; see ``decompress(_:maxSize:)-(ArraySlice<UInt8>,_)``.
    public static func decompress(_ input: [UInt8], maxSize: Int = ServerFrameCodec.defaultMaxDecompressedSize) throws(CompressionError) -> [UInt8] {
        try decompress(input[...], maxSize: maxSize)
    }
}
