import Glibc

/// Writes text straight to a file descriptor and reports failure instead of trapping.
///
/// `FileHandle.write(_:)` traps when the write fails, and it does fail in ordinary use: once the
/// terminal window is closed, every write to the tty gets `EIO`, and a full disk gives `ENOSPC`.
/// A chat client that crashed whenever its terminal went away would lose its clean exit, so the
/// terminal-mode sequences, the exit line on stderr and the log file all go through here.
public enum DescriptorOutput {
    /// Writes all of `text` to `descriptor`, retrying short writes and `EINTR`.
    /// - Returns: `false` when the descriptor refused the bytes (closed tty, full disk, ...).
    @discardableResult
    public static func write(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Writes `line` and a newline to standard error; a closed terminal is ignored.
    public static func writeErrorLine(_ line: String) {
        write(line + "\n", to: STDERR_FILENO)
    }
}
