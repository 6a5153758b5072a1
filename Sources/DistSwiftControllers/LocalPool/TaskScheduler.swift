import DistSwiftWorkers

/// The pool's one queue and its bookkeeping: which task goes to which worker next, what each try gave, when a
/// task is retried and when it has failed for good. An actor, so the workers' sessions, which run concurrently,
/// see one consistent state; it also calls the observer, so events arrive one at a time.
actor TaskScheduler {
    private let options: PoolOptions
    private let observe: @Sendable (TaskEvent) -> Void
    private let taskCount: Int
    // A queue with its head index: taking is O(1), and a retry goes back to the front so it runs soon.
    private var queue: [TaskMessage]
    private var head = 0
    private var inFlight = 0
    private var fates: [String: TaskFate] = [:]
    private var errors: [String: String] = [:]
    private var attempts: [TaskAttempt] = []
    private var finishedSeconds = 0.0
    private var finishedCount = 0
    private var liveSlots: Int
    private var lastStartError: String?
    private let stopRequest: StopRequest
    /// An open queue (`distswift watch`) takes tasks as they come and keeps its workers until it is closed; it
    /// keeps no history of successes (the observer has them), so a run of months holds only what is pending.
    private var isOpen: Bool
    private let keepsHistory: Bool

    /// `slots`: the worker slots serving this queue (at most one per task).
    init(tasks: [String], slots: Int, options: PoolOptions, stopRequest: StopRequest, open: Bool = false,
         observe: @escaping @Sendable (TaskEvent) -> Void) {
        isOpen = open
        keepsHistory = !open
        self.options = options
        self.observe = observe
        self.stopRequest = stopRequest
        taskCount = tasks.count
        queue = tasks.map { TaskMessage(id: $0, attempt: 1) }
        liveSlots = slots
    }

    /// Ctrl-C was pressed: no task is handed out any more, and sessions kill their workers at their next tick.
    var isStopping: Bool { stopRequest.isRequested }

    var pendingCount: Int { queue.count - head }

    /// Nothing waits and nothing runs: the run is over (or stopped and drained).
    var isFinished: Bool { (isStopping || (pendingCount == 0 && !isOpen)) && inFlight == 0 }

    /// Whether a slot should start (or restart) a worker process: an open queue keeps its workers warm.
    var needsWorkers: Bool { !isStopping && (pendingCount > 0 || isOpen) }

    /// Tasks waiting for a worker and tasks a worker holds.
    var backlog: (pending: Int, inFlight: Int) { (pendingCount, inFlight) }

    /// Adds tasks at the end of an open queue.
    func add(_ tasks: [String]) {
        queue += tasks.map { TaskMessage(id: $0, attempt: 1) }
    }

    /// No more tasks will be added: the pool ends once the queue is drained.
    func close() {
        isOpen = false
    }

    /// Tasks a worker should hold at once now (`--batch`, or the automatic rule).
    var inFlightDepth: Int {
        options.tasksInFlightPerWorker ?? InFlightDepth.automatic(
            meanTaskSeconds: finishedCount > 0 ? finishedSeconds / Double(finishedCount) : nil,
            pendingTasks: pendingCount, workers: liveSlots)
    }

    func take(upTo count: Int) -> [TaskMessage] {
        guard !isStopping, count > 0 else { return [] }
        let taken = Array(queue[head..<min(head + count, queue.count)])
        head += taken.count
        inFlight += taken.count
        if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return taken
    }

    /// A worker's answer for a task it was given.
    func answered(_ answer: TaskAttempt, worker: Int) {
        inFlight -= 1
        var attempt = answer.ran(by: worker)
        // A worker answers ok or failed; the other endings are the pool's to say.
        if attempt.status != .ok { attempt.status = .failed }
        if attempt.status == .ok {
            if keepsHistory {
                attempts.append(attempt)
                fates[attempt.id] = .ok
            }
            finishedSeconds += attempt.seconds
            finishedCount += 1
            observe(.succeeded(attempt))
        } else {
            charge(TaskMessage(id: attempt.id, attempt: attempt.attempt), with: attempt)
        }
    }

    /// A worker ended (crashed, or was killed after a timeout) holding `tasks`, in the order it was given them. Only
    /// the first was running: it is charged a try; the others never started and go back to the queue as they were.
    func lost(_ tasks: [TaskMessage], worker: Int, pid: Int32, runningSinceNs: Int64, status: TaskAttempt.Status,
              reason: String) {
        guard let running = tasks.first else { return }
        inFlight -= tasks.count
        for message in tasks.dropFirst().reversed() { requeue(message) }
        charge(running, with: TaskAttempt(id: running.id, attempt: running.attempt, status: status, error: reason,
                                          startNs: runningSinceNs, endNs: WallClock.nowNs, bytes: 0, pid: pid,
                                          worker: worker))
    }

    /// The run was stopped while a worker held `tasks`; the first was running.
    func interrupted(_ tasks: [TaskMessage], worker: Int, pid: Int32, runningSinceNs: Int64) {
        guard let running = tasks.first else { return }
        inFlight -= tasks.count
        attempts.append(TaskAttempt(id: running.id, attempt: running.attempt, status: .interrupted,
                                    error: "stopped by Ctrl-C", startNs: runningSinceNs, endNs: WallClock.nowNs,
                                    bytes: 0, pid: pid, worker: worker))
        for message in tasks where fates[message.id] == nil { fates[message.id] = .interrupted }
    }

    /// A slot gave up: its worker could not be started. When no slot is left, the tasks still queued fail with
    /// that reason rather than wait for a worker that will never come.
    func slotEnded(startError: String?) {
        liveSlots -= 1
        if let startError { lastStartError = startError }
        guard liveSlots == 0, !isStopping, let reason = lastStartError else { return }
        while head < queue.count {
            let message = queue[head]
            head += 1
            fates[message.id] = .failed
            errors[message.id] = "no worker could be started: \(reason)"
        }
    }

    func tick() {
        observe(.tick)
    }

    func outcome() -> RunOutcome {
        var fates = self.fates
        for message in queue[head...] where fates[message.id] == nil { fates[message.id] = .interrupted }
        return RunOutcome(taskCount: taskCount, fates: fates, errors: errors, attempts: attempts,
                          wasStopped: isStopping)
    }

    private func charge(_ message: TaskMessage, with attempt: TaskAttempt) {
        if keepsHistory { attempts.append(attempt) }
        // A failure of the input itself fails the same way again: tried once (run.json says which kind it was).
        let final = message.attempt > options.retries || !attempt.isWorthRetrying
        if final {
            fates[message.id] = .failed
            errors[message.id] = attempt.error ?? attempt.status.rawValue
        } else {
            requeue(TaskMessage(id: message.id, attempt: message.attempt + 1))
        }
        observe(.attemptFailed(attempt, final: final))
    }

    private func requeue(_ message: TaskMessage) {
        if head > 0 {
            head -= 1
            queue[head] = message
        } else {
            queue.insert(message, at: 0)
        }
    }
}
