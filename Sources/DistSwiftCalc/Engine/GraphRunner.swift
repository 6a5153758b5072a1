import DistSwiftIO

/// Runs one validated graph on one chunk: the unit of work of `distswift process`.
///
/// The chunk arrives extended by the time halo the plan asks for (as much of the neighbouring chunks as exists,
/// `ChunkFrame`). Commands that work on windows run on the extended data; every input of a command defined per
/// chunk (an FFT of the chunk, band energies, writers) is first trimmed to the chunk's own samples by its time
/// axis, so chunked results equal those of one monolithic record. Each value travels with its axes (`DataArray`):
/// a command sees its inputs' axes and the rate of its input, so a `downsample` before a band energy changes the
/// rate the band energy uses.
///
/// Nodes run in file order; a node's result is dropped as soon as its last reader has run (distpy keeps every
/// node's result until the chunk is done). When no command needs the whole fibre at once, the graph runs on blocks
/// of channels (`blocks`: `BOX_SIZE`, or sized to the cache) read one at a time (with the channel halo the plan
/// asks for, trimmed off before writers), so memory does not grow with the channel count; writers then receive
/// their stacked input once per chunk.
///
/// Buffers are reused: the chunk is dropped after its last reader too, and the engine lets go of a command's
/// inputs before the command runs, so a command that works in place (`Command.worksInPlace`) on a value nobody
/// else reads any more (`GraphPlan.reusesInput`) computes in that value's buffer instead of a fresh one — no
/// allocation, no pages faulted in. A value still read by another command is never changed: the command's first
/// write then copies it (Swift's copy-on-write), so reuse changes where the result lives, never what it is.
public struct GraphRunner: Sendable {
    public let plan: GraphPlan
    /// How the chunk is cut into channel blocks when the plan is channel-local (`BOX_SIZE`).
    public let blocks: ChannelBlocks
    /// False: every command computes into a fresh buffer (`execute`), as before buffer reuse; for the tests that
    /// compare the two and for measurements.
    public let reusesBuffers: Bool
    /// False: an fft read only by band commands stores its spectrum as any other (`FusedSpectrumBands.swift`); for
    /// the tests that compare the two and for measurements.
    public let fusesSpectrumBands: Bool

    public init(plan: GraphPlan, blocks: ChannelBlocks, reusesBuffers: Bool = true, fusesSpectrumBands: Bool = true) {
        self.plan = plan
        self.blocks = blocks
        self.reusesBuffers = reusesBuffers
        self.fusesSpectrumBands = fusesSpectrumBands
    }

    /// Blocks of `boxSize` channels (nil: the whole chunk at once).
    public init(plan: GraphPlan, boxSize: Int?, reusesBuffers: Bool = true, fusesSpectrumBands: Bool = true) {
        self.init(plan: plan, blocks: boxSize.map { .channels($0) } ?? .wholeChunk, reusesBuffers: reusesBuffers,
                  fusesSpectrumBands: fusesSpectrumBands)
    }

    /// Seconds spent in each node (indexed like `plan.nodes`), summed over channel blocks.
    public struct Timing: Sendable {
        public var seconds: [Double]
        public var blocks: Int
        /// Copies between the device and the host that a command without a device kernel caused (one line per
        /// node and direction), empty on the CPU backend; in a float32 graph, the commands whose input changed
        /// precision (`GraphPlan.input`); and the chunk reads narrowed to what the selections reading them keep.
        public var transfers: Set<String> = []
        /// The fft nodes that ran fused with their band readers (whose own times are then part of the fft's).
        public var fusedSpectrumBands: Set<Int> = []
    }

    /// The channels `load` is asked for when the block `block` runs: the block and its channel halo.
    public func rowsRead(for block: Range<Int>, channels: Int, blocked: Bool) -> Range<Int> {
        guard blocked else { return block }
        return max(0, block.lowerBound - plan.channelHalo.before)..<min(channels, block.upperBound + plan.channelHalo.after)
    }

