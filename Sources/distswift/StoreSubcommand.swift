import ArgumentParser
import DistSwiftIO
import Foundation

struct StoreSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Inspect and check chunk stores.",
        subcommands: [StoreInfoSubcommand.self, StoreVerifySubcommand.self])
}

/// Where a store is: a folder, or the input location of a system config.
struct StoreSelection: ParsableArguments {
    @Argument(help: "A chunk-store folder, or a system config (JSON) whose input location is the store.")
    var store: String

    @Option(help: "Sampling rate (Hz) of a distpy store without store.json (default: the config's prf, else 10000).")
    var prf: Double?

    func open() throws -> ChunkStore {
        if store.hasSuffix(".json") {
            let config = try SystemConfig.load(path: store)
            var defaults = ChunkStore.DistpyDefaults(config)
            if let prf { defaults.prf = prf }
            return try ChunkStore.open(config.input, distpyDefaults: defaults)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: store, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError(location: store, problem: "is not a folder",
                             fix: "give a chunk-store folder or a system config (.json)")
        }
        return try ChunkStore.open(
            LocalStorage(root: store),
            distpyDefaults: .init(prf: prf ?? SystemConfig.defaultPRF))
    }
}

struct StoreInfoSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what a chunk store holds: geometry, time span, chunks, gaps.",
        discussion: "Example:\n  distswift store info examples/out/store --chunks")

    @OptionGroup var selection: StoreSelection

    @Flag(help: "List every chunk.")
    var chunks = false

    func run() throws {
        let store = try reportingErrors { try selection.open() }
        let m = store.manifest
        say("store          \(store.location)")
        say("written by     \(m.map { "distswift \($0.distswiftVersion) (store.json)" } ?? "distpy (no store.json)")")
        say("channels       \(store.channelCount)  positions \(store.channelPositions.first ?? 0) … "
            + "\(store.channelPositions.last ?? 0)")
        say("sampling rate  \(store.samplingRateHz) Hz")
        say("dtype          \(store.dtype)")
        if let m {
            say("chunk length   \(m.chunkSeconds) s (\(m.samplesPerChunk) samples)")
            if let u = m.units { say("units          \(u)") }
            if let g = m.gaugeLengthM { say("gauge length   \(g) m") }
            if let v = m.vendor { say("vendor         \(v)") }
            for s in m.sources { say("source         \(s.path) (\(s.size) bytes\(s.sha256.map { ", sha256 \($0)" } ?? ""))") }
        }
        say("chunks         \(store.chunks.count)")
        if let first = store.chunks.first, let last = store.chunks.last {
            let endNs = last.startTimeNs + Int64((Double(last.samples) / store.samplingRateHz * 1e9).rounded())
            say("time span      \(UTCTime.iso8601(first.startTimeNs)) → \(UTCTime.iso8601(endNs))")
        }
        let partial = store.chunks.filter(\.partial)
        if !partial.isEmpty { say("partial chunks \(partial.map(\.file).joined(separator: ", "))") }
        for gap in store.discontinuities() {
            say("gap            after \(gap.after.file): \(Double(gap.gapNs) / 1e9) s")
        }
        if chunks {
            for c in store.chunks {
                say("  \(c.file)  \(UTCTime.iso8601(c.startTimeNs))  \(c.samples) samples\(c.partial ? " (partial)" : "")")
            }
        }
    }
}

struct StoreVerifySubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that every chunk of a store exists and has the store's shape and dtype.",
        discussion: "Exits with status 1 when any chunk is missing, truncated or mis-shaped.\n"
            + "Example:\n  distswift store verify examples/out/store")

    @OptionGroup var selection: StoreSelection

    func run() throws {
        let store = try reportingErrors { try selection.open() }
        var problems: [String] = []
        for chunk in store.chunks {
            do {
                let file = try store.array(chunk)
                if file.header.elementType != store.dtype {
                    problems.append("\(file.address): dtype \(file.header.elementType), store says \(store.dtype)")
                }
            } catch {
                problems.append("\(error)")
            }
        }
        if problems.isEmpty {
            say("ok: \(store.chunks.count) chunks, \(store.channelCount) channels, \(store.dtype)")
        } else {
            for p in problems { FileHandle.standardError.write(Data("distswift: \(p)\n".utf8)) }
            FileHandle.standardError.write(Data("distswift: error: \(problems.count) of \(store.chunks.count) chunks have problems\n".utf8))
            throw ExitCode.failure
        }
    }
}
