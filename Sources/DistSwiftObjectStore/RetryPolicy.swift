import Foundation

/// When and how long to wait before sending a failed S3 request again: exponential backoff with jitter, so that
/// many workers throttled at once do not come back in step.
public struct RetryPolicy: Sendable, Equatable {
    /// Tries in all, the first included.
    public var maxAttempts: Int
    /// The wait before the second try; each later wait doubles, up to `maxDelay`.
    public var baseDelay: Double
    public var maxDelay: Double

    public init(maxAttempts: Int = 6, baseDelay: Double = 0.2, maxDelay: Double = 10) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries (tests of error messages).
    public static let never = RetryPolicy(maxAttempts: 1)

    /// Seconds to wait after failed try number `attempt` (1-based): half the backoff fixed, half random.
    public func delay<R: RandomNumberGenerator>(afterAttempt attempt: Int, using random: inout R) -> Double {
        let backoff = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return backoff / 2 + Double.random(in: 0...(backoff / 2), using: &random)
    }

    /// Server errors, throttling and time-outs are worth another try; everything else (a refused signature, a
    /// missing object) will fail the same way again.
    public static func isRetryable(status: Int, code: String?) -> Bool {
        if let code, ["SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling",
                      "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException"].contains(code) {
            return true
        }
        return status == 429 || status >= 500
    }
}
