import Foundation
import SpacetimeDB

/// A parsed request URI: path segments and query parameters.
struct RequestTarget: Sendable {
    var segments: [String]
    var query: [String: String]

    init(uri: String) {
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        segments = parts[0].split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var query: [String: String] = [:]
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(keyValue[0]).removingPercentEncoding ?? String(keyValue[0])
                let rawValue = keyValue.count > 1 ? String(keyValue[1]) : ""
                let value = rawValue.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? rawValue
                if query[key] == nil { query[key] = value }
            }
        }
        self.query = query
    }
}
