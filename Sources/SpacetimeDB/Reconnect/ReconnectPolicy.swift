/// When and how fast a dropped connection is retried.
public struct ReconnectPolicy: Sendable, Hashable {
    /// The wait before the first retry.
    public var initialDelay: Duration
    /// The longest wait between retries; the delay doubles up to it.
    public var maximumDelay: Duration
    /// How much of each delay is random, 0...1: a fraction `jitter` of the delay may be shaved off,
    /// so that many clients dropped at once do not come back in lockstep.
    public var jitter: Double
    /// Give up after this many failed attempts in a row; nil retries for ever.
    public var maximumAttempts: Int?

    /// 1 s doubling to 30 s, a quarter of jitter, no attempt limit.
    public init(
        initialDelay: Duration = .seconds(1), maximumDelay: Duration = .seconds(30), jitter: Double = 0.25,
        maximumAttempts: Int? = nil
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = min(max(jitter, 0), 1)
        self.maximumAttempts = maximumAttempts
    }

    /// The delay before attempt `attempt` (1-based), given a random number in `0..<1`.
    public func delay(forAttempt attempt: Int, random: Double) -> Duration {
        var delay = initialDelay
        var step = 1
        while step < attempt && delay < maximumDelay {
            delay *= 2
            step += 1
        }
        if delay > maximumDelay { delay = maximumDelay }
        let factor = 1 - jitter * min(max(random, 0), 1)
        return delay * factor
    }

    /// Whether `error` ends the connection for good: the server said the token or database is wrong,
    /// the identity changed, or the bytes it sends cannot be understood. Anything else may heal.
    public static func isFatal(_ error: DbConnectionError) -> Bool {
        switch error {
        case .httpStatus(let code, _, _): return code == 400 || code == 401 || code == 403 || code == 404
        case .identityChanged, .invalidURI, .missingConfiguration, .protocolViolation, .subscriptionFailed:
            return true
        case .handshakeFailed, .connectFailed, .timedOut, .closedByServer, .connectionLost:
            return false
        }
    }
}
