import Foundation

/// Turns SIGWINCH, SIGINT, SIGTERM and SIGHUP into bytes on a pipe the event loop polls
/// (the self-pipe trick: a signal handler may only do async-signal-safe things such as `write`).
public enum SignalPipe {
    /// A signal the loop reacts to.
    public enum Signal: UInt8, Sendable {
        /// The terminal was resized.
        case windowChanged = 1
        /// Ctrl-C from outside raw mode, or `kill -INT`.
        case interrupt = 2
        /// `kill` / `kill -TERM`.
        case terminate = 3
        /// The terminal went away.
        case hangup = 4
    }

    // Written once at install time, before any handler can run, then only read by handlers.
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var readDescriptor: Int32 = -1

    /// Installs the handlers and returns the descriptor to poll. Idempotent.
    public static func install() throws(TerminalLoopError) -> Int32 {
        if readDescriptor >= 0 { return readDescriptor }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .systemCall("pipe", errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
        let pairs: [(Int32, Signal)] = [(SIGWINCH, .windowChanged), (SIGINT, .interrupt), (SIGTERM, .terminate), (SIGHUP, .hangup)]
        for (number, _) in pairs {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let code: UInt8
                switch number {
                case SIGWINCH: code = Signal.windowChanged.rawValue
                case SIGINT: code = Signal.interrupt.rawValue
                case SIGTERM: code = Signal.terminate.rawValue
                default: code = Signal.hangup.rawValue
                }
                var byte = code
                _ = write(SignalPipe.writeDescriptor, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
        return readDescriptor
    }

    /// Reads the signals that arrived since the last call.
    public static func drain() -> [Signal] {
        guard readDescriptor >= 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64)
        var result: [Signal] = []
        while true {
            let count = read(readDescriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            result += buffer[0..<count].compactMap(Signal.init(rawValue:))
        }
        return result
    }

    /// The terminal's current size from the kernel, or nil if stdout is not a terminal.
    public static func terminalSize() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
