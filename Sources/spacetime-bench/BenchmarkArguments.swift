/// A benchmark's `--name value` options, read once for every benchmark the same way.
struct BenchmarkArguments {
    private var values: [String: String] = [:]

    /// Reads `--name value` pairs; nil for a name not in `known` or a name without a value.
    init?(_ arguments: [String], known: Set<String>) {
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard known.contains(name), let value = iterator.next() else { return nil }
            values[name] = value
        }
    }

    /// The option's text, if given.
    func text(_ name: String) -> String? { values[name] }

    /// The option as an integer: `fallback` when not given, nil when given but not a number.
    func int(_ name: String, fallback: Int) -> Int? {
        guard let text = values[name] else { return fallback }
        return Int(text)
    }

    /// The option as a number of seconds and the like: `fallback` when not given, nil when not a number.
    func double(_ name: String, fallback: Double) -> Double? {
        guard let text = values[name] else { return fallback }
        return Double(text)
    }
}
