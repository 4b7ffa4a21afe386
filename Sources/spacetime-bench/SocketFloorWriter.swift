import ChatHost
import Foundation

/// One writer thread of ``SocketFloorBenchmark``: on each byte from its wake pipe it writes the same
/// frame to each of its sockets in turn, as a host event loop writes one update to its clients.
final class SocketFloorWriter: Sendable {
    private let wakeWriter: Int32

    /// Starts the thread; it owns `sockets` (blocking, so a write never comes back short) and closes
    /// them when ``stop()`` closes its pipe.
    init(sockets: [PlainSocket], frame: [UInt8], name: String) throws(PlainSocketError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .call("pipe", errno) }
        let wakeReader = ends[0]
        wakeWriter = ends[1]
        Thread {
            CurrentThreadName.set(name)
            defer {
                for socket in sockets { socket.close() }
                _ = close(wakeReader)
            }
            var byte: UInt8 = 0
            while true {
                let count = read(wakeReader, &byte, 1)
                // A signal handled in this process (the terminal suites install some) interrupts the
                // read; only end of file, from ``stop()``, ends the thread.
                if count < 0 && errno == EINTR { continue }
                guard count == 1 else { break }
                for socket in sockets { try? socket.write(frame) }
            }
        }.start()
    }

    /// Writes the frame to every socket once more.
    func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriter, &byte, 1)
    }

    /// Ends the thread (its pipe reads end of file).
    func stop() { _ = close(wakeWriter) }
}
