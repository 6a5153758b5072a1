/// The batch systems distswift can run job arrays on, each with no submission options (as `distswift status` and an
/// array task, which have only a run's manifest, use them), found by their `--engine` name.
public enum BatchSystems {
    public static let all: [any BatchSystem] = [SlurmBatchSystem()]

    public static func named(_ name: String) -> (any BatchSystem)? {
        all.first { type(of: $0).name == name }
    }
}
