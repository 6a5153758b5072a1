import DistSwiftNative
import Foundation

/// Test-only faults a worker injects into its own tasks, asked for through environment variables that only the
/// worker reads (the controller passes its environment on unchanged):
/// - `DISTSWIFT_FAULT_KILL_ON_TASK=ID`: the worker SIGKILLs itself when it starts task ID on attempt 1;
/// - `DISTSWIFT_FAULT_FAIL_TASK=ID`: task ID fails on every attempt;
/// - `DISTSWIFT_FAULT_SLEEP_ON_TASK=ID:SECONDS`: task ID sleeps that long first, on attempt 1 (for timeouts).
public struct WorkerFaults: Sendable, Equatable {
    public static let killVariable = "DISTSWIFT_FAULT_KILL_ON_TASK"
    public static let failVariable = "DISTSWIFT_FAULT_FAIL_TASK"
    public static let sleepVariable = "DISTSWIFT_FAULT_SLEEP_ON_TASK"

    public var killOnTask: String?
    public var failTask: String?
    public var sleepOnTask: String?
    public var sleepSeconds: Double = 0

    public static let none = WorkerFaults()

    public init(killOnTask: String? = nil, failTask: String? = nil, sleepOnTask: String? = nil,
                sleepSeconds: Double = 0) {
        self.killOnTask = killOnTask
        self.failTask = failTask
        self.sleepOnTask = sleepOnTask
        self.sleepSeconds = sleepSeconds
    }

    public static func fromEnvironment(_ environment: [String: String]) -> WorkerFaults {
        var faults = WorkerFaults()
        faults.killOnTask = environment[killVariable].flatMap { $0.isEmpty ? nil : $0 }
        faults.failTask = environment[failVariable].flatMap { $0.isEmpty ? nil : $0 }
        // Split at the last colon: task ids may hold colons, the seconds never do.
        if let value = environment[sleepVariable], let colon = value.lastIndex(of: ":"),
           let seconds = Double(value[value.index(after: colon)...]) {
            faults.sleepOnTask = String(value[..<colon])
            faults.sleepSeconds = seconds
        }
        return faults
    }

    /// Applies the faults asked for `message`'s task, before the task itself runs.
    func inject(before message: TaskMessage) throws {
        if message.id == killOnTask && message.attempt == 1 { ProcessSignals.killCurrentProcess() }
        if message.id == sleepOnTask && message.attempt == 1 { Thread.sleep(forTimeInterval: sleepSeconds) }
        if message.id == failTask { throw InjectedFault(taskID: message.id) }
    }
}

struct InjectedFault: Error, CustomStringConvertible {
    let taskID: String
    var description: String { "\(taskID): fails by fault injection (\(WorkerFaults.failVariable))" }
}
