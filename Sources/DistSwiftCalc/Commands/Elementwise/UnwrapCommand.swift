import DistSwiftIO

/// `unwrap`: numpy's `unwrap` — jumps of more than π between consecutive values are replaced by their 2π
/// complement. Each value depends on every value before it in the line, so it is defined per chunk along time (the
/// first sample of every chunk is kept as it is) and needs every channel along channels.
public struct UnwrapCommand: Command {
    public static let name = "unwrap"
    public static let summary = "unwrap phase jumps larger than π along time (axis 1) or channels (axis 0)"
    public static let details = """
        Exactly numpy.unwrap (discont π, period 2π). Per chunk along time: each chunk starts from its own first
        value, as distpy's per-chunk processing does.
        """
    public static let parameters = [ParameterSpec("axis", .axis, default: .number(-1), "1 (or -1): time; 0: channels")]
    public static let accepts = SignalKind.twoDimensional

    let axis: Int

    public init(_ p: ParameterValues) throws { axis = p.axis("axis") }

    public var channelContext: ChannelContext { axis == 0 ? .wholeFibre : .local }
    public func outputKind(_ inputs: [SignalKind]) -> SignalKind { inputs[0] }

    public func execute(_ inputs: [Signal], context: ChunkContext) throws -> Signal {
        let a = try inputs[0].realValues(for: Self.name)
        return .real(a.mappingLines(axis: axis) { line in
            var out = Array(line)
            var correction = 0.0
            for i in 1..<max(1, out.count) {
                let dd = line[line.startIndex + i] - line[line.startIndex + i - 1]
                // numpy: ddmod = mod(dd + π, 2π) − π, with −π turned into π for positive jumps.
                var ddmod = (dd + .pi).truncatingRemainder(dividingBy: 2 * .pi)
                if ddmod < 0 { ddmod += 2 * .pi }
                ddmod -= .pi
                if ddmod == -.pi && dd > 0 { ddmod = .pi }
                if abs(dd) >= .pi { correction += ddmod - dd }
                out[i] += correction
            }
            return out
        })
    }
}
