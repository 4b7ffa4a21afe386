import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Plain words for why a TCP connection could not be made.
///
/// NIO's errors describe themselves for NIO's developers
/// (`SingleConnectionFailure(target: [IPv4]127.0.0.1/127.0.0.1:1, error: connection reset (error set)...`);
/// someone starting a chat client needs "connection refused" or "host name not found".
enum ConnectFailureDescription {
    /// A short reason for `error`, as the system would word it.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            // Each address that was tried failed; the first reason speaks for them (usually all
            // the same). No addresses at all means the name did not resolve.
            if let first = error.connectionErrors.first {
                return describe(first.error)
            }
            return "host name not found"
        case let error as IOError:
            return systemReason(error.errnoCode)
        case is SocketAddressError, is SocketAddressError.UnknownHost:
            return "host name not found"
        case is ChannelError:
            if case ChannelError.connectTimeout = error { return "timed out" }
            return "\(error)"
        default:
            let text = "\(error)"
            // NIO's resolver errors carry this prefix and getaddrinfo's message.
            return text.contains("DNS error") || text.contains("UnknownHost") ? "host name not found" : text
        }
    }

    /// strerror's text, lowercased as it reads mid-sentence ("connection refused").
    private static func systemReason(_ code: CInt) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let reason = String(cString: text)
        guard let first = reason.first else { return "error \(code)" }
        return first.lowercased() + reason.dropFirst()
    }
}
