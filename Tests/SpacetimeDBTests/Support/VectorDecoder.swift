import QuickstartChat
import SpacetimeDB

/// The outcome of decoding one vector: its rendering, its re-encoding and anything else found wrong.
struct DecodedVector {
    var rendered: VectorJSON
    /// The value encoded again; nil for compressed frames, whose bytes are not canonical.
    var reencoded: [UInt8]?
    /// Problems found beyond rendering and re-encoding (rows, nested compression, frames).
    var problems: [String] = []
}

/// Why a vector could not be handled at all.
struct VectorDecoderError: Error, CustomStringConvertible {
    let description: String
}

/// Decodes a vector's bytes as the type it names, exactly as a client would.
enum VectorDecoder {
    static func decode(_ vector: ProtocolVector) throws -> DecodedVector {
        let bytes = vector.bytes
        switch (vector.protocolName, vector.type) {
        case ("v1", "ClientMessage"): return try exact(V1.ClientMessage.self, bytes)
        case ("v1", "ServerMessage"):
            var result = try exact(V1.ServerMessage.self, bytes)
            result.problems += RowAudit.audit(try V1.ServerMessage(bsatnBytes: bytes))
            return result
        case ("v1", "RowSizeHint"): return try exact(RowSizeHint.self, bytes)
        case ("v1", "BsatnRowList"):
            var result = try exact(BsatnRowList.self, bytes)
            // The README's row lists hold `user` rows.
            result.problems += RowAudit.audit(try BsatnRowList(bsatnBytes: bytes), table: "user")
            return result
        case ("v1", "CompressableQueryUpdate"):
            var result = try exact(V1.CompressableQueryUpdate.self, bytes)
            result.problems += RowAudit.audit(try V1.CompressableQueryUpdate(bsatnBytes: bytes), table: "message")
            return result
        case ("v2", "ClientMessage"): return try exact(V2.ClientMessage.self, bytes)
        case ("v2", "ServerMessage"):
            var result = try exact(V2.ServerMessage.self, bytes)
            result.problems += RowAudit.audit(try V2.ServerMessage(bsatnBytes: bytes))
            return result
        case ("v2", "TableUpdateRows"):
            var result = try exact(V2.TableUpdateRows.self, bytes)
            let rows = try V2.TableUpdateRows(bsatnBytes: bytes)
            result.problems += RowAudit.audit(rows, table: vector.name.hasSuffix(".event") ? "message" : "user")
            return result
        case ("v2", "ReducerOutcome"): return try exact(V2.ReducerOutcome.self, bytes)
        case (_, "ServerFrame"): return try serverFrame(vector)
        case ("v3", "ClientFrame"):
            let messages = try V3.decodeClientFrame(bytes[...])
            return DecodedVector(
                rendered: .object([("messages", messages.vectorJSON)]), reencoded: V3.encodeClientFrame(messages))
        case ("bsatn", _): return try primitive(vector.type, bytes)
        default: throw VectorDecoderError(description: "no decoder for \(vector.protocolName) type \(vector.type)")
        }
    }

    /// Decodes a value that must span all of `bytes`, renders it and encodes it again.
    static func exact<T: BSATNCodable & VectorJSONRenderable>(_: T.Type, _ bytes: [UInt8]) throws -> DecodedVector {
        let value = try T(bsatnBytes: bytes)
        return DecodedVector(rendered: value.vectorJSON, reencoded: value.bsatnBytes())
    }

