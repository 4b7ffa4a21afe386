import Dispatch
import Synchronization

/// Runs async work to completion from a benchmark's synchronous entry point (the main thread waits;
/// the work runs on Swift's concurrency threads).
func runBlocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let result = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        let value = await work()
        result.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    guard let value = result.withLock({ $0 }) else { preconditionFailure("the task signalled without a value") }
    return value
}
