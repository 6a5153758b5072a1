/// The UTC time of a SEG-Y record's first sample.
///
/// The first trace header's year, day of year, hour, minute and second (bytes 157–166) give whole seconds; a text-
/// header time stamp with a fraction (FORGE line C13 "UTC File Time stamp: 2019/04/28 13:50:38.426514 (UTC)") adds
/// the sub-second part when its whole seconds agree with the trace header. A non-zero delay recording time (109–110,
/// ms, scaled by 215–216) is added, as the standard defines it: the time from the header's time to the first sample.
/// All-zero time fields mean the recorder had no clock: the start is then the epoch (0), as the other readers do for
/// unsynchronised recorders (PRODML files with RawDataTime from 0).
///
/// Times are always UTC, never the machine's zone (distpy's bug #35). The time basis code (167–168, else rev 2's
/// 3511–3512) should be 4 (UTC) or 2 (GMT); local (1), other (3), GPS (5) or unstated (0) times are read as UTC
/// too, and a note in the metadata says so.
struct SEGYStartTime: Sendable {
    let nanoseconds: Int64
    let notes: [String]

    static let noClockNote = "no recording time in the trace headers: start at the epoch"

    init(firstTrace: SEGYTraceHeader, binaryTimeBasis: Int, text: SEGYTextHeader, path: String) throws {
        let t = firstTrace
        guard [t.year, t.dayOfYear, t.hour, t.minute, t.second].contains(where: { $0 != 0 }) else {
            nanoseconds = 0
            notes = [Self.noClockNote]
            return
        }
        var notes: [String] = []
        // Two-digit years (rev 0 allowed them) pivot as POSIX strptime's %y: 69–99 → 1969–1999,
        // 0–68 → 2000–2068.
        let year = t.year >= 100 ? t.year : (t.year >= 69 ? 1900 + t.year : 2000 + t.year)
        guard year >= 1900, (1...366).contains(t.dayOfYear), (0...23).contains(t.hour), (0...59).contains(t.minute),
              (0...60).contains(t.second)
        else {
            throw RecordError(file: path, problem: "the first trace header's time (bytes 157–166: year \(t.year), "
                + "day \(t.dayOfYear), \(t.hour):\(t.minute):\(t.second)) is not a valid UTC date and time",
                fix: "correct the trace header, or set all five fields to 0 for a record without a clock")
        }
        let days = UTCTime.daysFromCivil(year: Int64(year), month: 1, day: 1) + Int64(t.dayOfYear - 1)
        let wholeSeconds = days * 86_400 + Int64(t.hour * 3600 + t.minute * 60 + t.second)
        // UTC nanoseconds in an Int64 cover the years 1678–2261: a header year beyond is a corrupt header to
        // report, not an overflow (found by fuzzing).
        let (product, overflow) = wholeSeconds.multipliedReportingOverflow(by: UTCTime.nanosecondsPerSecond)
        guard !overflow, year <= 2261 else {
            throw RecordError(file: path, problem: "the first trace header's year \(t.year) (bytes 157–158) is beyond "
                + "2261, the last year a time in nanoseconds can hold", fix: "correct the trace header's year")
        }
        var start = product

        let stamps = text.subSecondTimeStamps
        if let stamp = stamps.first(where: { $0.wholeSecondNs == start }) {
            start = stamp.nanoseconds
        } else if let stamp = stamps.first {
            notes.append("text-header time stamp (line C\(stamp.line)) \(UTCTime.iso8601(stamp.nanoseconds)) "
                + "disagrees with the trace header's \(UTCTime.iso8601(start)); the trace header is used")
        }

        if t.delayRecordingTimeMs != 0 {
            let delayMs = SEGYTraceHeader.apply(scalar: t.timeScalar, to: t.delayRecordingTimeMs)
            start = start.addingReportingOverflow(Int64((delayMs * 1e6).rounded())).partialValue
            notes.append("first sample \(delayMs) ms after the trace-header time (delay recording time, "
                + "bytes 109–110)")
        }

        let basis = t.timeBasisCode != 0 ? t.timeBasisCode : binaryTimeBasis
        switch basis {
        case 2, 4: break
        case 0: notes.append("time basis not stated (trace bytes 167–168 = 0): read as UTC")
        case 1: notes.append("time basis local (code 1): read as UTC, the zone is unknown")
        case 3: notes.append("time basis 'other' (code 3): read as UTC")
        case 5: notes.append("time basis GPS (code 5): read as UTC, so times are ahead by the leap seconds "
            + "(18 s since 2017)")
        default: notes.append("time basis code \(basis) is not a SEG-Y code: read as UTC")
        }
        nanoseconds = start
        self.notes = notes
    }
}
