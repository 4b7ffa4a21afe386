/// A comparison operator of the WHERE clause.
public enum SQLComparison: String, Hashable, Sendable, CaseIterable {
    /// `=`
    case equal = "="
    /// `!=` or `<>`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="

    /// Reads an operator token (`<>` is `!=`).
    init?(symbol: String) {
        if symbol == "<>" { self = .notEqual } else { self.init(rawValue: symbol) }
    }

    /// The operator with its operands swapped: `5 < x` is `x > 5`.
    var mirrored: SQLComparison {
        switch self {
        case .equal, .notEqual: return self
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        }
    }

    /// Whether the operator holds for an ordering (negative: left is smaller, 0: equal, positive: larger).
    func holds(forOrdering ordering: Int) -> Bool {
        switch self {
        case .equal: return ordering == 0
        case .notEqual: return ordering != 0
        case .less: return ordering < 0
        case .lessOrEqual: return ordering <= 0
        case .greater: return ordering > 0
        case .greaterOrEqual: return ordering >= 0
        }
    }
}
