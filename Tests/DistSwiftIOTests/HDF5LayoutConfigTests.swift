import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

@Suite("hdf5_layout in the system config")
struct HDF5LayoutConfigTests {
    private func load(_ layout: String) throws -> SystemConfig {
        let folder = try TemporaryFolder()
        let path = try folder.write("system.json", """
            {"in_directory": "in", "out_directory": "out", "hdf5_layout": \(layout)}
            """)
        return try SystemConfig.load(path: path)
    }

    @Test("a full description parses into data path, axis order, time, distance, units and gauge length")
    func parses() throws {
        let config = try load("""
            {"data": "/M/strain", "axes": "distance,time", "time": {"start": "/M@t0", "rate_hz": 2000},
             "distance": {"start_m": 10, "spacing_m": "/M@dx"}, "units": "nm/m/s", "gauge_length_m": 8.2}
            """)
        #expect(config.hdf5Layout == HDF5Layout(
            data: "/M/strain", timeFirst: false,
            time: .startAndRate(start: .attribute(object: "/M", name: "t0"), rateHz: .number(2000)),
            distance: .startAndSpacing(startM: .number(10), spacingM: .attribute(object: "/M", name: "dx")),
            units: "nm/m/s", gaugeLengthM: .number(8.2)))
        let vector = try load(#"{"data": "/d", "axes": ["time", "distance"], "time": {"dataset": "/t", "unit": "ns"}}"#)
        #expect(vector.hdf5Layout?.time == .vector(dataset: "/t", unit: "ns"))
        #expect(vector.hdf5Layout?.distance == .channelIndex)
    }

    @Test("every problem is reported at once with its key path and a fix")
    func reportsEveryProblem() throws {
        do {
            _ = try load("""
                {"data": "strain", "axes": "time,depth", "time": {"dataset": "/t", "unit": "days"},
                 "distance": {"start_m": 0}, "gauge": 10}
                """)
            Issue.record("an invalid hdf5_layout was accepted")
        } catch let errors as ConfigErrors {
            let keys = Set(errors.errors.compactMap(\.key))
            #expect(keys == ["hdf5_layout.data", "hdf5_layout.axes", "hdf5_layout.time.unit",
                             "hdf5_layout.distance.spacing_m", "hdf5_layout.gauge"], "\(errors)")
            #expect(errors.description.contains("did you mean 'gauge_length_m'?"))
            #expect(errors.description.contains("\"time,distance\""))
        }
    }

    @Test("a missing time description is named with both ways of giving one")
    func missingTime() throws {
        #expect {
            _ = try load(#"{"data": "/d", "axes": "time,distance"}"#)
        } throws: { error in
            "\(error)".contains("hdf5_layout.time' is missing") && "\(error)".contains("rate_hz")
        }
    }
}