    /// Runs on a chunk read without any halo (`load(rows)` gives channels `rows` of the frame's samples).
    public func run(frame: ChunkFrame, context: ChunkContext, load: (Range<Int>) throws -> Signal) throws -> Timing {
        try run(frame: frame, context: context) { rows in (try load(rows), frame.samples) }
    }

    /// `load(rows)` reads channels `rows` of the chunk with as much of `plan.timeHalo` as its neighbours give, as
    /// `.real` (float64) or `.singleReal` (the float32 path), and says which samples of the segment it covers.
    /// `runningTotals`: per node index of a `RunningTotalCommand`, where its total stands at this chunk's first
    /// sample (the totals pass's offsets); a node without them starts from 0 at the chunk. `stateScans`: per node
    /// of `plan.stateScanned`, the filter states its passes start from (per row key), as the state scan gives them.
    /// `loadBlock(rows, columns)`, when given, reads channels `rows` and only the chunk's samples `columns`
    /// (counted from its first sample, no halo): the read the engine narrows to when selections along time are the
    /// chunk's only readers (`GraphPlan.narrowedReaders`).
    public func run(frame: ChunkFrame, context: ChunkContext, runningTotals: [Int: RunningTotalOffsets] = [:],
                    stateScans: [Int: StateScanStart] = [:],
                    load: (Range<Int>) throws -> (Signal, Range<Int>),
                    loadBlock: ((Range<Int>, Range<Int>) throws -> Signal)? = nil) throws -> Timing {
        var summaries = TotalsPassSummaries()
        return try run(frame: frame, context: context, mode: .process(runningTotals, stateScans),
                       summaries: &summaries, load: load, loadBlock: loadBlock)
    }

    /// The totals pass on one chunk: runs only what the nodes `targets` (indices of `RunningTotalCommand` nodes)
    /// depend on, writes nothing, and returns per target what the chunk adds to its running total, per row key
    /// (`RunningTotalOffsets.rowKeys`). `runningTotals` as for `run` (for targets downstream of other ones).
    public func runningTotalSummaries(targets: Set<Int>, frame: ChunkFrame, context: ChunkContext,
                                      runningTotals: [Int: RunningTotalOffsets] = [:],
                                      load: (Range<Int>) throws -> (Signal, Range<Int>)) throws
        -> [Int: [Int: RunningTotalSummary?]]
    {
        var summaries = TotalsPassSummaries()
        _ = try run(frame: frame, context: context, mode: .totals(targets, runningTotals, [:]), summaries: &summaries,
                    load: load)
        return summaries.runningTotals
    }

    /// The totals pass of the state scan on one chunk: runs only what the nodes `targets` (of `plan.stateScanned`)
    /// depend on and returns what the chunk contributes to each one's scan, rows by row key. `stateScans`: the
    /// states of scanned nodes upstream of the targets (an earlier level of the scan).
    public func stateScanSummaries(targets: Set<Int>, frame: ChunkFrame, context: ChunkContext,
                                   stateScans: [Int: StateScanStart] = [:],
                                   load: (Range<Int>) throws -> (Signal, Range<Int>)) throws -> [Int: StateScanSummary] {
        var summaries = TotalsPassSummaries()
        _ = try run(frame: frame, context: context, mode: .totals(targets, [:], stateScans), summaries: &summaries,
                    load: load)
        return summaries.stateScans
    }

    /// The main pass (with the running totals and filter states it starts from), or the totals pass for some nodes.
    enum Mode {
        case process([Int: RunningTotalOffsets], [Int: StateScanStart])
        case totals(Set<Int>, [Int: RunningTotalOffsets], [Int: StateScanStart])

        var runningTotals: [Int: RunningTotalOffsets] {
            switch self {
            case .process(let totals, _), .totals(_, let totals, _): return totals
            }
        }

        var stateScans: [Int: StateScanStart] {
            switch self {
            case .process(_, let states), .totals(_, _, let states): return states
            }
        }
    }

