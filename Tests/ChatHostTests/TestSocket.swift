import Foundation
import Synchronization

/// A blocking TCP socket to 127.0.0.1 whose calls run on threads of their own, never on the Swift
/// concurrency pool (the host under test needs that pool). The unread bytes are guarded by a mutex.
final class TestSocket: Sendable {
    let descriptor: Int32
    private let pending = Mutex<[UInt8]>([])

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    static func connect(port: Int) async throws -> TestSocket {
        try await blocking {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw TestSocketError.connectFailed(errno) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else {
                let code = errno
                Glibc.close(fd)
                throw TestSocketError.connectFailed(code)
            }
            return TestSocket(descriptor: fd)
        }
    }

    /// Runs blocking work on a thread of its own: never on the Swift concurrency pool, and not on
    /// Dispatch's global queue either, whose width on Linux is the core count (blocking calls there
    /// queue behind each other).
    ///
    /// The result crosses back through an `NSLock` (a pthread mutex, which ThreadSanitizer sees) rather
    /// than only through the continuation: TSan once reported the socket's `descriptor`, written by the
    /// connecting thread, as racing with its first read after the resumption (CI, 6 December 2026).
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let handoff = Handoff<T>()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                handoff.put(Result { try work() })
                continuation.resume()
            }
        }
        return try handoff.take().get()
    }

    func write(_ bytes: [UInt8]) async throws {
        try await TestSocket.blocking { [descriptor] in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { throw TestSocketError.closed }
                offset += written
            }
        }
    }

    /// Waits until at least `count` bytes are buffered, then removes and returns exactly `count`.
    func read(exactly count: Int, timeout: Double = 10) async throws -> [UInt8] {
        try await TestSocket.blocking { [self] in
            try fill(atLeast: count, timeout: timeout)
            return pending.withLock { buffer in
                let result = Array(buffer.prefix(count))
                buffer.removeFirst(count)
                return result
            }
        }
    }

    /// Reads until `delimiter` appears; returns the bytes through it.
    func read(through delimiter: [UInt8], timeout: Double = 10) async throws -> [UInt8] {
        try await TestSocket.blocking { [self] in
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                let found: [UInt8]? = pending.withLock { buffer in
                    guard buffer.count >= delimiter.count else { return nil }
                    for start in 0...(buffer.count - delimiter.count)
                    where Array(buffer[start..<(start + delimiter.count)]) == delimiter {
                        let result = Array(buffer.prefix(start + delimiter.count))
                        buffer.removeFirst(start + delimiter.count)
                        return result
                    }
                    return nil
                }
                if let found { return found }
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { throw TestSocketError.timedOut("a delimiter") }
                try receiveSome(timeout: remaining)
            }
        }
    }

    /// Reads everything until the host closes the connection.
    func readToEnd(timeout: Double = 10) async throws -> [UInt8] {
        try await TestSocket.blocking { [self] in
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { throw TestSocketError.timedOut("end of stream") }
                do {
                    try receiveSome(timeout: remaining)
                } catch TestSocketError.closed {
                    return pending.withLock { buffer in
                        defer { buffer.removeAll() }
                        return buffer
                    }
                }
            }
        }
    }

    /// Whether the host has closed the connection (reading returns end of stream) within `timeout`.
    func waitForClose(timeout: Double = 10) async -> Bool {
        (try? await TestSocket.blocking { [self] () -> Bool in
            let deadline = Date().addingTimeInterval(timeout)
            while deadline.timeIntervalSinceNow > 0 {
                do {
                    try receiveSome(timeout: deadline.timeIntervalSinceNow)
                } catch TestSocketError.closed {
                    return true
                }
            }
            return false
        }) ?? false
    }

    func close() {
        Glibc.close(descriptor)
    }

    private func fill(atLeast count: Int, timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while pending.withLock({ $0.count }) < count {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw TestSocketError.timedOut("\(count) bytes") }
            try receiveSome(timeout: remaining)
        }
    }

    private func receiveSome(timeout: Double) throws {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(max(1, min(timeout, 60) * 1000)))
        if ready == 0 { throw TestSocketError.timedOut("data") }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count <= 0 { throw TestSocketError.closed }
        pending.withLock { $0.append(contentsOf: chunk[0..<count]) }
    }
}

/// One result handed from a worker thread to the task waiting for it, under a pthread mutex.
private final class Handoff<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func put(_ value: Result<T, any Error>) {
        lock.lock()
        result = value
        lock.unlock()
    }

    func take() throws -> Result<T, any Error> {
        lock.lock()
        defer { lock.unlock() }
        guard let value = result else { throw TestSocketError.closed }
        return value
    }
}
