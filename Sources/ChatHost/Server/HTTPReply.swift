/// An HTTP answer other than a WebSocket upgrade.
struct HTTPReply: Error, Sendable, Equatable {
    var status: Int
    var body: [UInt8]
    var contentType: String
    var headers: [(String, String)] = []

    static func == (lhs: HTTPReply, rhs: HTTPReply) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.contentType == rhs.contentType
            && lhs.headers.map { $0.0 + ":" + $0.1 } == rhs.headers.map { $0.0 + ":" + $0.1 }
    }

    static func text(_ status: Int, _ text: String) -> HTTPReply {
        HTTPReply(status: status, body: Array(text.utf8), contentType: "text/plain; charset=utf-8")
    }

    static func json(_ status: Int, _ json: String, headers: [(String, String)] = []) -> HTTPReply {
        HTTPReply(status: status, body: Array(json.utf8), contentType: "application/json", headers: headers)
    }
}