    /// What a totals pass collects on one chunk, per target node.
    struct TotalsPassSummaries {
        var runningTotals: [Int: [Int: RunningTotalSummary?]] = [:]
        var stateScans: [Int: StateScanSummary] = [:]
    }

    private func run(frame: ChunkFrame, context: ChunkContext, mode: Mode,
                     summaries: inout TotalsPassSummaries,
                     load: (Range<Int>) throws -> (Signal, Range<Int>),
                     loadBlock: ((Range<Int>, Range<Int>) throws -> Signal)? = nil) throws -> Timing {
        var frame = frame
        var context = context
        context.computePrecision = plan.precision
        let channels = frame.channels
        var timing = Timing(seconds: [Double](repeating: 0, count: plan.nodes.count), blocks: 0)
        let rule = context.backend.device == nil ? blocks : blocks.withoutCacheSizing
        let blockSize = plan.channelLocal
            ? rule.channelsPerBlock(channels: channels, samples: frame.extended.count,
                                    halo: plan.channelHalo.before + plan.channelHalo.after)
            : channels
        let blocked = blockSize < channels
        let writers = plan.nodes.filter { $0.command is any WriterCommand }
        var writerInputs: [Int: [[DataArray]]] = [:]
        for lower in stride(from: 0, to: max(channels, 1), by: blockSize) {
            let block = lower..<min(lower + blockSize, channels)
            let rows = rowsRead(for: block, channels: channels, blocked: blocked)
            let narrowed = try narrowedRead(rows, blocked: blocked, frame: &frame, context: context, load: load,
                                            loadBlock: loadBlock, timing: &timing)
            var chunk: DataArray? = try narrowed?.kept ?? Self.loadChunk(rows, frame: &frame, load: load)
            let blockContext = blocked ? context.block(block) : context
            let collected = try runNodes(chunk: &chunk, frame: frame, block: blocked ? block : nil,
                                         context: blockContext, mode: mode, summaries: &summaries,
                                         timing: &timing, deferWriters: blocked, narrowedRows: narrowed?.rows)
            for (index, inputs) in collected { writerInputs[index, default: []].append(inputs) }
            timing.blocks += 1
        }
        if blocked, case .process = mode {
            for node in writers {
                guard let blocks = writerInputs[node.index], let writer = node.command as? any WriterCommand else {
                    continue
                }
                let stacked = (0..<blocks[0].count).map { i in Self.stacking(blocks.map { $0[i] }) }
                let start = ContinuousClock.now
                try withCommandContext(node) { try writer.write(stacked.map(\.values), context: context.receiving(stacked.map(\.axes))) }
                timing.seconds[node.index] += (ContinuousClock.now - start).seconds
            }
        }
        return timing
    }

    /// Channels `rows` of the chunk from `load`, with its axes; `frame` learns which samples they cover. Its own
    /// function so that no local of the caller keeps the values: the chunk's only holder is the engine's slot.
    private static func loadChunk(_ rows: Range<Int>, frame: inout ChunkFrame,
                                  load: (Range<Int>) throws -> (Signal, Range<Int>)) throws -> DataArray {
        let (values, read) = try load(rows)
        frame.extended = read
        return DataArray(values, axes: frame.axes(channels: rows))
    }

