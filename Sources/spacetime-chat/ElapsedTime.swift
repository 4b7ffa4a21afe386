/// Durations for the log lines that time the start path (`spacetime-bench tui` prints them).
enum ElapsedTime {
    /// "12.345 ms": the time since `start`.
    static func milliseconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return "\(Double(micros) / 1000) ms"
    }
}
