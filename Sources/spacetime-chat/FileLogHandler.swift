import Foundation
import Logging

/// A swift-log handler that appends lines to a file: while curses owns the terminal, nothing may be
/// written to it, so the TUI logs here instead.
struct FileLogHandler: LogHandler {
    /// The open log file, shared by every logger of the process.
    final class Sink: @unchecked Sendable {
        // @unchecked: `handle` is only written under `lock`.
        private let lock = NSLock()
        private let handle: FileHandle

        init(path: String) throws {
            let url = URL(fileURLWithPath: path)
            // 0700: the directory also holds the input history (what you typed).
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            handle = try FileHandle(forWritingTo: url)
            handle.seekToEndOfFile()
        }

        func write(_ line: String) {
            lock.lock()
            defer { lock.unlock() }
            // A full disk must not take the chat down: a lost log line is the lesser harm.
            _ = try? handle.write(contentsOf: Data(line.utf8))
        }
    }

    private let label: String
    private let sink: Sink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    init(label: String, sink: Sink, level: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let details = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = ISO8601DateFormatter().string(from: Date())
        sink.write("\(time) \(event.level) \(label): \(event.message)\(details)\n")
    }
}
