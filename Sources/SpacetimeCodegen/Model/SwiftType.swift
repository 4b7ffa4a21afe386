/// The Swift type a schema type maps to, and how generated code reads and writes it.
public indirect enum SwiftType: Hashable, Sendable {
    /// `Bool`.
    case bool
    /// `Int8`.
    case int8
    /// `UInt8`.
    case uint8
    /// `Int16`.
    case int16
    /// `UInt16`.
    case uint16
    /// `Int32`.
    case int32
    /// `UInt32`.
    case uint32
    /// `Int64`.
    case int64
    /// `UInt64`.
    case uint64
    /// `Int128`.
    case int128
    /// `UInt128`.
    case uint128
    /// The SDK's `Int256`.
    case int256
    /// The SDK's `UInt256`.
    case uint256
    /// `Float` (`f32`).
    case float
    /// `Double` (`f64`).
    case double
    /// `String`.
    case string
    /// `[UInt8]` (`Array<U8>`), written as one byte array.
    case bytes
    /// `Identity` (`{__identity__: u256}`).
    case identity
    /// `ConnectionId` (`{__connection_id__: u128}`).
    case connectionId
    /// `Timestamp` (`{__timestamp_micros_since_unix_epoch__: i64}`).
    case timestamp
    /// `TimeDuration` (`{__time_duration_micros__: i64}`).
    case timeDuration
    /// `Uuid` (`{__uuid__: u128}`).
    case uuid
    /// `ScheduleAt` (sum `Interval(TimeDuration)` | `Time(Timestamp)`).
    case scheduleAt
    /// `BSATNUnit`, the empty product.
    case unit
    /// `T?` (sum `some(T)` | `none`).
    case optional(SwiftType)
    /// `[T]`.
    case array(SwiftType)
    /// `BSATNResult<T, E>` (sum `ok(T)` | `err(E)`).
    case result(SwiftType, SwiftType)
    /// A generated type, by its Swift name.
    case named(String)

    /// The type as written in Swift source.
    public var spelling: String {
        switch self {
        case .bool: return "Bool"
        case .int8: return "Int8"
        case .uint8: return "UInt8"
        case .int16: return "Int16"
        case .uint16: return "UInt16"
        case .int32: return "Int32"
        case .uint32: return "UInt32"
        case .int64: return "Int64"
        case .uint64: return "UInt64"
        case .int128: return "Int128"
        case .uint128: return "UInt128"
        case .int256: return "Int256"
        case .uint256: return "UInt256"
        case .float: return "Float"
        case .double: return "Double"
        case .string: return "String"
        case .bytes: return "[UInt8]"
        case .identity: return "Identity"
        case .connectionId: return "ConnectionId"
        case .timestamp: return "Timestamp"
        case .timeDuration: return "TimeDuration"
        case .uuid: return "Uuid"
        case .scheduleAt: return "ScheduleAt"
        case .unit: return "BSATNUnit"
        case .optional(let wrapped): return wrapped.spelling + "?"
        case .array(let element): return "[\(element.spelling)]"
        case .result(let ok, let err): return "BSATNResult<\(ok.spelling), \(err.spelling)>"
        case .named(let name): return name
        }
    }

    /// The type as SpacetimeDB's Rust modules spell it (`Option<String>`, `u32`, `Vec<u8>`), for doc comments.
    public var satsSpelling: String {
        switch self {
        case .bool: return "bool"
        case .int8: return "i8"
        case .uint8: return "u8"
        case .int16: return "i16"
        case .uint16: return "u16"
        case .int32: return "i32"
        case .uint32: return "u32"
        case .int64: return "i64"
        case .uint64: return "u64"
        case .int128: return "i128"
        case .uint128: return "u128"
        case .int256: return "i256"
        case .uint256: return "u256"
        case .float: return "f32"
        case .double: return "f64"
        case .bytes: return "Vec<u8>"
        case .unit: return "()"
        case .optional(let wrapped): return "Option<\(wrapped.satsSpelling)>"
        case .array(let element): return "Vec<\(element.satsSpelling)>"
        case .result(let ok, let err): return "Result<\(ok.satsSpelling), \(err.satsSpelling)>"
        case .string, .identity, .connectionId, .timestamp, .timeDuration, .uuid, .scheduleAt, .named:
            return spelling
        }
    }

    /// The `BSATNReader` method that reads this type directly, if there is one.
    var readerMethod: String? {
        switch self {
        case .bool: return "readBool"
        case .int8: return "readInt8"
        case .uint8: return "readUInt8"
        case .int16: return "readInt16"
        case .uint16: return "readUInt16"
        case .int32: return "readInt32"
        case .uint32: return "readUInt32"
        case .int64: return "readInt64"
        case .uint64: return "readUInt64"
        case .int128: return "readInt128"
        case .uint128: return "readUInt128"
        case .float: return "readFloat"
        case .double: return "readDouble"
        case .string: return "readString"
        case .bytes: return "readByteArray"
        default: return nil
        }
    }

    /// A statement that appends `value`'s BSATN to `writer`.
    ///
    /// Primitives, strings, arrays and optionals go through `BSATNWriter.write`; byte arrays through
    /// `writeByteArray`; everything else encodes itself, as the hand-written bindings do.
    public func encodeStatement(_ value: String) -> String {
        switch self {
        case .bytes: return "writer.writeByteArray(\(value))"
        case .optional, .array: return "writer.write(\(value))"
        default:
            return readerMethod != nil ? "writer.write(\(value))" : "\(value).encode(to: &writer)"
        }
    }

    /// An expression that reads one value from `reader` (it contains `try`).
    public var decodeExpression: String {
        if let method = readerMethod { return "try reader.\(method)()" }
        switch self {
        case .optional(let wrapped): return "try reader.readOptional(of: \(wrapped.metatypeSpelling).self)"
        case .array(let element): return "try reader.readArray(of: \(element.metatypeSpelling).self)"
        default: return "try \(spelling)(bsatn: &reader)"
        }
    }

    /// The spelling usable before `.self`; optionals need parentheses there (`(Int32?).self`).
    var metatypeSpelling: String {
        if case .optional = self { return "(\(spelling))" }
        return spelling
    }

    /// The generated types this type stores by value (not through an array's heap storage).
    var namedByValue: [String] {
        switch self {
        case .named(let name): return [name]
        case .optional(let wrapped): return wrapped.namedByValue
        case .result(let ok, let err): return ok.namedByValue + err.namedByValue
        default: return []
        }
    }

    /// Every generated type this type mentions.
    var namedAnywhere: [String] {
        switch self {
        case .named(let name): return [name]
        case .optional(let wrapped), .array(let wrapped): return wrapped.namedAnywhere
        case .result(let ok, let err): return ok.namedAnywhere + err.namedAnywhere
        default: return []
        }
    }
}