    static func primitive(_ type: String, _ bytes: [UInt8]) throws -> DecodedVector {
        switch type {
        case "bool": return try exact(Bool.self, bytes)
        case "u8": return try exact(UInt8.self, bytes)
        case "u16": return try exact(UInt16.self, bytes)
        case "u32": return try exact(UInt32.self, bytes)
        case "u64": return try exact(UInt64.self, bytes)
        case "u128": return try exact(UInt128.self, bytes)
        case "u256": return try exact(UInt256.self, bytes)
        case "i8": return try exact(Int8.self, bytes)
        case "i16": return try exact(Int16.self, bytes)
        case "i32": return try exact(Int32.self, bytes)
        case "i64": return try exact(Int64.self, bytes)
        case "i128": return try exact(Int128.self, bytes)
        case "i256": return try exact(Int256.self, bytes)
        case "f32": return try exact(Float.self, bytes)
        case "f64": return try exact(Double.self, bytes)
        case "String": return try exact(String.self, bytes)
        case "Array<u32>": return try exact([UInt32].self, bytes)
        case "Array<String>": return try exact([String].self, bytes)
        case "Array<bool>": return try exact([Bool].self, bytes)
        case "Array<u8>": return try exact(ByteArray.self, bytes)
        case "Array<Array<u8>>": return try exact([ByteArray].self, bytes)
        case "Array<Option<i32>>": return try exact([Int32?].self, bytes)
        case "Array<Identity>": return try exact([Identity].self, bytes)
        case "Option<u32>": return try exact(UInt32?.self, bytes)
        case "Option<String>": return try exact(String?.self, bytes)
        case "Option<bool>": return try exact(Bool?.self, bytes)
        case "Option<Identity>": return try exact(Identity?.self, bytes)
        case "Result<u32, String>": return try exact(BSATNResult<UInt32, String>.self, bytes)
        case "Identity": return try exact(Identity.self, bytes)
        case "ConnectionId": return try exact(ConnectionId.self, bytes)
        case "Timestamp": return try exact(Timestamp.self, bytes)
        case "TimeDuration": return try exact(TimeDuration.self, bytes)
        case "ScheduleAt": return try exact(ScheduleAt.self, bytes)
        case "Point": return try exact(Point.self, bytes)
        case "Color": return try exact(Color.self, bytes)
        case "User": return try exact(User.self, bytes)
        case "Message": return try exact(Message.self, bytes)
        case "SetNameArgs": return try exact(SetNameArgs.self, bytes)
        case "SendMessageArgs": return try exact(SendMessageArgs.self, bytes)
        default: throw VectorDecoderError(description: "no decoder for bsatn type \(type)")
        }
    }

    /// A complete server frame: envelope, decompression, then one (v1, v2) or several (v3) messages.
    static func serverFrame(_ vector: ProtocolVector) throws -> DecodedVector {
        let frame = vector.bytes
        let (compression, payload) = try ServerFrameCodec.decode(frame)
        var problems: [String] = []
        let messages: VectorJSON
        let reencodedPayload: [UInt8]
        switch vector.protocolName {
        case "v1":
            let message = try V1.ServerMessage(bsatnBytes: payload)
            if try V1.ServerMessage(frame: frame[...]) != message { problems.append("V1.ServerMessage(frame:) disagrees") }
            problems += RowAudit.audit(message)
            messages = [message].vectorJSON
            reencodedPayload = message.bsatnBytes()
        case "v2":
            let message = try V2.ServerMessage(bsatnBytes: payload)
            if try V2.ServerMessage(frame: frame[...]) != message { problems.append("V2.ServerMessage(frame:) disagrees") }
            problems += RowAudit.audit(message)
            messages = [message].vectorJSON
            reencodedPayload = message.bsatnBytes()
        case "v3":
            let decoded = try V3.decodeServerMessages(payload)
            if try V3.decodeServerFrame(frame[...]) != decoded { problems.append("V3.decodeServerFrame disagrees") }
            for message in decoded { problems += RowAudit.audit(message) }
            messages = decoded.vectorJSON
            reencodedPayload = V3.encodeServerPayload(decoded)
        default:
            throw VectorDecoderError(description: "no server frame decoder for protocol \(vector.protocolName)")
        }
        if reencodedPayload != Array(payload) { problems.append("re-encoded payload differs from the decompressed payload") }

        var members: [(String, VectorJSON)] = [
            ("compression", .string(compression.queryValue)), ("compression_tag", .number(Double(frame[0]))),
        ]
        let reencodedFrame: [UInt8]?
        if compression == .none {
            reencodedFrame = ServerFrameCodec.encode(payload: reencodedPayload, using: .none)
        } else {
            members.append(("payload", .hex(payload)))
            // Compressed bytes are not canonical: check our own compressor round-trips instead.
            let ours = ServerFrameCodec.encode(payload: reencodedPayload, requested: compression)
            if ours.first != frame.first { problems.append("server-side encoding of a \(payload.count)-byte payload chose tag \(ours.first.map(String.init) ?? "none")") }
            if let back = try? ServerFrameCodec.decode(ours), Array(back.payload) == reencodedPayload {
            } else {
                problems.append("our \(compression) compression does not round-trip")
            }
            reencodedFrame = nil
        }
        members.append(("messages", messages))
        return DecodedVector(rendered: .object(members), reencoded: reencodedFrame, problems: problems)
    }
}
