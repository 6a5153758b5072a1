extension SystemConfig {
    /// The config of a second stage that runs a graph on this config's output store and writes beside it: what
    /// distpy writes as two system configs (one to ingest, one to process), `distswift watch` derives from one, so
    /// that a live run has a single config to follow. The graph is `graph` (an absolute path), else this config's
    /// own `config` key.
    public func processingItsOutput(graph: String?) -> SystemConfig {
        SystemConfig(file: file, input: output, output: output, parallel: parallel, workerCount: workerCount,
                     channelBlocks: channelBlocks, measuredDepthFile: nil, timeScaleFile: nil, prf: prf,
                     workflowFile: graph ?? workflowFile, hdf5Layout: hdf5Layout)
    }
}
