/// An error that is a `Problem` of one kind (a config, store, record, engine… problem): a type of its own, so that
/// callers can catch one kind apart from the others, with its text and fields those of the problem it holds.
public protocol ProblemKind: Error, CustomStringConvertible, Sendable {
    var base: Problem { get }
}

extension ProblemKind {
    public var problem: String { base.problem }
    public var fix: String? { base.fix }
    public var description: String { base.description }
}
