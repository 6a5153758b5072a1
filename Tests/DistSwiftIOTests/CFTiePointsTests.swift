import DistSwiftIO
import Testing

/// The xdas NetCDF-CF coordinate arithmetic on values an outside file can hold: exact where they are times, refused
/// with a message (never an overflow trap) where they are not. The fuzz target `cf-tie-points` feeds it bytes.
@Suite("CF tie points")
struct CFTiePointsTests {
    let ms = CFTimeUnits("milliseconds since 2024-03-05 06:07:08.123456789")!

    @Test("integer tie values in CF units are exact ns; the time axis runs through them")
    func exactTimes() throws {
        let ns = try CFTiePoints.nanoseconds([Int64(0), 1999], units: ms, path: "f.nc")
        #expect(ns == [1_709_618_828_123_456_789, 1_709_618_830_122_456_789])
        let axis = try CFTiePoints.timeAxis(indices: [0, 1999], nanoseconds: ns, sampleCount: 2000, path: "f.nc")
        #expect(axis.startTimeNs == 1_709_618_828_123_456_789 && axis.samplingRateHz == 1000)
        // Float tie values: the offset rounded to the ns, added to the reference in integers (no 256 ns loss).
        #expect(try CFTiePoints.nanoseconds([0.25], units: ms, path: "f.nc") == [1_709_618_828_123_706_789])
    }

    @Test("tie values that are no time distswift can hold are refused with the value, not trapped",
          arguments: [Int64(10_000_000_000_000_000), Int64.max, Int64.min])
    func outOfRangeInteger(_ value: Int64) {
        let days = CFTimeUnits("days since 1970-01-01")!
        #expect {
            try CFTiePoints.nanoseconds([value], units: days, path: "f.nc")
        } throws: { error in
            "\(error)".contains("f.nc") && "\(error)".contains("is not a time between the years 1677 and 2262")
        }
    }

    @Test("NaN and infinite float tie values are refused")
    func nonFinite() {
        for value in [Double.nan, .infinity, 1e300] {
            #expect(throws: RecordError.self) { try CFTiePoints.nanoseconds([value], units: ms, path: "f.nc") }
        }
    }

    @Test("tie points at the two ends of Int64 (whose difference overflows) give no rate instead of trapping")
    func farApart() {
        #expect {
            try CFTiePoints.timeAxis(indices: [0, 2], nanoseconds: [Int64.min + 1, Int64.max], sampleCount: 3,
                                     path: "f.nc")
        } throws: { "\($0)".contains("give no sampling rate") }
    }

    @Test("positions are linear between the distance tie points; indices that do not cover the channels are refused")
    func positions() throws {
        #expect(try CFTiePoints.positions(indices: [0, 2, 4], values: [10, 12, 20], count: 5, path: "f.nc")
                == [10, 11, 12, 16, 20])
        #expect {
            try CFTiePoints.positions(indices: [0, 3, 2], values: [0, 1, 2], count: 3, path: "f.nc")
        } throws: { "\($0)".contains("do not run from 0 to 2 in increasing order") }
    }
}
