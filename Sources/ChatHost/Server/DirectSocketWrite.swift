import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// One non-blocking `send(2)` of a buffer's readable bytes to a connected socket, for the data frames
/// a ``ClientSession`` writes past NIO.
enum DirectSocketWrite {
    /// Sends what the socket takes now of `buffer`'s readable bytes; returns how many it took (0 when
    /// it is full or failed: the caller hands the rest to NIO, which meets the same error and closes
    /// the channel). `MSG_NOSIGNAL`: a peer that is gone must not raise `SIGPIPE`.
    static func send(_ buffer: ByteBuffer, to descriptor: CInt) -> Int {
        buffer.withUnsafeReadableBytes { bytes in
            while true {
                let sent = Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                if sent >= 0 { return sent }
                if errno == EINTR { continue }
                return 0
            }
        }
    }
}
