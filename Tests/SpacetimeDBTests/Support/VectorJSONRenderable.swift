import QuickstartChat
import SpacetimeDB

/// A decoded value that renders itself as the vectors' `value` JSON (README "JSON conventions").
protocol VectorJSONRenderable {
    var vectorJSON: VectorJSON { get }
}

extension Bool: VectorJSONRenderable { var vectorJSON: VectorJSON { .bool(self) } }
extension UInt8: VectorJSONRenderable { var vectorJSON: VectorJSON { .number(Double(self)) } }
extension UInt16: VectorJSONRenderable { var vectorJSON: VectorJSON { .number(Double(self)) } }
extension UInt32: VectorJSONRenderable { var vectorJSON: VectorJSON { .number(Double(self)) } }
extension Int8: VectorJSONRenderable { var vectorJSON: VectorJSON { .number(Double(self)) } }
extension Int16: VectorJSONRenderable { var vectorJSON: VectorJSON { .number(Double(self)) } }
extension Int32: VectorJSONRenderable { var vectorJSON: VectorJSON { .number(Double(self)) } }
// 64-bit and wider integers are decimal strings.
extension UInt64: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(String(self)) } }
extension Int64: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(String(self)) } }
extension UInt128: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(String(self)) } }
extension Int128: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(String(self)) } }
extension UInt256: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(description) } }
extension Int256: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(description) } }

/// Floats: a number, or the strings "NaN", "inf", "-inf", "-0.0".
private func floatJSON(_ value: Double) -> VectorJSON {
    if value.isNaN { return .string("NaN") }
    if value.isInfinite { return .string(value < 0 ? "-inf" : "inf") }
    if value == 0, value.sign == .minus { return .string("-0.0") }
    return .number(value)
}
extension Float: VectorJSONRenderable { var vectorJSON: VectorJSON { floatJSON(Double(self)) } }
extension Double: VectorJSONRenderable { var vectorJSON: VectorJSON { floatJSON(self) } }

extension String: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(self) } }
extension Array: VectorJSONRenderable where Element: VectorJSONRenderable {
    var vectorJSON: VectorJSON { .array(map(\.vectorJSON)) }
}
extension Optional: VectorJSONRenderable where Wrapped: VectorJSONRenderable {
    var vectorJSON: VectorJSON { map(\.vectorJSON) ?? .null }
}
extension BSATNResult: VectorJSONRenderable where Success: VectorJSONRenderable, Failure: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .ok(let value): .object([("ok", value.vectorJSON)])
        case .err(let value): .object([("err", value.vectorJSON)])
        }
    }
}

extension Identity: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(hexString) } }
extension ConnectionId: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(hexString) } }
extension Timestamp: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(String(microsecondsSinceUnixEpoch)) } }
extension TimeDuration: VectorJSONRenderable { var vectorJSON: VectorJSON { .string(String(microseconds)) } }
extension ScheduleAt: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .interval(let duration): .variant("Interval", duration.vectorJSON)
        case .time(let timestamp): .variant("Time", timestamp.vectorJSON)
        }
    }
}

extension RowSizeHint: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        switch self {
        case .fixedSize(let size): .variant("FixedSize", size.vectorJSON)
        case .rowOffsets(let offsets): .variant("RowOffsets", offsets.vectorJSON)
        }
    }
}
extension BsatnRowList: VectorJSONRenderable {
    var vectorJSON: VectorJSON { .object([("size_hint", sizeHint.vectorJSON), ("rows_data", .hex(rowsData))]) }
}
// The flags are declared as `u8` in SpacetimeDB, so the SDKs render them as numbers.
extension V1.CallReducerFlags: VectorJSONRenderable {
    var vectorJSON: VectorJSON { .number(self == .fullUpdate ? 0 : 1) }
}
extension V1.CallProcedureFlags: VectorJSONRenderable { var vectorJSON: VectorJSON { .number(0) } }

extension User: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([("identity", identity.vectorJSON), ("name", name.vectorJSON), ("online", online.vectorJSON)])
    }
}
extension Message: VectorJSONRenderable {
    var vectorJSON: VectorJSON {
        .object([("sender", sender.vectorJSON), ("sent", sent.vectorJSON), ("text", text.vectorJSON)])
    }
}
extension SetNameArgs: VectorJSONRenderable { var vectorJSON: VectorJSON { .object([("name", name.vectorJSON)]) } }
extension SendMessageArgs: VectorJSONRenderable { var vectorJSON: VectorJSON { .object([("text", text.vectorJSON)]) } }
