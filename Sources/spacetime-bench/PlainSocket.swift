import Foundation

/// A TCP connection to the local host as a bare file descriptor, for the `raw` host-fanout
/// subscribers: blocking while it connects and subscribes, then non-blocking in an epoll loop.
struct PlainSocket {
    let descriptor: Int32

    /// Connects to 127.0.0.1:`port` with `TCP_NODELAY`, as the NIO clients do.
    static func connect(port: Int) throws(PlainSocketError) -> PlainSocket {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .call("socket", errno) }
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = errno
            _ = Glibc.close(descriptor)
            throw .call("connect", error)
        }
        return PlainSocket(descriptor: descriptor)
    }

    /// A listening socket on 127.0.0.1 with a port the kernel chose; returns it and the port.
    static func listen() throws(PlainSocketError) -> (PlainSocket, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .call("socket", errno) }
        let listener = PlainSocket(descriptor: descriptor)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && Glibc.listen(descriptor, 4096) == 0
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            let error = errno
            listener.close()
            throw .call("bind/listen", error)
        }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Accepts one connection (blocking), with `TCP_NODELAY` as the host sets it.
    func accept() throws(PlainSocketError) -> PlainSocket {
        let accepted = Glibc.accept(descriptor, nil, nil)
        guard accepted >= 0 else { throw .call("accept", errno) }
        var one: Int32 = 1
        _ = setsockopt(accepted, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return PlainSocket(descriptor: accepted)
    }

    /// Writes all of `bytes` (blocking, or retrying a non-blocking socket that is full).
    func write(_ bytes: [UInt8]) throws(PlainSocketError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { all in
                let rest = UnsafeRawBufferPointer(rebasing: all[offset...])
                return Glibc.write(descriptor, rest.baseAddress, rest.count)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR || errno == EAGAIN {
                continue
            } else {
                throw .call("write", errno)
            }
        }
    }

    /// One `read(2)` into `buffer`; returns the byte count (0 at end of stream), or `nil` when a
    /// non-blocking socket has nothing to read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(PlainSocketError) -> Int? {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN: return nil
            case let error: throw .call("read", error)
            }
        }
    }

    /// One blocking `read(2)` into `buffer`; returns the byte count (0 at end of stream).
    func read(into buffer: inout [UInt8]) throws(PlainSocketError) -> Int {
        var result: Result<Int?, PlainSocketError> = .success(nil)
        buffer.withUnsafeMutableBytes { bytes in result = Result { () throws(PlainSocketError) in try read(into: bytes) } }
        return try result.get() ?? 0
    }

    /// Makes later reads and writes non-blocking.
    func makeNonBlocking() throws(PlainSocketError) {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else { throw .call("fcntl", errno) }
    }

    func close() { _ = Glibc.close(descriptor) }
}

/// Why a `raw` host-fanout subscriber failed.
enum PlainSocketError: Error, CustomStringConvertible {
    /// A system call failed with this `errno`.
    case call(String, Int32)
    /// The host answered the WebSocket upgrade with something other than `101`.
    case upgradeRefused(String)
    /// The host closed the connection, or sent what a subscriber does not expect here.
    case unexpected(String)

    var description: String {
        switch self {
        case .call(let name, let error): return "\(name): \(String(cString: strerror(error)))"
        case .upgradeRefused(let head): return "upgrade refused: \(head)"
        case .unexpected(let what): return what
        }
    }
}
