import Foundation

/// The UI thread's loop: blocks in `poll()` on stdin, the wake-up pipe and the signal pipe, and
/// hands what arrived to a handler. Nothing polls on a timer while idle: the handler asks for a
/// deadline only when something on screen counts down (or a lone ESC awaits its sequence).
public struct TerminalEventLoop {
    /// What woke the loop.
    public enum Wake: Sendable, Equatable {
        /// Bytes typed or pasted.
        case input([UInt8])
        /// Standard input reached end of file (the terminal closed).
        case inputClosed
        /// Another thread posted events.
        case posted
        /// A signal arrived.
        case signal(SignalPipe.Signal)
        /// The deadline the handler asked for passed.
        case deadline
    }

    /// What the handler wants next.
    public enum Next: Sendable, Equatable {
        /// Wait with no timeout.
        case waitIndefinitely
        /// Wait at most this many milliseconds.
        case waitAtMost(milliseconds: Int32)
        /// Leave the loop.
        case stop
    }

    private let inputDescriptor: Int32
    private let wakePipe: WakePipe
    private let signalDescriptor: Int32

    /// Creates a loop over `inputDescriptor` (normally stdin), a wake pipe and the installed signal pipe.
    public init(inputDescriptor: Int32 = STDIN_FILENO, wakePipe: WakePipe, signalDescriptor: Int32) {
        self.inputDescriptor = inputDescriptor
        self.wakePipe = wakePipe
        self.signalDescriptor = signalDescriptor
    }

    /// Runs until the handler returns `.stop`. The handler receives everything that arrived in one wake-up.
    public func run(initial: Next = .waitIndefinitely, _ handler: ([Wake]) -> Next) throws(TerminalLoopError) {
        var next = initial
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var inputOpen = true
        while true {
            let timeout: Int32
            switch next {
            case .stop: return
            case .waitIndefinitely: timeout = -1
            case .waitAtMost(let milliseconds): timeout = max(0, milliseconds)
            }
            var fds = [
                pollfd(fd: inputOpen ? inputDescriptor : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakePipe.readDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .systemCall("poll", errno)
            }
            var wakes: [Wake] = []
            if ready == 0 { wakes.append(.deadline) }
            if fds[2].revents != 0 {
                wakes += SignalPipe.drain().map(Wake.signal)
            }
            if fds[1].revents != 0 {
                wakePipe.drain()
                wakes.append(.posted)
            }
            if inputOpen, fds[0].revents != 0 {
                let count = read(inputDescriptor, &buffer, buffer.count)
                if count > 0 {
                    wakes.append(.input(Array(buffer[0..<count])))
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    inputOpen = false
                    wakes.append(.inputClosed)
                }
            }
            if wakes.isEmpty { continue }
            next = handler(wakes)
        }
    }
}
