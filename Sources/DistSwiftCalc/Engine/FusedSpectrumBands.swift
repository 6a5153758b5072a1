import DistSwiftIO

/// The noise log's `fft` and its band commands as one kernel. In distpy's noise-log graph the spectrum of a chunk
/// (40 MB for 1000 × 10,000 float32) is read only by band-energy commands; written whole, it costs fresh pages and
/// one pass per reader over memory. When every reader of an `fft` along time is a `SpectrumBandReader` reading
/// nothing else, the engine asks the backend for the readers' band powers at once
/// (`ComputeBackend.spectrumSegmentPowers`: each row batch's spectrum summed while it is in cache) and hands each
/// reader its output; the spectrum is never stored. Every other graph shape, input form or backend with a device
/// (whose spectra stay in device memory) takes the generic path.
extension GraphPlan {
    /// Per `fft` node (along time) whose every reader is a band command with it as its only input: those readers'
    /// indices, in file order.
    public var spectrumBandFusions: [Int: [Int]] {
        var readers: [Int: [Int]] = [:]
        for node in nodes {
            for case .node(let i) in node.inputs { readers[i, default: []].append(node.index) }
        }
        var fusions: [Int: [Int]] = [:]
        for node in nodes {
            guard let fft = node.command as? FFTCommand, fft.axis == 1, node.inputs.count == 1,
                  let reading = readers[node.index],
                  reading.allSatisfy({ nodes[$0].command is any SpectrumBandReader
                      && nodes[$0].inputs == [.node(node.index)] }) else { continue }
            fusions[node.index] = reading
        }
        return fusions
    }
}

extension GraphRunner {
    /// The outputs of the band readers of the `fft` node `node` for its input `input` (as the fft would receive
    /// it), by reader index; nil when the input is not real rows (the generic path then runs the fft).
    func fusedBandOutputs(_ node: GraphPlan.Node, readers: [Int], input: DataArray,
                          context: ChunkContext) -> [Int: ResidentValue]? {
        let powers: (rows: Int, samples: Int, compute: ([Int]) -> Array2D<Double>)
        switch input.values {
        case .singleReal(let a): powers = (a.rows, a.columns, { context.backend.spectrumSegmentPowers(a, edges: $0) })
        case .real(let a): powers = (a.rows, a.columns, { context.backend.spectrumSegmentPowers(a, edges: $0) })
        default: return nil
        }
        var spectrumAxes = node.command.outputAxes([input.axes])
        spectrumAxes.history.append(node.historyEntry)
        let readerContext = context.receiving([spectrumAxes])
        let commands = readers.map { plan.nodes[$0].command as! any SpectrumBandReader }
        let segments = BandSegments(commands.map(\.bandsRead), samples: powers.samples,
                                    rate: readerContext.samplingRateHz, bins: powers.samples / 2 + 1)
        let energies = segments.energies(powers.compute(segments.edges).values, rows: powers.rows,
                                         samples: powers.samples)
        var outputs: [Int: ResidentValue] = [:]
        for (reader, (command, energy)) in zip(readers, zip(commands, energies)) {
            var axes = command.outputAxes([spectrumAxes])
            axes.history.append(plan.nodes[reader].historyEntry)
            outputs[reader] = .host(DataArray(command.output(fromEnergies: energy, samples: powers.samples), axes: axes))
        }
        return outputs
    }
}
