import Dispatch

extension DbConnection {
    /// Arms the check of ``ResponseWatchdog`` after a reducer call went out, unless one is armed.
    func armResponseCheck(state: inout SessionState) {
        guard let timeout = configuration.responseTimeout, !state.responseCheckArmed else { return }
        state.responseCheckArmed = true
        scheduleResponseCheck(after: timeout)
    }

    private func scheduleResponseCheck(after delay: Duration) {
        let (seconds, attoseconds) = delay.components
        let nanoseconds = max(0, min(seconds, Int64(Int32.max))) * 1_000_000_000 + attoseconds / 1_000_000_000
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { [weak self] in
            self?.checkResponses()
        }
    }

    /// Gives the connection up if its oldest reducer call has waited the response timeout; else re-arms.
    func checkResponses() {
        guard let timeout = configuration.responseTimeout else { return }
        let watchdog = ResponseWatchdog(timeout: timeout)
        let now = ContinuousClock.now
        let (verdict, transport) = state.withLock { state -> (ResponseWatchdog.Verdict, (any SpacetimeTransport)?) in
            let oldest = state.openVersion == nil ? nil : state.pendingCalls.oldestSentAt(onGeneration: state.generation)
            let verdict = watchdog.verdict(oldestUnansweredSentAt: oldest, now: now)
            switch verdict {
            case .checkAgain:
                return (verdict, nil)
            case .idle:
                state.responseCheckArmed = false
                return (verdict, nil)
            case .giveUp:
                state.responseCheckArmed = false
                state.closeReason = .timedOut
                return (verdict, state.transport)
            }
        }
        switch verdict {
        case .idle:
            break
        case .checkAgain(let deadline):
            scheduleResponseCheck(after: deadline - now)
        case .giveUp:
            logger.error("closing the connection: a reducer call went unanswered for \(timeout)")
            transport?.close()
        }
    }
}
