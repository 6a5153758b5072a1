import DistSwiftIO

/// `copy`: distpy's defence against commands that change their input in place (`copy.deepcopy`). distswift
/// commands never modify an input, so it passes its input on; it is kept so distpy graphs run unchanged.
public struct CopyCommand: PassThroughCommand {
    public static let name = "copy"
    public static let summary = "pass the input on (distswift never modifies inputs in place, so no copy is needed)"
    public init() {}
}

/// `data`: distpy's node-0 command (`load_data`). Written in a graph, distpy's version outputs a command object
/// and crashes its consumer; here it passes its input on, so `{"name": "data", "in_uid": 0}` is the chunk.
public struct DataCommand: PassThroughCommand {
    public static let name = "data"
    public static let summary = "the chunk (in_uid 0) or any input, passed on unchanged"
    public init() {}
}

/// `NONE`: distpy's pass-through command (which distpy also silently substitutes for unknown names; distswift
/// reports unknown names instead).
public struct NoneCommand: PassThroughCommand {
    public static let name = "NONE"
    public static let summary = "pass the input on unchanged"
    public init() {}
}
