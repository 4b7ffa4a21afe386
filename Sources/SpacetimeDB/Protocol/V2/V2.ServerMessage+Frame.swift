extension V2.ServerMessage {
    /// Decodes a complete v2 server frame: the compression envelope, then exactly one message.
    public init(
        frame: ArraySlice<UInt8>, maxDecompressedSize: Int = ServerFrameCodec.defaultMaxDecompressedSize
    ) throws(ProtocolError) {
        let payload: ArraySlice<UInt8>
        do { payload = try ServerFrameCodec.decode(frame, maxDecompressedSize: maxDecompressedSize).payload } catch {
            throw .compression(error)
        }
        do { self = try V2.ServerMessage(bsatnBytes: payload) } catch { throw .decoding(error) }
    }

    /// This message as a server frame for a connection that asked for `requested` compression.
    public func frame(requested: Compression) -> [UInt8] {
        ServerFrameCodec.encode(message: self, requested: requested)
    }
}
