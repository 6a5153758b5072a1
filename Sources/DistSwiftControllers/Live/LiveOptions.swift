/// How a watch follows its input and reports.
public struct LiveOptions: Sendable {
    /// A file that is not renamed into place is complete once its size and stamp are unchanged this long.
    public var settleSeconds: Double
    /// How often a location without notifications is listed (and the longest a notified one waits).
    public var pollSeconds: Double
    /// Use inotify for local folders (off: poll them too, e.g. a network mount written by another machine).
    public var useNotifications: Bool
    /// How often run.json, timeline.svg and the growing products are rewritten, and the progress line printed.
    public var reportSeconds: Double
    /// With no new file for this long, the newest chunk is processed provisionally (without the halo of the
    /// chunk after it) and done again when that arrives; nil: it waits for its neighbour.
    public var provisionalAfterSeconds: Double?
    /// Ends the watch once nothing has arrived for this long and everything is done (tests, benchmarks, catching
    /// up on an archive); nil: runs until stopped.
    public var exitWhenIdleSeconds: Double?
    /// The lag (seconds from the arrival of the oldest unfinished file) above which the watch says it is behind.
    public var behindAfterSeconds: Double
    /// Done chunks kept in memory and line by line in the journal (the recent past a late file is checked against);
    /// older ones are in the store's manifest and the journal's watermark only.
    public var recentChunks: Int
    public var quiet: Bool

    public init(settleSeconds: Double = 2, pollSeconds: Double = 1, useNotifications: Bool = true,
                reportSeconds: Double = 5, provisionalAfterSeconds: Double? = nil, exitWhenIdleSeconds: Double? = nil,
                behindAfterSeconds: Double = 30, recentChunks: Int = LiveJournal.keptRecent, quiet: Bool = false) {
        self.settleSeconds = settleSeconds
        self.pollSeconds = pollSeconds
        self.useNotifications = useNotifications
        self.reportSeconds = reportSeconds
        self.provisionalAfterSeconds = provisionalAfterSeconds
        self.exitWhenIdleSeconds = exitWhenIdleSeconds
        self.behindAfterSeconds = behindAfterSeconds
        self.recentChunks = recentChunks
        self.quiet = quiet
    }
}