    /// The chunk read narrowed to the block its readers keep (`GraphPlan.narrowedReaders`), with the axes of what
    /// was read, and the rows the readers would have received; nil when the whole read is needed: the readers keep
    /// everything or disagree, a sample range is wanted around which a time halo is read, or a device runs the
    /// graph. A channel range is read with the time halo as always; each reader then checks that it keeps every
    /// sample it receives (else the chunk is read whole after all: never a wrong result).
    private func narrowedRead(_ rows: Range<Int>, blocked: Bool, frame: inout ChunkFrame, context: ChunkContext,
                              load: (Range<Int>) throws -> (Signal, Range<Int>),
                              loadBlock: ((Range<Int>, Range<Int>) throws -> Signal)?,
                              timing: inout Timing) throws -> (kept: DataArray, rows: Range<Int>)? {
        guard context.backend.device == nil, let readers = plan.narrowedReaders else { return nil }
        let own = frame.samples
        let ownAxes = GraphPlan.readerAxes(frame: frame, rows: rows, samples: own, trimmedTo: nil)
        guard let block = plan.agreedBlock(readers: readers, of: ownAxes) else { return nil }
        let allRows = block.rows == 0..<rows.count, allColumns = block.columns == 0..<own.count
        guard !(allRows && allColumns), !(blocked && !allRows), !block.rows.isEmpty, !block.columns.isEmpty else {
            return nil
        }
        let keptRows = (rows.lowerBound + block.rows.lowerBound)..<(rows.lowerBound + block.rows.upperBound)
        let kept: DataArray
        if allColumns {
            let (values, read) = try load(keptRows)
            frame.extended = read
            for index in readers {
                let axes = GraphPlan.readerAxes(frame: frame, rows: rows, samples: read,
                                                trimmedTo: plan.windowed[index] ? nil : own)
                let command = plan.nodes[index].command as? any ReadNarrowingCommand
                guard command?.keptBlock(of: axes) == KeptBlock(rows: block.rows, columns: 0..<axes.columns.count)
                else { return nil }
            }
            kept = DataArray(values, axes: frame.axes(channels: keptRows))
        } else {
            guard plan.timeHalo == .none, let loadBlock else { return nil }
            let values = try loadBlock(keptRows, block.columns)
            let segmentColumns = (own.lowerBound + block.columns.lowerBound)..<(own.lowerBound + block.columns.upperBound)
            kept = DataArray(values, axes: GraphPlan.readerAxes(frame: frame, rows: keptRows, samples: segmentColumns,
                                                                 trimmedTo: nil))
        }
        let names = readers.map { "uid \(plan.nodes[$0].uid) \(plan.nodes[$0].name)" }.joined(separator: ", ")
        timing.transfers.insert("chunk read narrowed to what \(names) keeps: \(block)")
        return (kept, rows)
    }

