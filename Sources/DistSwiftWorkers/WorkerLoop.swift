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

    /// Answers held for a group commit are sent once no further task is waiting, or once this many are held: the
    /// controller keeps tasks in flight (`InFlightDepth`, up to 64), so a group is at most half of them and the
    /// worker is never left without the next task while the controller reads the answers.
    public static let largestGroup = 32

    /// `nextLine` returns nil at the end of input; `send` must write its line and a newline without buffering.
    /// `hasWaitingInput` says whether another task line can be read at once (a job that commits in groups commits
    /// when it cannot); nil: never (every task is committed and answered on its own).
    ///
    /// `controllerAlive` is asked before each task and before each commit. A controller killed with -9 leaves its
    /// worker the tasks still in the pipe (up to 64) and the work it holds uncommitted; nobody will journal their
    /// answers, and a new run on the same location may already be doing the same tasks — committing them then
    /// (a batch of source records, outputs) would race it. So the worker stops at once, committing nothing more;
    /// the new run does that work.
    public func serve(nextLine: () -> String?, hasWaitingInput: (() -> Bool)? = nil,
                      controllerAlive: () -> Bool = { true }, send: (String) -> Void) {
        if case .success(let job) = job { job.prepareWorker() }
        let grouping = (try? job.get())?.commitsInGroups == true
        var held: [TaskAttempt] = []
        while let line = nextLine() {
            guard controllerAlive() else { return }
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let done = attempt(line)
            held.append(done)
            if !grouping || held.count >= Self.largestGroup || hasWaitingInput?() != true {
                guard controllerAlive() else { return }
                for answer in committed(held) { send(Self.encode(answer)) }
                held = []
            } else if let notice = try? TaskLine.encode(TaskStaged(staged: done.id, attempt: done.attempt)) {
                send(notice)
            }
        }
        guard controllerAlive() else { return }
        for answer in committed(held) { send(Self.encode(answer)) }
        if case .success(let job) = job { job.finishWorker() }
    }

    /// The answers of `attempts` once their work is durable: a failed commit fails the tasks that had succeeded.
    func committed(_ attempts: [TaskAttempt]) -> [TaskAttempt] {
        guard case .success(let job) = job, attempts.contains(where: { $0.status == .ok }) else { return attempts }
        do {
            try job.commit()
            return attempts
        } catch {
            return attempts.map { attempt in
                guard attempt.status == .ok else { return attempt }
                var failed = TaskAttempt(id: attempt.id, attempt: attempt.attempt, status: .failed,
                                         error: "its results could not be made durable: \(error)",
                                         startNs: attempt.startNs, endNs: WallClock.nowNs, bytes: 0, pid: pid)
                failed.failure = .io
                return failed
            }
        }
    }

    /// Runs one task line and answers it, committing its work first (for tests and single tasks).
    func answer(_ line: String) -> String {
        Self.encode(committed([attempt(line)])[0])
    }

    /// Runs one task line; its work may still wait for `commit`.
    func attempt(_ line: String) -> TaskAttempt {
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
        return result
    }

    static func encode(_ result: TaskAttempt) -> String {
        // Encoding these plain fields cannot fail; a fallback line keeps the protocol one answer per task.
        (try? TaskLine.encode(result))
            ?? #"{"id":"","attempt":0,"status":"failed","error":"unencodable result","startNs":0,"endNs":0,"bytes":0,"pid":0}"#
    }
}
