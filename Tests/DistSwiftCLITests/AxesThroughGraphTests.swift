import DistSwiftIO
import DistSwiftTestSupport
import Foundation
import Testing

/// Axes travel with the data to the writers: after `downsample` the band energies use the new rate, and the
/// writers record the kept channels' depths and the kept samples' times.
@Suite("Axes through a graph to its writers")
struct AxesThroughGraphTests {
    @Test("downsample by 2 channels and 4 samples: WITSML depths are every 2nd channel, time.npy the kept samples, bands use the new rate")
    func downsampledOutputs() throws {
        let folder = try TemporaryFolder("axes-writers")
        let data = ChunkContinuityTests.record(channels: 10, samples: 4_000, rate: 2_000)
        try ChunkContinuityTests.store(data, rate: 2_000, chunkSeconds: 1, at: folder.file("store"), spacing: 2)
        // At 500 Hz (2000 / 4) a 200-250 Hz band is legal; at the store's 2 kHz its band energy would differ.
        try ChunkContinuityTests.process(folder, graph: """
            {"command_list": [
              {"name": "downsample", "uid": 1, "in_uid": 0, "xsample": 2, "tsample": 4},
              {"name": "write_npy", "uid": 2, "in_uid": 1, "directory_out": "decimated"},
              {"name": "fft", "uid": 3, "in_uid": 1},
              {"name": "rms_from_fft", "uid": 4, "in_uid": 3, "low_freq": 0, "high_freq": -1},
              {"name": "multiple_calcs", "uid": 5, "in_uid": 3, "func": "te_from_fft", "low_freq": [0, 200], "high_freq": [200, -1]},
              {"name": "write_witsml", "uid": 6, "in_uid": 5, "gather_uids": [4], "directory_out": "log", "low_freq": [0, 200], "high_freq": [200, -1]}
            ]}
            """)
        let results = LocalStorage(root: folder.file("results"))
        let log = try WITSMLFBEReader.read(location: results, path: "log/1704067200.fbe")
        #expect(log.depth == [100, 104, 108, 112, 116], "every 2nd channel of 100, 102, … m")
        let times = try NPYArrayFile.timesNs(location: results, path: "decimated/time/1704067201.npy")
        #expect(times.count == 500 && times[0] == 1_704_067_201_000_000_000 && times[1] - times[0] == 2_000_000)
        let depth = try NPYArrayFile(location: results, path: "decimated/measured_depth.npy").readVector(as: Double.self)
        #expect(depth == [100, 104, 108, 112, 116])
        // The band energies of the decimated rows sum, by Parseval, to the rows' total energy: only right if the
        // bands were cut at 200 Hz of a 500 Hz rate (the 200 Hz-Nyquist band ends at 250 Hz, not 1000 Hz).
        let rows = try NPYArrayFile(location: results, path: "decimated/1704067200.npy").read(as: Double.self)
        let energy = (0..<rows.columns).reduce(0.0) { $0 + rows[0, $1] * rows[0, $1] }
        // Row 0's curves: band_0-nyquist (the gathered rms), band_01_0-200 and band_02_200--1 (the two energies).
        let row = log.values[0..<log.curves.count]
        let total = zip(log.curves, row).filter { $0.0.mnemonic.hasPrefix("band_01") || $0.0.mnemonic.hasPrefix("band_02") }
            .map(\.1).reduce(0, +)
        #expect(zip(log.curves, row).count { $0.0.mnemonic.hasPrefix("band_0") } == 3)
        #expect(abs(total - energy) < 1e-9 * energy, "bands \(Array(row)) vs energy \(energy); curves \(log.curves.map(\.mnemonic))")
    }
}
