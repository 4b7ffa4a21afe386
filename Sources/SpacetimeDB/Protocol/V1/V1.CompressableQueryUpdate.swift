extension V1 {
    /// One query's row changes, possibly compressed on their own (v1 `CompressableQueryUpdate`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v1.rs`): a `u8` tag, then the payload. Tags: 0 `uncompressed`, 1 `brotli`, 2 `gzip`.
    public enum CompressableQueryUpdate: Hashable, Sendable, BSATNCodable {
        /// 0: the rows as they are.
        case uncompressed(QueryUpdate)
        /// 1: brotli-compressed BSATN of a `QueryUpdate`.
        case brotli(ArraySlice<UInt8>)
        /// 2: gzip-compressed BSATN of a `QueryUpdate`.
        case gzip(ArraySlice<UInt8>)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .uncompressed(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .brotli(let payload):
                writer.writeTag(1)
                writer.writeByteArray(payload)
            case .gzip(let payload):
                writer.writeTag(2)
                writer.writeByteArray(payload)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .uncompressed(try QueryUpdate(bsatn: &reader))
            case 1: self = .brotli(try reader.readByteSlice())
            case 2: self = .gzip(try reader.readByteSlice())
            case let tag: throw .unknownTag(type: "V1.CompressableQueryUpdate", tag: tag, offset: at)
            }
        }

        /// The row changes, inflating a compressed payload at most `maxSize` bytes long.
        public func queryUpdate(maxSize: Int = ServerFrameCodec.defaultMaxDecompressedSize) throws(ProtocolError) -> QueryUpdate {
            let bytes: [UInt8]
            switch self {
            case .uncompressed(let update):
                return update
            case .brotli(let payload):
                do { bytes = try BrotliCodec.decompress(payload, maxSize: maxSize) } catch { throw .compression(error) }
            case .gzip(let payload):
                do { bytes = try GzipCodec.decompress(payload, maxSize: maxSize) } catch { throw .compression(error) }
            }
            do { return try QueryUpdate(bsatnBytes: bytes) } catch { throw .decoding(error) }
        }

        /// Wraps `update`, compressed with `compression` (`.none` leaves it uncompressed).
        public init(_ update: QueryUpdate, compression: Compression) {
            switch compression {
            case .none: self = .uncompressed(update)
            case .brotli: self = .brotli(BrotliCodec.compress(update.bsatnBytes())[...])
            case .gzip: self = .gzip(GzipCodec.compress(update.bsatnBytes())[...])
            }
        }
    }
}
