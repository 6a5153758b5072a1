import ArgumentParser
import DistSwiftIO
import Foundation

struct InfoSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the detected format and the DAS metadata of a record file.",
        discussion: "Example:\n  distswift info ../shared/data/das/prodml_2.0.h5")

    @Argument(help: "A DAS record file (SEG-Y or HDF5).")
    var file: String

    @Option(name: .customLong("config"), help: "A system config whose hdf5_layout describes the file's layout.")
    var systemConfig: String?

    func run() throws {
        let layout = try systemConfig.map { path in try reportingErrors { try SystemConfig.load(path: path) } }?
            .hdf5Layout
        let reader = try reportingErrors { try RecordFormats.open(file, layout: layout) }
        let m = reader.metadata
        let endNs = m.startTimeNs + Int64((Double(m.sampleCount - 1) / m.samplingRateHz * 1e9).rounded())
        say("file           \(file)")
        say("format         \(m.format)")
        say("channels       \(m.channelCount)  positions \(m.channelPositions.first ?? 0) … \(m.channelPositions.last ?? 0) m"
            + (m.channelSpacingM.map { ", spacing \($0) m" } ?? ""))
        say("samples        \(m.sampleCount) at \(m.samplingRateHz) Hz")
        say("time           \(UTCTime.iso8601(m.startTimeNs)) → \(UTCTime.iso8601(endNs)) (last sample)")
        say("stored type    \(m.storedType.map(\.rawValue) ?? "other")")
        if let u = m.units { say("units          \(u)") }
        if let g = m.gaugeLengthM { say("gauge length   \(g) m") }
        if let v = m.vendor { say("vendor         \(v)") }
    }
}
