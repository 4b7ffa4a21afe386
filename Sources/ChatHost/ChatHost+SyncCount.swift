extension ChatHost {
    /// How many commit-log syncs the engine ran since start (tests check that transactions share them).
    public func commitLogSyncCount() async -> Int {
        await engine.commitLogSyncCount
    }
}
