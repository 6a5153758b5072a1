import DistSwiftNative

/// The body of a worker process: reads one `TaskMessage` per line, runs it, answers one `TaskAttempt` per line, in
/// the order received, until its input ends. Single-threaded: the pool's parallelism comes from its processes.
///
/// A job that could not be loaded (its config or store unreadable) still answers every task, with the load error:
/// the controller then records each task as failed with the reason, instead of restarting a worker that can never
/// start.
public struct WorkerLoop {
    private let job: Result<any WorkerJob, any Error>
    private let faults: WorkerFaults
    private let pid = NativeFileSystem.processID

    public init(job: Result<any WorkerJob, any Error>, faults: WorkerFaults = .none) {
        self.job = job
        self.faults = faults
    }

    /// `nextLine` returns nil at the end of input; `send` must write its line and a newline without buffering.
    public func serve(nextLine: () -> String?, send: (String) -> Void) {
        if case .success(let job) = job { job.prepareWorker() }
        while let line = nextLine() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            send(answer(line))
        }
        if case .success(let job) = job { job.finishWorker() }
    }

    func answer(_ line: String) -> String {
        let startNs = WallClock.nowNs
        var result: TaskAttempt
        do {
            let message = try TaskLine.decode(TaskMessage.self, from: line)
            do {
                try faults.inject(before: message)
                let outcome = try job.get().perform(message.id)
                result = TaskAttempt(id: message.id, attempt: message.attempt, status: .ok, startNs: startNs,
                                     endNs: WallClock.nowNs, bytes: outcome.bytes, pid: pid, note: outcome.note,
                                     commandSeconds: outcome.commandSeconds)
            } catch {
                result = TaskAttempt(id: message.id, attempt: message.attempt, status: .failed, error: "\(error)",
                                     startNs: startNs, endNs: WallClock.nowNs, bytes: 0, pid: pid)
                result.failure = .classify(error)
            }
        } catch {
            result = TaskAttempt(id: "", attempt: 0, status: .failed, error: "not a task message: \(line)",
                                 startNs: startNs, endNs: WallClock.nowNs, bytes: 0, pid: pid)
        }
        // Encoding these plain fields cannot fail; a fallback line keeps the protocol one answer per task.
        return (try? TaskLine.encode(result))
            ?? #"{"id":"","attempt":0,"status":"failed","error":"unencodable result","startNs":0,"endNs":0,"bytes":0,"pid":0}"#
    }
}