    /// Runs every node once on `chunk` (set to nil after its last reader); returns writers' inputs instead of
    /// writing when `deferWriters`. With `narrowedRows`, `chunk` is the block the chunk's readers keep
    /// (`narrowedRead`), and they take it as their output instead of selecting from rows `narrowedRows`.
    ///
    /// On a backend with a device (`ComputeBackend.device`), commands with a device kernel (`DeviceCommand`) run
    /// there and their outputs stay there; other commands get their inputs copied to the host first, a transfer
    /// noted in `timing.transfers`. Without `to_gpu` in the graph the whole graph is eligible (the chunk goes to the
    /// device at the first device command); with it, only values `to_gpu` moved there (distpy's regions), until
    /// `from_gpu` brings them back.
    private func runNodes(chunk: inout DataArray?, frame: ChunkFrame, block: Range<Int>?, context: ChunkContext,
                          mode: Mode, summaries: inout TotalsPassSummaries,
                          timing: inout Timing, deferWriters: Bool, narrowedRows: Range<Int>? = nil) throws
        -> [Int: [DataArray]] {
        let lastReader = plan.lastReader
        let chunkLastReader = plan.chunkLastReader
        let device = context.backend.device
        let wholeGraphOnDevice = device != nil && !plan.nodes.contains { $0.command is ToGPUCommand }
        var results = [ResidentValue?](repeating: nil, count: plan.nodes.count)
        var deferred: [Int: [DataArray]] = [:]
        var fusions: [Int: [Int]] = [:]
        if fusesSpectrumBands, device == nil, case .process = mode { fusions = plan.spectrumBandFusions }
        var fusedOutputs: [Int: ResidentValue] = [:]
        var targets: Set<Int> = []
        var needed = Set(plan.nodes.indices)
        if case .totals(let wanted, _, _) = mode {
            targets = wanted
            needed = plan.ancestors(of: wanted).union(wanted)
        }
        for node in plan.nodes where needed.contains(node.index) {
            if let output = fusedOutputs.removeValue(forKey: node.index) {  // computed with its fft
                if lastReader[node.index] != nil { results[node.index] = output }
                release(node, chunkLastReader: chunkLastReader, lastReader: lastReader, results: &results, chunk: &chunk)
                continue
            }
            let isWriter = node.command is any WriterCommand
            let start = ContinuousClock.now
            var resident = try node.inputs.map { input -> ResidentValue in
                var value: ResidentValue
                switch input {
                case .chunk: value = .host(chunk!)
                case .node(let i): value = results[i]!
                }
                // Only values that can carry a halo (the chunk, a windowed node's output) are cut back to the chunk:
                // a per-chunk node's output is the chunk's already, on its own time grid when it changed it
                // (Fourier `resample`, `pad`), where the chunk's base indices mean nothing. A windowed node on a
                // grid of another rate (polyphase `resample`) is trimmed by time (`elements(withSamplesIn:)`).
                let carriesHalo: Bool
                switch input {
                case .chunk: carriesHalo = true
                case .node(let i): carriesHalo = plan.windowed[i]
                }
                if !plan.windowed[node.index] && carriesHalo {
                    value = try value.trimmingTime(to: frame.samples, rateHz: frame.rateHz,
                                                   windowsOwned: frame.windowsOwned, device: device)
                }
                if isWriter, let block { value = try value.trimmingChannels(to: block, device: device) }
                return value
            }
            var nodeContext = context.receiving(resident.map(\.axes))
            if let command = node.command as? any RunningTotalCommand, command.needsRunningTotal {
                // The totals pass keeps what the chunk adds and stops here; the main pass starts from the offsets.
                let input = try resident[0].onHost(device)
                let summarize = targets.contains(node.index)
                try withCommandContext(node) {
                    let own = try Self.ownElements(of: input.axes, frame: frame, windowed: plan.windowed[node.index])
                    if summarize {
                        let rows = try command.runningTotalSummaries(
                            DataArray(input.values.canonical(), axes: input.axes), own: own)
                        for (key, row) in zip(RunningTotalOffsets.rowKeys(input.axes.rows), rows)
                        where block.map({ input.axes.rows.dimension != .distance || $0.contains(key) }) ?? true {
                            summaries.runningTotals[node.index, default: [:]][key] = row
                        }
                    } else {
                        nodeContext.runningTotal = try Self.runningTotal(mode.runningTotals[node.index],
                                                                         rows: input.axes.rows, anchor: own.lowerBound)
                    }
                }
                if summarize {
                    timing.seconds[node.index] += (ContinuousClock.now - start).seconds
                    continue
                }
            }
            if plan.stateScanned.contains(node.index), let command = node.command as? any LinearStateScanCommand {
                // The totals pass keeps the chunk's zero-state end states and stops here; the main pass starts from
                // the scan's states.
                let input = try resident[0].onHost(device)
                let keys = RunningTotalOffsets.rowKeys(input.axes.rows)
                if targets.contains(node.index) {
                    try withCommandContext(node) {
                        let chunk = try command.stateScanChunk(input, position: context.segmentPosition,
                                                               context: nodeContext)
                        summaries.stateScans[node.index, default: StateScanSummary(chunk)].add(
                            chunk, keys: keys, within: input.axes.rows.dimension == .distance ? block : nil)
                    }
                    timing.seconds[node.index] += (ContinuousClock.now - start).seconds
                    continue
                }
                nodeContext.stateScan = try withCommandContext(node) {
                    guard let states = mode.stateScans[node.index] else {
                        throw CommandError("state scan", "has no filter states from the totals pass for this chunk; "
                                           + "run `distswift process` (it runs the totals pass first)")
                    }
                    return try states.selecting(keys)
                }
            }
            var output: ResidentValue?
            // Inputs handed over to a command that works in place and not reused by it (a float32 chunk under a
            // float64 result): dropped after the command's time is taken, as every other command's inputs are (by
            // `release` below) — unmapping a 40 MB chunk's pages is the engine's cost, not the command's.
            var handedOver: [Signal] = []
            // A scanned filter starts from the scan's states, which only the host kernel takes.
            if let device, !plan.stateScanned.contains(node.index) {
                output = try withCommandContext(node) {
                    try runOnDevice(node, resident, device: device, wholeGraph: wholeGraphOnDevice,
                                    context: nodeContext, timing: &timing)
                }
            }
            if output == nil {
                let inputOnDevice = resident.first?.isOnDevice ?? false
                var inputs = try resident.enumerated().map { position, value -> DataArray in
                    if value.isOnDevice {
                        timing.transfers.insert("uid \(node.uid) \(node.name) has no device kernel for its input: "
                                                + "input \(position) copied from \(device?.deviceDescription ?? "the device") "
                                                + "to the host")
                    }
                    var data = try value.onHost(device)
                    let (values, note) = plan.input(data.values, for: node)
                    data.values = values
                    if let note { timing.transfers.insert(note) }
                    return data
                }
                if let writer = node.command as? any WriterCommand, case .process = mode {
                    if deferWriters {
                        deferred[node.index] = inputs
                    } else {
                        try withCommandContext(node) { try writer.write(inputs.map(\.values), context: nodeContext) }
                    }
                }
                if isWriter, inputOnDevice {
                    output = resident[0]  // a writer passes its input on: it stays where it was
                } else if let readers = fusions[node.index],
                          let outputs = fusedBandOutputs(node, readers: readers, input: inputs[0], context: nodeContext) {
                    fusedOutputs = outputs  // the spectrum itself is never stored
                    timing.fusedSpectrumBands.insert(node.index)
                } else {
                    let axes = inputs.map(\.axes)
                    var values = inputs.map(\.values)
                    let owning = reusesBuffers && node.command.worksInPlace
                    if owning {
                        // Let go of every reference the engine holds, so that `values` is the inputs' only holder
                        // where nothing else reads them.
                        inputs.removeAll()
                        resident.removeAll()
                        release(node, chunkLastReader: chunkLastReader, lastReader: lastReader, results: &results,
                                chunk: &chunk)
                    }
                    // Only the chunk's readers take the kept block (a selection further down selects as always).
                    let selection = narrowedRows != nil && node.inputs == [.chunk]
                        ? node.command as? any ReadNarrowingCommand : nil
                    let result = try withCommandContext(node) {
                        if let selection { return try selection.result(ofKept: values[0], context: nodeContext) }
                        return owning ? try node.command.execute(owning: &values, context: nodeContext)
                            : try node.command.execute(values, context: nodeContext)
                    }
                    if owning { swap(&handedOver, &values) }
                    var outputAxes = node.command.outputAxes(axes)
                    if selection != nil, let rows = narrowedRows {
                        // The selection's axes cut from those of the whole read, as when it selects itself.
                        outputAxes = node.command.outputAxes([GraphPlan.readerAxes(
                            frame: frame, rows: rows, samples: frame.extended,
                            trimmedTo: plan.windowed[node.index] ? nil : frame.samples)])
                    }
                    outputAxes.history.append(node.historyEntry)
                    output = .host(DataArray(result, axes: outputAxes))
                }
            }
            timing.seconds[node.index] += (ContinuousClock.now - start).seconds
            handedOver.removeAll()
            if lastReader[node.index] != nil { results[node.index] = output }
            release(node, chunkLastReader: chunkLastReader, lastReader: lastReader, results: &results, chunk: &chunk)
        }
        return deferred
    }

