import DistSwiftCalc
import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Units follow the physics through the DASCore-style commands (issue 19, part A), and units that cannot be read
/// are a validation error. Expected values are worked out by hand from the definitions.
@Suite("DASCore-style commands: units and axes of the outputs")
struct DASCoreUnitsTests {
    /// The last node's output axes for a graph on a store of `units` at 10 kHz, 8 channels 2 m apart.
    static func outputAxes(_ entries: String, units: String, gaugeLength: Double? = nil) throws -> Axes {
        let document = try GraphDocument.parse(data: Data(#"{"command_list": [\#(entries)]}"#.utf8), file: "g.json")
        var context = GraphContext(samplingRateHz: 10_000, samplesPerChunk: 10_000, channelSpacingM: 2,
                                   channelPositions: (0..<8).map { Double($0) * 2 }, units: units)
        context.gaugeLengthM = gaugeLength
        return try GraphValidator(registry: .standard).plan(document, context: context).nodes.last!.outputAxes!
    }

    @Test("integrate over time of strain rate (1/s, nm/m/s) gives strain; differentiate gives it back")
    func strainAndStrainRate() throws {
        #expect(try Self.outputAxes(#"{"name": "integrate", "uid": 1, "in_uid": 0, "dim": "time"}"#, units: "1/s").units == "1")
        #expect(try Self.outputAxes(#"{"name": "integrate", "uid": 1, "in_uid": 0}"#, units: "strain rate (nm/m/s)").units == "nm/m")
        #expect(try Self.outputAxes(#"{"name": "differentiate", "uid": 1, "in_uid": 0, "dim": "time"}"#, units: "strain").units == "1/s")
        let both = #"{"name": "integrate", "uid": 1, "in_uid": 0}, {"name": "differentiate", "uid": 2, "in_uid": 1}"#
        #expect(try Self.outputAxes(both, units: "1/s").units == "1/s")
    }

    @Test("velocity: integrated over time is displacement (m); differentiated along distance is strain rate (1/s)")
    func velocity() throws {
        #expect(try Self.outputAxes(#"{"name": "integrate", "uid": 1, "in_uid": 0}"#, units: "m/s").units == "m")
        #expect(try Self.outputAxes(#"{"name": "differentiate", "uid": 1, "in_uid": 0, "dim": "distance"}"#, units: "m/s").units == "1/s")
        #expect(try Self.outputAxes(#"{"name": "integrate", "uid": 1, "in_uid": 0}"#, units: "rad/(m*s)").units == "rad/m")
    }

    @Test("definite integration over time collapses the time axis to one value; decimate divides the rate")
    func axes() throws {
        let definite = try Self.outputAxes(#"{"name": "integrate", "uid": 1, "in_uid": 0, "definite": true}"#, units: "1/s")
        #expect(definite.columns.count == 1 && definite.columns.dimension == .statistic && definite.rows.count == 8)
        let decimated = try Self.outputAxes(#"{"name": "decimate", "uid": 1, "in_uid": 0, "time": 4}"#, units: "1/s")
        #expect(decimated.samplingRateHz == 2_500 && decimated.columns.count == 2_500 && decimated.units == "1/s")
        let normalized = try Self.outputAxes(#"{"name": "standardize", "uid": 1, "in_uid": 0}"#, units: "1/s")
        #expect(normalized.units == "", "standardized values have no units")
    }

    @Test("select, pad, resample and interpolate give the axes DASCore gives")
    func changedAxes() throws {
        let selected = try Self.outputAxes(#"{"name": "select", "uid": 1, "in_uid": 0, "distance": [4, 10]}"#, units: "1/s")
        #expect(selected.rows.values == [4, 6, 8, 10])
        let timeSelected = try Self.outputAxes(#"{"name": "select", "uid": 1, "in_uid": 0, "time": [0.1, 0.2]}"#, units: "1/s")
        #expect(timeSelected.columns.count == 1001 && timeSelected.columns.values?.first == 0.1)
        let padded = try Self.outputAxes(#"{"name": "pad", "uid": 1, "in_uid": 0, "time": [0.01, 0.02]}"#, units: "1/s")
        #expect(padded.columns.count == 10_300 && padded.columns.first == -100, "100 samples before, 200 after")
        let resampled = try Self.outputAxes(#"{"name": "resample", "uid": 1, "in_uid": 0, "time": 0.0004}"#, units: "1/s")
        #expect(resampled.samplingRateHz == 2_500 && resampled.columns.count == 2_500)
        let interpolated = try Self.outputAxes(#"{"name": "interpolate", "uid": 1, "in_uid": 0, "distance": 1}"#, units: "1/s")
        #expect(interpolated.rows.values == (0...14).map(Double.init))
    }

    @Test("velocity_to_strain_rate, radians_to_strain and convert_units give the physics' units")
    func conversions() throws {
        #expect(try Self.outputAxes(#"{"name": "velocity_to_strain_rate", "uid": 1, "in_uid": 0, "step_multiple": 2}"#, units: "m/s").units == "1/s")
        #expect(try Self.outputAxes(#"{"name": "velocity_to_strain_rate", "uid": 1, "in_uid": 0}"#, units: "m/s", gaugeLength: 8).units == "1/s",
                "the store's gauge length of 8 m over 2 m spacing: step_multiple 4")
        #expect(try Self.outputAxes(#"{"name": "radians_to_strain", "uid": 1, "in_uid": 0}"#, units: "rad/s", gaugeLength: 10).units == "1/s")
        #expect(try Self.outputAxes(#"{"name": "radians_to_strain", "uid": 1, "in_uid": 0, "gauge_length": 10}"#, units: "mrad").units == "1")
        #expect(try Self.outputAxes(#"{"name": "convert_units", "uid": 1, "in_uid": 0, "units": "nm/m/s"}"#, units: "1/s").units == "nm/m/s")
    }

    /// (entry fields, the store's units, gauge length, a word of the problem or fix).
    static let inconsistent: [(String, String, Double?, String)] = [
        (#""name": "radians_to_strain", "gauge_length": 10"#, "1/s", nil, "optical phase"),
        (#""name": "radians_to_strain", "gauge_length": 10"#, "", nil, "records none"),
        (#""name": "radians_to_strain""#, "rad", nil, "gauge_length"),
        (#""name": "velocity_to_strain_rate", "step_multiple": 2"#, "rad", nil, "velocity"),
        (#""name": "velocity_to_strain_rate""#, "m/s", 10, "not an even whole number"),
        (#""name": "velocity_to_strain_rate""#, "m/s", nil, "gauge length"),
        (#""name": "convert_units", "units": "nm/m/s""#, "m/s", nil, "another quantity"),
        (#""name": "convert_units", "units": "nm/m/s""#, "", nil, "from"),
        (#""name": "resample", "time": 0.0003"#, "1/s", nil, "not a whole number"),
    ]

    @Test("inconsistent or missing units and gauge lengths are validation errors", arguments: inconsistent.indices)
    func inconsistentUnits(_ i: Int) throws {
        let (fields, units, gauge, word) = Self.inconsistent[i]
        do {
            _ = try Self.outputAxes(#"{"uid": 1, "in_uid": 0, "# + fields + "}", units: units, gaugeLength: gauge)
            Issue.record("accepted: \(fields) on \(units)")
        } catch let problems as GraphProblems {
            #expect(problems.problems.contains { $0.problem.contains(word) || $0.fix?.contains(word) == true },
                    "\(problems)")
            #expect(problems.problems.allSatisfy { $0.fix?.isEmpty == false }, "\(problems)")
        }
    }

    @Test("units that cannot be read are a validation error naming the command and the fix")
    func unreadableUnits() throws {
        #expect(throws: GraphProblems.self) {
            try Self.outputAxes(#"{"name": "integrate", "uid": 1, "in_uid": 0}"#, units: "furlongs/fortnight")
        }
        do {
            _ = try Self.outputAxes(#"{"name": "differentiate", "uid": 1, "in_uid": 0}"#, units: "furlongs")
        } catch let problems as GraphProblems {
            #expect(problems.problems.first?.path == "command_list[0]")
            #expect(problems.problems.first?.problem.contains("furlongs") == true)
            #expect(problems.problems.first?.fix?.contains("nm/m/s") == true)
        }
    }

    @Test("the unit parser reads the forms DAS files write", arguments: [
        ("1/s", PhysicalUnit(second: -1)), ("nm/m/s", PhysicalUnit(scale: 1e-9, second: -1)),
        ("(nm/m)/s * Hz/m", PhysicalUnit(scale: 1e-9, metre: -1, second: -2)), ("rad/(m*s)", PhysicalUnit(metre: -1, second: -1, radian: 1)),
        ("m/s", PhysicalUnit(metre: 1, second: -1)), ("strain", PhysicalUnit()), ("mrad", PhysicalUnit(scale: 1e-3, radian: 1)),
        ("m^2", PhysicalUnit(metre: 2)), ("strain rate (nm/m/s)", PhysicalUnit(scale: 1e-9, second: -1)),
        ("strain rate (arbitrary units, synthetic)", PhysicalUnit(second: -1)), ("velocity", PhysicalUnit(metre: 1, second: -1)),
    ])
    func parser(_ text: String, _ expected: PhysicalUnit) {
        let unit = PhysicalUnit.parse(text)
        #expect(unit?.isCommensurable(with: expected) == true, "\(text): \(String(describing: unit))")
        #expect(unit.map { abs($0.scale / expected.scale - 1) < 1e-12 } == true, "\(text)")
    }
}
