import Foundation

/// A non-blocking pipe that lets any thread wake the UI thread out of `poll()`.
///
/// Writers put one byte in; the loop drains all bytes at once, so many wake-ups between two redraws
/// coalesce into one.
public final class WakePipe: Sendable {
    /// The end the event loop polls.
    public let readDescriptor: Int32
    /// The end `wake()` writes to.
    public let writeDescriptor: Int32

    /// Creates the pipe, or throws if the system has no descriptors left.
    public init() throws(TerminalLoopError) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .systemCall("pipe", errno) }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Wakes the loop. Safe from any thread; a full pipe already means "wake up", so EAGAIN is fine.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe (called by the loop after it woke up).
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }
}
