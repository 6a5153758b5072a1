import CDistShims

/// The second-order-section recurrence over channels in lanes (`dist_iir.c`: the widest vector unit the processor
/// has, chosen at run time). The buffer holds `lanes` channels per sample, channel innermost.
public enum SOSLanes {
    public static let lanes = Int(DIST_IIR_LANES)

    /// Runs the cascade in place over `samples` (count × lanes values), forward or backward; `coefficients` holds
    /// b0, b1, b2, a1, a2 per section and `initialConditions` two states per section, scaled per lane by the pass's
    /// first sample.
    public static func run(_ samples: inout [Double], reversed: Bool, coefficients: [Double],
                           initialConditions: [Double]) {
        precondition(samples.count % lanes == 0 && coefficients.count == 5 * (initialConditions.count / 2))
        let count = samples.count / lanes
        guard count > 0 else { return }
        samples.withUnsafeMutableBufferPointer { s in
            dist_sos_run_lanes(s.baseAddress, count, reversed ? 1 : 0, coefficients, initialConditions,
                               Int32(coefficients.count / 5))
        }
    }
}
