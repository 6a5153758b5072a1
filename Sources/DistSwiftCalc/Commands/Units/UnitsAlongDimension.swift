import DistSwiftIO

/// How the data's units follow an integral or a derivative along a dimension: multiplied or divided by the
/// coordinate's unit (s along time, m along distance). Units not recorded ("") stay unknown; units recorded but
/// not understood are a validation error, never a silent number.
enum UnitsAlongDimension {
    /// The units after multiplying (power 1) or dividing (power −1) by the dimension's unit; "" stays "".
    static func following(_ units: String, along dimension: DataDimension, power: Int) -> String {
        guard !units.isEmpty, let unit = PhysicalUnit.parse(units) else { return units }
        let coordinate = dimension == .time ? PhysicalUnit.seconds : PhysicalUnit.metres
        return (power > 0 ? unit * coordinate : unit / coordinate).description
    }

    /// A problem when recorded units cannot be read (the command would otherwise write wrong units).
    static func problems(_ units: String, command: String) -> [ParameterProblem] {
        guard !units.isEmpty, PhysicalUnit.parse(units) == nil else { return [] }
        return [ParameterProblem(nil, "cannot follow the data's units \"\(units)\": not a unit distswift reads",
                                 fix: "record the units in the store as products/quotients of m, s, rad, Hz, "
                                 + "strain with SI prefixes (e.g. \"1/s\", \"nm/m/s\", \"rad\"), or set them "
                                 + "with `convert_units` and its `from` before \(command)")]
    }
}
