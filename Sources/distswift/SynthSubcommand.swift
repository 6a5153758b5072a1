import ArgumentParser
import DistSwiftIngesters
import DistSwiftIO
import Foundation

struct SynthSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a realistic synthetic DAS record (moving sources, a band-limited noisy spot, white noise).",
        discussion: """
            Deterministic for a given --seed. Writes either a chunk store (--store, float32 chunks plus store.json),
            or record files to ingest: PRODML 2.0 HDF5 (--prodml) or SEG-Y rev 2, IEEE float32 (--segy), split into
            --files consecutive files named synth_YYYYMMDD_HHMMSS.h5 / .sgy. Every file appears under its name only
            when complete.

            Examples:
              distswift synth --store examples/out/store --channels 256 --rate 10000 --seconds 5
              distswift synth --segy examples/out/project/raw --files 5 --channels 256 --rate 10000 --seconds 5

            With --realtime it plays an interrogator for `distswift watch`: each file appears when its last sample
            would have been measured (--speed 2: twice real time), either renamed into place from a hidden temporary
            name (--delivery rename) or created under its name and appended to while it is acquired (--delivery
            grow), as instruments do.

              distswift synth --segy live/raw --realtime --files 30 --seconds 30 --channels 64 --rate 2000
            """)

    @Option(help: "Write a chunk store into this folder.")
    var store: String?

    @Option(help: "Write PRODML 2.0 HDF5 files into this folder.")
    var prodml: String?

    @Option(help: "Write SEG-Y files into this folder.")
    var segy: String?

    @Option(help: "With --segy: the sample format, float32 (IEEE, format 5) or int16 (format 3, the scene × 10,000 rounded, as many interrogators write).")
    var segyFormat: String = "float32"

    @Option(help: "Number of consecutive record files (--prodml, --segy).")
    var files = 1

    @Option(help: "Number of channels.")
    var channels = 256

    @Option(help: "Channel spacing in metres.")
    var spacing = 1.0

    @Option(help: "Sampling rate in Hz.")
    var rate = 10_000.0

    @Option(help: "Record length in seconds (all files together).")
    var seconds = 5.0

    @Option(help: "Chunk length in seconds (--store; distpy uses 1).")
    var chunkSeconds = 1.0

    @Option(help: "Start time, ISO 8601 UTC.")
    var start = "2024-01-01T00:00:00Z"

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Write the record files at the rate the data are acquired (--prodml, --segy), for `distswift watch`.")
    var realtime = false

    @Option(help: "With --realtime: how each file is delivered: rename (temporary name, then renamed into place) or grow (created under its name and appended to until complete).")
    var delivery: String = RealtimeInterrogator.Delivery.rename.rawValue

    @Option(help: "With --realtime: multiple of real time (2 writes a 1-s file every 0.5 s).")
    var speed = 1.0

    func validate() throws {
        guard [store, prodml, segy].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give exactly one of --store, --prodml or --segy")
        }
        guard channels > 0, files > 0 else { throw ValidationError("--channels and --files must be at least 1") }
        guard spacing > 0, rate > 0, seconds > 0, chunkSeconds > 0 else {
            throw ValidationError("--spacing, --rate, --seconds and --chunk-seconds must be greater than 0")
        }
        guard ["float32", "int16"].contains(segyFormat) else {
            throw ValidationError("--segy-format '\(segyFormat)' is not float32 or int16")
        }
        if realtime {
            guard store == nil else { throw ValidationError("--realtime writes record files: use --segy or --prodml") }
            guard RealtimeInterrogator.Delivery(rawValue: delivery) != nil else {
                throw ValidationError("--delivery '\(delivery)' is not one of "
                                      + RealtimeInterrogator.Delivery.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard speed > 0 else { throw ValidationError("--speed must be greater than 0") }
        }
        guard UTCTime.parse(start) != nil else {
            throw ValidationError("--start '\(start)' is not an ISO 8601 time such as 2024-01-01T00:00:00Z")
        }
    }

    func run() throws {
        let faults = WriteFaults.fromEnvironment(ProcessInfo.processInfo.environment)
        let scene = SyntheticScene.standard(
            channels: channels, channelSpacingM: spacing, samplingRateHz: rate, durationS: seconds,
            startTimeNs: UTCTime.parse(start)!, seed: seed)
        if let store {
            let records = try reportingErrors {
                try SyntheticStoreWriter.write(scene, to: LocalStorage(root: store, faults: faults),
                                               chunkSeconds: chunkSeconds)
            }
            say("wrote \(records.count) chunks of \(channels) channels × \(Int(chunkSeconds * rate)) samples to \(store)")
            return
        }
        let format: SyntheticRecordWriter.Format = prodml != nil ? .prodml : segyFormat == "int16" ? .segyInt16 : .segy
        let folder = prodml ?? segy!
        if realtime {
            let interrogator = RealtimeInterrogator(scene: scene, format: format, files: files,
                                                    delivery: RealtimeInterrogator.Delivery(rawValue: delivery)!,
                                                    speed: speed)
            try reportingErrors {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try interrogator.play(into: LocalStorage(root: folder, faults: faults)) { name, late in
                    say("wrote \(name)" + (late > 0.5 ? String(format: " (%.1f s late: writing is slower than the data rate)", late) : ""))
                }
            }
            return
        }
        let written = try reportingErrors {
            try SyntheticRecordWriter.write(scene, as: format, files: files,
                                            to: LocalStorage(root: folder, faults: faults))
        }
        say("wrote \(written.count) \(format == .prodml ? "PRODML" : "SEG-Y") files of \(channels) channels to "
            + "\(folder): \(written.joined(separator: ", "))")
    }
}
