import Foundation

/// An HTTP response as the test client read it.
struct TestHTTPResponse: Sendable {
    var status: Int
    /// Header names lowercased; the last value wins.
    var headers: [String: String]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// Parses a response head (through the blank line).
    static func parseHead(_ bytes: [UInt8]) throws -> TestHTTPResponse {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw TestSocketError.malformed("status line in \(text)")
        }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return TestHTTPResponse(status: status, headers: headers, body: [])
    }

    /// Sends one request on a fresh connection and reads the whole response.
    static func request(
        port: Int, method: String, path: String, headers: [(String, String)] = []
    ) async throws -> TestHTTPResponse {
        let socket = try await TestSocket.connect(port: port)
        defer { socket.close() }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 0\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Connection: close\r\n\r\n"
        try await socket.write(Array(request.utf8))
        var response = try parseHead(try await socket.read(through: Array("\r\n\r\n".utf8)))
        if let length = response.headers["content-length"].flatMap(Int.init) {
            response.body = length > 0 ? try await socket.read(exactly: length) : []
        } else {
            response.body = try await socket.readToEnd()
        }
        return response
    }
}
