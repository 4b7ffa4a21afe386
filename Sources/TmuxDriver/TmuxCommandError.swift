/// Why a tmux command did not succeed.
public enum TmuxCommandError: Error, CustomStringConvertible {
    /// `tmux` could not be started (not installed, not on `PATH`): the posix_spawn error code.
    case cannotStart(errorCode: Int32)
    /// tmux ran and exited unsuccessfully, with this wait status and output.
    case failed(command: String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .cannotStart(let code):
            return "cannot start tmux (error \(code)); install it (Debian: apt-get install tmux)"
        case .failed(let command, let status, let output):
            return "tmux \(command) failed (status \(status)): \(output)"
        }
    }
}
