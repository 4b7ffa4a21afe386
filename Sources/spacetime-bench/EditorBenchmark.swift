import ChatCore
import ChatTerminal
import Foundation
import SpacetimeDB

/// `spacetime-bench editor [--paste-bytes 1000000] [--keys 200]`: the input line with a huge paste in
/// it. Pastes `--paste-bytes` bytes of mixed text (ASCII words, accents, CJK, emoji, line breaks) into a
/// `LineEditor`, then times single keystrokes at the end and at the start of that text. Each keystroke
/// is the editing command plus composing the whole 100×30 frame (which measures the input line's
/// visible slice), which is what the UI thread does per key before painting. Median, p99 and worst
/// of `--keys` keystrokes per case.
enum EditorBenchmark: Benchmark {
    static let name = "editor"
    static let summary = "input line: keystroke cost (edit + compose the frame) with a huge paste in the editor"

    static func run(arguments: [String]) -> Int32 {
        guard let given = BenchmarkArguments(arguments, known: ["--paste-bytes", "--keys"]),
              let pasteBytes = given.int("--paste-bytes", fallback: 1_000_000),
              let keys = given.int("--keys", fallback: 200), pasteBytes > 0, keys > 0
        else {
            FileHandle.standardError.write(Data("usage: spacetime-bench editor [--paste-bytes N] [--keys N]\n".utf8))
            return 2
        }
        let paste = pasteText(bytes: pasteBytes)
        var model = ChatModel(databaseName: "quickstart-chat", hostLabel: "localhost:3000")
        _ = model.apply(.connected(identity: Identity(UInt256(7)), connectionID: .zero), at: .now())
        _ = model.apply(.initialRowsApplied(users: [], messages: []), at: .now())
        var composer = ChatScreenComposer(timeZone: TimeZone(identifier: "UTC") ?? .current)
        var editor = LineEditor()

        let clock = ContinuousClock()
        let pasteTime = clock.measure {
            editor.apply(.insert(paste))
            _ = composer.compose(model: model, editor: editor, columns: 100, rows: 30, now: .now())
        }
        var report = "editor: \(paste.utf8.count) bytes pasted (\(editor.characters.count) clusters) in \(milliseconds(pasteTime)) ms\n"
        report += "keystroke = command + compose the 100×30 frame; \(keys) keystrokes per case; wall clock, and this\n"
        report += "thread's CPU time (which leaves out waiting for a core on a busy machine)\n"
        report += "| case | median | p99 | worst | CPU median | CPU p99 | CPU worst |\n|---|---|---|---|---|---|---|\n"

        let cases: [(String, [EditorCommand])] = [
            ("type a letter at the end", [.insert("x")]),
            ("Backspace at the end", [.deleteBackward]),
            ("← then → at the end", [.moveLeft, .moveRight]),
            ("↑ then ↓ at the end (line to line)", [.moveLineUp, .moveLineDown]),
            ("Home", [.moveToStart]),
            ("type a letter at the start", [.insert("y")]),
            ("Delete at the start", [.deleteForward]),
            ("→ near the start", [.moveRight]),
            ("End", [.moveToEnd]),
        ]
        for (label, commands) in cases {
            var durations: [Duration] = []
            var cpuTimes: [Duration] = []
            durations.reserveCapacity(keys)
            for _ in 0..<keys {
                let cpuStart = threadCPUTime()
                let duration = clock.measure {
                    for command in commands { editor.apply(command) }
                    _ = composer.compose(model: model, editor: editor, columns: 100, rows: 30, now: .now())
                }
                cpuTimes.append(threadCPUTime() - cpuStart)
                durations.append(duration)
            }
            report += "| \(label) | \(summary(durations)) | \(summary(cpuTimes)) |\n"
        }
        FileHandle.standardOutput.write(Data(report.utf8))
        return 0
    }

    /// Median, p99 and worst of `samples`, as table cells.
    static func summary(_ samples: [Duration]) -> String {
        let sorted = samples.sorted()
        let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        return "\(milliseconds(sorted[sorted.count / 2])) ms | \(milliseconds(p99)) ms | \(milliseconds(sorted[sorted.count - 1])) ms"
    }

    /// CPU time this thread has used (CLOCK_THREAD_CPUTIME_ID).
    static func threadCPUTime() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }

    /// Mixed text of at least `bytes` UTF-8 bytes.
    static func pasteText(bytes: Int) -> String {
        let pattern = "the quick brown fox jumps over the lazy dog, café naïve 漢字かな 🎉👍🏽 ok\n"
        var text = ""
        text.reserveCapacity(bytes + pattern.utf8.count)
        while text.utf8.count < bytes { text += pattern }
        return text
    }

    static func milliseconds(_ duration: Duration) -> String {
        let components = duration.components
        let value = Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
        return String(format: value < 10 ? "%.3f" : "%.1f", value)
    }
}
