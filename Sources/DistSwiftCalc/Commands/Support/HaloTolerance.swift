import DistSwiftIO

/// The `halo_tolerance` parameter of the IIR filter commands: how much of the impulse response the engine reads
/// from the neighbouring chunks (to this fraction of its total), so chunk edges match one long record.
enum HaloTolerance {
    static let parameter = ParameterSpec(
        "halo_tolerance", .number, default: .number(1e-9),
        "distswift: how closely chunk edges match one long record — the filter's impulse response is read from "
        + "the neighbouring chunks to this fraction of its total")

    static func read(_ p: ParameterValues) throws -> Double {
        let tolerance = p.number("halo_tolerance")
        guard tolerance > 0 && tolerance < 1 else {
            throw ParameterProblem("halo_tolerance", "is \(tolerance) but must lie between 0 and 1",
                                   fix: "use e.g. 1e-9 (default) or 1e-6 for a shorter halo")
        }
        return tolerance
    }
}