    /// Drops the values whose last reader is `node` (the chunk among them).
    private func release(_ node: GraphPlan.Node, chunkLastReader: Int?, lastReader: [Int?],
                         results: inout [ResidentValue?], chunk: inout DataArray?) {
        for input in node.inputs {
            switch input {
            case .chunk where chunkLastReader == node.index: chunk = nil
            case .node(let i) where lastReader[i] == node.index: results[i] = nil
            default: break
            }
        }
    }

    /// The node on the device when it can run there (nil: run it on the host): `to_gpu` and `from_gpu` move their
    /// input, a `DeviceCommand` runs its kernel on an input that is on the device (or any input when the whole
    /// graph is on the device).
    private func runOnDevice(_ node: GraphPlan.Node, _ inputs: [ResidentValue], device: any DeviceBackend,
                             wholeGraph: Bool, context: ChunkContext, timing: inout Timing) throws -> ResidentValue? {
        func outputAxes(_ axes: Axes) -> Axes {
            var out = node.command.outputAxes([axes])
            out.history.append(node.historyEntry)
            return out
        }
        if node.command is ToGPUCommand {
            let (array, axes) = try inputs[0].onDevice(device)
            return .device(array, outputAxes(axes))
        }
        if node.command is FromGPUCommand {
            return .host(try inputs[0].onHost(device))
        }
        guard inputs.count == 1, let command = node.command as? any DeviceCommand, command.runsOnDevice,
              inputs[0].isOnDevice || wholeGraph else { return nil }
        let input: (DeviceArray, Axes)
        do {
            if !inputs[0].isOnDevice, node.inputs[0] != .chunk {
                timing.transfers.insert("uid \(node.uid) \(node.name): input copied from the host to "
                                        + device.deviceDescription)
            }
            input = try inputs[0].onDevice(device)
        } catch is DeviceKernelUnavailable {
            return nil
        }
        do {
            let array = try command.executeOnDevice(input.0, device: device, context: context)
            return .device(array, outputAxes(input.1))
        } catch let unavailable as DeviceKernelUnavailable {
            timing.transfers.insert("uid \(node.uid) \(node.name): \(unavailable); ran on the CPU")
            return nil
        }
    }

