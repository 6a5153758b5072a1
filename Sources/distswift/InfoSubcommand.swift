import ArgumentParser
import DistSwiftIO
import DistSwiftNative
import Foundation

struct InfoSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show the detected format and the DAS metadata of a record file.",
        discussion: """
            The file is read in a child process: libhdf5 and segyio can crash on a corrupt file, and such a crash
            ends only the child — info then says the file is corrupt and exits 1.

            Example:
              distswift info ../shared/data/das/prodml_2.0.h5
            """)

    @Argument(help: "A DAS record file (SEG-Y or HDF5).")
    var file: String

    @Option(name: .customLong("config"), help: "A system config whose hdf5_layout describes the file's layout.")
    var systemConfig: String?

    @Option(help: "The record to show of a file that holds several (a PRODML group such as Raw[1], a DASDAE patch).")
    var select: String?

    @Flag(name: .customLong("in-process"), help: .hidden)
    var inProcess = false

    /// Test-only: the child crashes as libhdf5 does on some corrupt files, to check the parent's message.
    static let crashFaultVariable = "DISTSWIFT_FAULT_CRASH_INFO"

    func run() throws {
        guard inProcess else { return try runIsolated() }
        if ProcessInfo.processInfo.environment[Self.crashFaultVariable] == "1" { ProcessSignals.crashCurrentProcess() }
        let layout = try systemConfig.map { path in try reportingErrors { try SystemConfig.load(path: path) } }?
            .hdf5Layout
        // A user's hdf5_layout that applies wins over the built-in layouts, records included.
        let configured = layout.map { ConfiguredHDF5Reader.applies($0, to: file) } ?? false
        if select == nil, !configured, let names = try? RecordFormats.recordNames(file), names.count > 1 {
            return try listRecords(names, layout: layout)
        }
        let reader = try reportingErrors { try RecordFormats.open(file, layout: layout, select: select) }
        describe(reader.metadata)
    }

    /// A file with several records: each one's summary, and how to choose.
    private func listRecords(_ names: [String], layout: HDF5Layout?) throws {
        say("file           \(file)")
        say("records        \(names.count) (ingest one with --select NAME; info --select NAME shows it)")
        for name in names {
            let reader = try reportingErrors { try RecordFormats.open(file, layout: layout, select: name) }
            let m = reader.metadata
            say("  \(name): \(m.format), \(m.channelCount) channels × \(m.sampleCount) samples at \(m.samplingRateHz) Hz "
                + "from \(UTCTime.iso8601(m.startTimeNs))")
        }
    }

    private func describe(_ m: RecordMetadata) {
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

    /// Runs `info --in-process` as a child sharing this process's standard output and error; a child ended by a
    /// signal means the native reader crashed on the file.
    private func runIsolated() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: currentExecutable())
        child.arguments = ["info", file, "--in-process"] + (systemConfig.map { ["--config", $0] } ?? [])
            + (select.map { ["--select", $0] } ?? [])
        try child.run()
        child.waitUntilExit()
        if child.terminationReason == .uncaughtSignal {
            printError("\(file) is corrupt: the native reader (libhdf5 or segyio) crashed on it with signal "
                       + "\(child.terminationStatus) while reading its metadata; distswift cannot read this file "
                       + "(check how it was copied, or ask its source for a new copy)")
            throw ExitCode.failure
        }
        if child.terminationStatus != 0 { throw ExitCode(child.terminationStatus) }
    }
}
