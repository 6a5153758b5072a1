import DistSwiftIO

extension ChunkContext {
    /// The step between the input's coordinates along `dimension` (along time the sampling interval when the axes
    /// do not carry one), or an error naming `command` when they are not evenly spaced.
    func spacing(along dimension: DataDimension, command: String) throws -> Double {
        guard let spacing = inputAxes.first?.spacing(dimension) ?? (dimension == .time ? 1 / samplingRateHz : nil)
        else { throw CommandError(command, "needs evenly spaced \(dimension.rawValue) coordinates") }
        return spacing
    }

    /// Samples per unit along `dimension` (Hz along time, per metre along distance), for filters designed at that
    /// rate: as `spacing`, and a zero step is an error too.
    func rate(along dimension: DataDimension, command: String) throws -> Double {
        let spacing = try spacing(along: dimension, command: command)
        guard spacing != 0 else { throw CommandError(command, "needs evenly spaced \(dimension.rawValue) coordinates") }
        return 1 / abs(spacing)
    }
}