    /// The elements of a running-total node's input that are the chunk's own samples (the rest is halo): all of
    /// them when the node is not windowed (its input was trimmed to the chunk, or is a per-chunk command's output).
    static func ownElements(of axes: Axes, frame: ChunkFrame, windowed: Bool) throws -> Range<Int> {
        guard windowed else { return 0..<axes.columns.count }
        guard case .time = axes.columns.grid else {
            throw CommandError("running total", "its input has no time axis of the recording, so the earlier "
                               + "chunks' totals cannot be placed; set \"zero_at\": \"chunk\"")
        }
        return axes.columns.elements(withSamplesIn: frame.samples, rateHz: frame.rateHz)
    }

    /// The offsets of the rows of a node's input, looked up by row key (zeros without a totals pass).
    static func runningTotal(_ offsets: RunningTotalOffsets?, rows: Axis, anchor: Int) throws -> RunningTotal {
        guard let offsets else { return RunningTotal(offsets: [Double](repeating: 0, count: rows.count), anchor: anchor) }
        let values = try RunningTotalOffsets.rowKeys(rows).map { key -> Double in
            guard offsets.offsets.indices.contains(key) else {
                throw CommandError("running total", "row \(key) has no total from the totals pass (it saw "
                                   + "\(offsets.offsets.count) rows); run process again with --force")
            }
            return offsets.offsets[key]
        }
        return RunningTotal(offsets: values, anchor: anchor)
    }

    /// Channel blocks of one writer input stacked back into the chunk's rows.
    static func stacking(_ blocks: [DataArray]) -> DataArray {
        var axes = blocks[0].axes
        if axes.rows.dimension == .distance { axes.rows.count = blocks.map(\.axes.rows.count).reduce(0, +) }
        return DataArray(Signal.stacking(blocks.map(\.values)), axes: axes)
    }

    private func withCommandContext<R>(_ node: GraphPlan.Node, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as CommandError {
            throw CommandError("command_list[uid \(node.uid)] \(error.command)", error.problem, cause: error.cause)
        } catch {
            throw CommandError("command_list[uid \(node.uid)] \(node.name)", "\(error)", cause: error)
        }
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
