import ArgumentParser
import DistSwiftIngesters
import DistSwiftIO
import Foundation

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a realistic synthetic DAS record (moving sources, a band-limited noisy spot, white noise).",
        discussion: """
            Deterministic for a given --seed. Writes a chunk store (float32, one file per chunk, plus store.json).

            Example:
              distswift synth --store examples/out/store --channels 256 --rate 10000 --seconds 5
            """)

    @Option(help: "Output chunk-store folder.")
    var store: String

    @Option(help: "Number of channels.")
    var channels = 256

    @Option(help: "Channel spacing in metres.")
    var spacing = 1.0

    @Option(help: "Sampling rate in Hz.")
    var rate = 10_000.0

    @Option(help: "Record length in seconds.")
    var seconds = 5.0

    @Option(help: "Chunk length in seconds (distpy uses 1).")
    var chunkSeconds = 1.0

    @Option(help: "Start time, ISO 8601 UTC.")
    var start = "2024-01-01T00:00:00Z"

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        guard channels > 0 else { throw ValidationError("--channels must be at least 1") }
        guard spacing > 0, rate > 0, seconds > 0, chunkSeconds > 0 else {
            throw ValidationError("--spacing, --rate, --seconds and --chunk-seconds must be greater than 0")
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
        let records = try reportingErrors {
            try SyntheticStoreWriter.write(scene, to: LocalStorage(root: store, faults: faults),
                                           chunkSeconds: chunkSeconds)
        }
        say("wrote \(records.count) chunks of \(channels) channels × \(Int(chunkSeconds * rate)) samples to \(store)")
    }
}
