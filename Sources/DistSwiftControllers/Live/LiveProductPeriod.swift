import DistSwiftIO

/// The span of time one rolled product covers (`watch --roll-products day|hour|SECONDS`): a watch that runs for
/// months keeps one stacked folder (and PRODML file) per period instead of one that is rebuilt from every output at
/// each update, so an update reads only the outputs of the periods that changed. Periods are aligned on the Unix
/// epoch, so `day` is the UTC day and `hour` the UTC hour.
public struct LiveProductPeriod: Sendable, Equatable, CustomStringConvertible {
    public let seconds: Int64

    public static let day = LiveProductPeriod(seconds: 86_400)
    public static let hour = LiveProductPeriod(seconds: 3_600)

    public init(seconds: Int64) {
        precondition(seconds > 0, "a product period is at least a second")
        self.seconds = seconds
    }

    /// `day`, `hour` or a whole number of seconds ≥ 1; nil for anything else.
    public init?(argument: String) {
        switch argument {
        case "day": self = .day
        case "hour": self = .hour
        default:
            guard let seconds = Int64(argument), seconds >= 1 else { return nil }
            self.init(seconds: seconds)
        }
    }

    public var description: String {
        self == .day ? "day" : self == .hour ? "hour" : "\(seconds) s"
    }

    /// The start (UTC ns) of the period holding `timeNs`.
    public func start(of timeNs: Int64) -> Int64 {
        let length = seconds * UTCTime.nanosecondsPerSecond
        return UTCTime.floorDiv(timeNs, length) * length
    }

    /// The period's name in product paths, from its start: `2026-12-05` for whole days, `2026-12-05T07` for whole
    /// hours, `2026-12-05T07-00-10` otherwise (no ':' — the names are folder and object names).
    public func label(of timeNs: Int64) -> String {
        let iso = UTCTime.iso8601(start(of: timeNs))  // 2026-12-05T07:00:10Z (whole seconds: no fraction)
        if seconds % 86_400 == 0 { return String(iso.prefix(10)) }
        if seconds % 3_600 == 0 { return String(iso.prefix(13)) }
        return String(iso.prefix(19).map { $0 == ":" ? "-" : $0 })
    }
}
