import Foundation

/// Runs `tmux` commands against a private server (`tmux -L <socket>`), for the end-to-end tests and
/// the terminal benchmark: the one place that knows how to start tmux safely from Swift.
///
/// - posix_spawn and waitpid, not Foundation's `Process`, whose exit detection hung here when called
///   from a Swift concurrency thread.
/// - Output goes through a file, not a pipe: `new-session` starts the tmux server, which inherits
///   the descriptors and would hold a pipe open for as long as it lives.
/// - No signals blocked and default dispositions: the calling thread (a Swift concurrency or
///   Dispatch worker) blocks most signals and a spawned process inherits that mask, so the tmux
///   server would never see SIGCHLD or SIGTERM, and `kill-server` would leave it (and the program in
///   its pane) running forever.
/// - Every descriptor of ours is marked close-on-exec first, or a listening socket of an in-process
///   host would stay bound for as long as the tmux server lives.
public enum TmuxCommand {
    /// Runs `tmux -L socket -f /dev/null <arguments>` and returns what it printed.
    @discardableResult
    public static func run(socket: String, _ arguments: [String]) throws(TmuxCommandError) -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("stc-tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        markDescriptorsCloseOnExec()
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw .cannotStart(errorCode: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out (the macros are not imported).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw .failed(command: arguments.joined(separator: " "), status: status, output: text)
        }
        return text
    }

    /// Quotes `text` for the shell command a tmux session runs.
    public static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// (glibc's closefrom file action is not imported.)
    private static func markDescriptorsCloseOnExec() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in names {
            guard let fd = Int32(name), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }
}
