/// A typed WHERE clause over one table: comparisons of a column with a literal, joined by AND / OR.
///
/// Pure: parsed once by ``SQLPredicateParser``, then evaluated on every row a query reads or a
/// transaction changes, so a client hears exactly the rows its query selects.
public indirect enum SQLPredicate: Hashable, Sendable, CustomStringConvertible {
    /// `column op value`, the value already of the column's type.
    case compare(column: String, SQLComparison, SQLValue)
    /// Both hold.
    case and(SQLPredicate, SQLPredicate)
    /// Either holds.
    case or(SQLPredicate, SQLPredicate)

    /// Whether the row satisfies the predicate; a comparison with an unset optional is false, as NULL is in SQL.
    public func evaluate(on row: some SQLRow) -> Bool {
        switch self {
        case .compare(let column, let comparison, let value):
            guard let rowValue = row.sqlValue(ofColumn: column), let ordering = rowValue.compare(to: value) else {
                return false
            }
            return comparison.holds(forOrdering: ordering)
        case .and(let left, let right): return left.evaluate(on: row) && right.evaluate(on: row)
        case .or(let left, let right): return left.evaluate(on: row) || right.evaluate(on: row)
        }
    }

    /// The smallest range of a timestamp column (microseconds, inclusive) outside which no row can
    /// satisfy the predicate: the whole range when the predicate does not bound it, nil when no row
    /// can match. The host reads only this slice of its `sent`-ordered messages.
    func bounds(ofTimestampColumn name: String) -> ClosedRange<Int64>? {
        let all = Int64.min...Int64.max
        switch self {
        case .compare(let column, let comparison, .timestamp(let micros)) where column == name:
            switch comparison {
            case .equal: return micros...micros
            case .notEqual: return all
            case .less: return micros == .min ? nil : Int64.min...(micros - 1)
            case .lessOrEqual: return Int64.min...micros
            case .greater: return micros == .max ? nil : (micros + 1)...Int64.max
            case .greaterOrEqual: return micros...Int64.max
            }
        case .compare: return all
        case .and(let left, let right):
            guard let a = left.bounds(ofTimestampColumn: name), let b = right.bounds(ofTimestampColumn: name) else {
                return nil
            }
            let lower = max(a.lowerBound, b.lowerBound)
            let upper = min(a.upperBound, b.upperBound)
            return lower <= upper ? lower...upper : nil
        case .or(let left, let right):
            let a = left.bounds(ofTimestampColumn: name)
            let b = right.bounds(ofTimestampColumn: name)
            guard let a else { return b }
            guard let b else { return a }
            return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
        }
    }

    /// Whether a row satisfies the predicate exactly when its timestamp column `name` lies within
    /// ``bounds(ofTimestampColumn:)``: comparisons of that column (other than `!=`) joined by AND.
    /// The host then sends that slice of its messages without evaluating the predicate on each.
    func isExactlyBounds(ofTimestampColumn name: String) -> Bool {
        switch self {
        case .compare(let column, let comparison, .timestamp) where column == name: return comparison != .notEqual
        case .compare: return false
        case .and(let left, let right):
            return left.isExactlyBounds(ofTimestampColumn: name) && right.isExactlyBounds(ofTimestampColumn: name)
        case .or: return false
        }
    }

    /// The clause as SQL (parsing it back gives the same predicate).
    public var description: String {
        switch self {
        case .compare(let column, let comparison, let value): return "\(column) \(comparison.rawValue) \(value)"
        case .and(let left, let right): return "\(left.groupedForAnd) AND \(right.groupedForAnd)"
        case .or(let left, let right): return "\(left) OR \(right)"
        }
    }

    /// An OR inside an AND needs parentheses to keep its meaning.
    private var groupedForAnd: String {
        if case .or = self { return "(\(self))" }
        return description
    }
}
