/// The arithmetic of CF tie-point coordinates (xdas NetCDF-CF), apart from the HDF5 reads so that a fuzz target can
/// feed it values straight from bytes: the values come from an outside file, so every sum, difference and
/// conversion is checked — an absurd tie point (a time near Int64's limits, NaN, indices that are not increasing)
/// is refused with a message instead of trapping on overflow.
public enum CFTiePoints {
    /// The groups of a `coordinate_interpolation` attribute: "key: name name key: name …" as (key, names).
    public static func mappingGroups(_ mapping: String) -> [(key: String, names: [String])] {
        var groups: [(key: String, names: [String])] = []
        for token in mapping.split(separator: " ").map(String.init) {
            if token.hasSuffix(":") { groups.append((String(token.dropLast()), [])) } else if !groups.isEmpty {
                groups[groups.count - 1].names.append(token)
            }
        }
        return groups
    }

    /// Checks that `indices` cover 0…count−1 in increasing order.
    public static func checkCoverage(_ indices: [Int64], count: Int, dimension: String, path: String) throws {
        guard count >= 1, indices.first == 0, indices.last == Int64(count - 1),
              zip(indices.dropFirst(), indices).allSatisfy({ $0 > $1 })
        else {
            throw RecordError(file: path, problem: "the \(dimension) tie indices \(indices.prefix(6)) do "
                + "not run from 0 to \(count - 1) in increasing order")
        }
    }

    /// Tie values in CF time `units` as UTC ns, refusing values that do not fit Int64 ns.
    public static func nanoseconds(_ values: [Double], units: CFTimeUnits, path: String) throws -> [Int64] {
        try values.map { value in
            // The offset in Double (exact to the ns for what a float tie value can hold), the sum in Int64: the
            // reference time alone would lose 256 ns in a Double.
            let offset = (value * Double(units.nanosecondsPerUnit)).rounded()
            guard offset.isFinite, abs(offset) < 9.2e18 else { throw outOfRange(value, path: path) }
            let (ns, overflow) = Int64(offset).addingReportingOverflow(units.referenceNs)
            guard !overflow else { throw outOfRange(value, path: path) }
            return ns
        }
    }

    /// Integer tie values in CF time `units` as UTC ns (exact), refusing values that do not fit Int64 ns.
    public static func nanoseconds(_ values: [Int64], units: CFTimeUnits, path: String) throws -> [Int64] {
        try values.map { value in
            let (scaled, o1) = value.multipliedReportingOverflow(by: units.nanosecondsPerUnit)
            let (ns, o2) = scaled.addingReportingOverflow(units.referenceNs)
            guard !o1, !o2 else { throw outOfRange(Double(value), path: path) }
            return ns
        }
    }

    static func outOfRange(_ value: Double, path: String) -> RecordError {
        RecordError(file: path, problem: "the time tie value \(value) is not a time between the years 1677 and "
            + "2262 (UTC ns must fit a 64-bit integer)", fix: "check the time tie points' values and units")
    }

    /// The regular time axis through time tie points (UTC ns at sample `indices`), refusing a gap or an overlap.
    public static func timeAxis(indices: [Int64], nanoseconds values: [Int64], sampleCount: Int,
                                path: String) throws -> RegularTimeAxis {
        try checkCoverage(indices, count: sampleCount, dimension: "time", path: path)
        guard values.count == indices.count, sampleCount >= 2, let first = values.first, let last = values.last,
              last > first, !last.subtractingReportingOverflow(first).overflow
        else {
            throw RecordError(file: path, problem: "the time tie points give no sampling rate")
        }
        let step = Double(last - first) / Double(sampleCount - 1)
        for k in 1..<values.count {
            let expected = Double(indices[k]) * step
            let (elapsed, overflow) = values[k].subtractingReportingOverflow(first)
            let offGrid = overflow ? .infinity : abs(Double(elapsed) - expected)
            if !(offGrid <= max(1, step * 1e-6)) {
                throw RecordError(file: path, problem: "the time tie point at sample \(indices[k]) is "
                    + "\(offGrid) ns off the line through the first and last samples: the record has a gap or an "
                    + "overlap", fix: "split the record at the gap (xdas: da.split) and ingest the parts")
            }
        }
        return RegularTimeAxis(startTimeNs: first, samplingRateHz: 1e9 / step)
    }

    /// Positions at every channel, linear between the distance tie points.
    public static func positions(indices: [Int64], values: [Double], count: Int, path: String) throws -> [Double] {
        try checkCoverage(indices, count: count, dimension: "distance", path: path)
        guard values.count == indices.count else {
            throw RecordError(file: path, problem: "the distance tie points have \(values.count) values for "
                + "\(indices.count) tie indices")
        }
        var out: [Double] = []
        out.reserveCapacity(count)
        for k in 0..<(values.count - 1) {
            let (i0, i1) = (Int(indices[k]), Int(indices[k + 1]))
            for i in i0..<i1 {
                out.append(values[k] + (values[k + 1] - values[k]) * Double(i - i0) / Double(i1 - i0))
            }
        }
        out.append(values[values.count - 1])
        return out
    }
}
