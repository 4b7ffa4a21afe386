/// One input surface the fuzzer drives: a name for `FUZZ_TARGET`, what it reads, and the code that
/// feeds one input to the real decoder.
///
/// `run` must return normally for every input: a decoder that refuses bytes throws, and the target
/// swallows that. Anything else (a trap, an out-of-bounds slice, a broken invariant checked with
/// `precondition`) is a crash that libFuzzer reports with the input that caused it.
struct FuzzTarget: Sendable {
    /// The name given in `FUZZ_TARGET` and used for the corpus directory, `Fuzz/Corpus/<name>`.
    let name: String
    /// Which bytes from outside this target stands for, for `scripts/fuzz.sh --list`.
    let surface: String
    /// Feeds one input to the decoder under test.
    let run: @Sendable ([UInt8]) -> Void

    /// Every target, client side first.
    static let all: [FuzzTarget] = ClientFuzzTargets.all + [MarkupFuzzTarget.target] + HostFuzzTargets.all + [HTTPFuzzTarget.target]

    /// The target named `name`, if there is one.
    static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
