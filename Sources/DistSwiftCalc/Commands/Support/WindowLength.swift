/// Window lengths in samples, read and checked once for every windowed command.
extension ParameterValues {
    /// A positive whole number of samples, or the problem naming the parameter and the fix.
    func windowLength(_ name: String, minimum: Int = 1) throws -> Int {
        let n = integer(name)
        guard n >= minimum else {
            throw ParameterProblem(name, "is \(n) but must be at least \(minimum) samples",
                                   fix: "give a window of \(minimum) or more samples")
        }
        return n
    }
}
