/// SQL text whose interpolated values are written as escaped literals, never as raw text.
///
/// ```swift
/// let since = Timestamp(Date().addingTimeInterval(-3600))
/// let recent: SQLText = "SELECT * FROM message WHERE sent >= \(since) AND text != \(userInput)"
/// // SELECT * FROM message WHERE sent >= '2026-12-06T04:54:38.000000Z' AND text != 'it''s'
/// ```
public struct SQLText: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The finished SQL.
    public let sql: String

    /// SQL written out in full (no interpolation): taken as is.
    public init(verbatim sql: String) { self.sql = sql }

    /// A string literal in code is SQL text as is.
    public init(stringLiteral value: String) { sql = value }

    /// Literal segments are kept as written; interpolated values become SQL literals.
    public init(stringInterpolation: Interpolation) { sql = stringInterpolation.sql }

    /// The SQL.
    public var description: String { sql }

    /// Builds ``SQLText`` from a string literal with interpolated values.
    public struct Interpolation: StringInterpolationProtocol {
        var sql = ""

        /// Reserves room for the literal segments.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// A segment of the SQL as written in code.
        public mutating func appendLiteral(_ literal: String) { sql += literal }

        /// A value, written as an escaped SQL literal.
        public mutating func appendInterpolation(_ value: some SQLLiteralConvertible) { sql += value.sqlLiteral.text }
    }
}
