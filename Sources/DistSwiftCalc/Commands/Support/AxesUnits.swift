extension Axes {
    /// The same axes for values in other units ("" for a dimensionless quantity: a ratio, a mask, a label).
    func withUnits(_ units: String) -> Axes {
        var axes = self
        axes.units = units
        return axes
    }

    var unitless: Axes { withUnits("") }
}
