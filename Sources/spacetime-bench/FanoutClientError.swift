/// Why a benchmark client could not start.
enum FanoutClientError: Error, CustomStringConvertible {
    case upgradeRefused(String)
    var description: String {
        switch self {
        case .upgradeRefused(let head): return "upgrade refused: \(head)"
        }
    }
}
