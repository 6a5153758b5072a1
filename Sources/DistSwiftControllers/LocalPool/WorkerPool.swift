import DistSwiftWorkers

/// N persistent worker processes serving one queue of tasks (`TaskScheduler`): dynamic scheduling, recycling,
/// retries after failures, crashes and timeouts, and a clean stop on Ctrl-C. The job itself is in the workers'
/// arguments; the pool only moves task names and answers.
public struct WorkerPool: Sendable {
    public let launch: WorkerLaunch
    public let options: PoolOptions

    public init(launch: WorkerLaunch, options: PoolOptions) {
        self.launch = launch
        self.options = options
    }

    static let tickInterval = Duration.milliseconds(200)

    /// Runs `tasks` (in this order, as workers become free) and reports to `observe`, one event at a time.
    public func run(_ tasks: [String], stopRequest: StopRequest = StopRequest(),
                    observe: @escaping @Sendable (TaskEvent) -> Void = { _ in }) async -> RunOutcome {
        let slots = min(options.workers, tasks.count)
        let scheduler = TaskScheduler(tasks: tasks, slots: slots, options: options, stopRequest: stopRequest,
                                      observe: observe)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled, !(await scheduler.isFinished) {
                    try? await Task.sleep(for: Self.tickInterval)
                    await scheduler.tick()
                }
            }
            await withTaskGroup(of: Void.self) { slotGroup in
                for worker in 0..<slots {
                    slotGroup.addTask { await serveSlot(worker, scheduler) }
                }
            }
            // Every slot has ended: stop the ticker now rather than after its next sleep (up to 200 ms per run).
            group.cancelAll()
        }
        return await scheduler.outcome()
    }

    /// Runs an open queue: `body` adds tasks through the feed as they come (`distswift watch`) while the workers
    /// stay up between them; when `body` returns the queue is closed, and the pool ends once it is drained (or at
    /// once after `stopRequest`, as `run`).
    public func runOpen(stopRequest: StopRequest, observe: @escaping @Sendable (TaskEvent) -> Void,
                        body: @escaping @Sendable (TaskFeed) async -> Void) async -> RunOutcome {
        let scheduler = TaskScheduler(tasks: [], slots: options.workers, options: options, stopRequest: stopRequest,
                                      open: true, observe: observe)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await body(TaskFeed(scheduler: scheduler))
                await scheduler.close()
            }
            group.addTask {
                while !Task.isCancelled, !(await scheduler.isFinished) {
                    try? await Task.sleep(for: Self.tickInterval)
                    await scheduler.tick()
                }
            }
            await withTaskGroup(of: Void.self) { slotGroup in
                for worker in 0..<options.workers {
                    slotGroup.addTask { await serveSlot(worker, scheduler) }
                }
            }
            group.cancelAll()
        }
        return await scheduler.outcome()
    }

    /// One slot: a worker process, replaced when it ends while tasks are still waiting.
    private func serveSlot(_ worker: Int, _ scheduler: TaskScheduler) async {
        var startError: String?
        while await scheduler.needsWorkers {
            do {
                try await WorkerSession(worker: worker, launch: launch, options: options, scheduler: scheduler).run()
            } catch {
                startError = "\(launch.executable): \(error)"
                break
            }
        }
        await scheduler.slotEnded(startError: startError)
    }
}

/// The local pool as the controller's engine: its workers answer the controller, which records their success.
extension WorkerPool: ExecutionEngine {
    public var tasksRecordThemselves: Bool { false }

    public func run(_ selected: SelectedTasks, of job: some DistributedJob, stopRequest: StopRequest,
                    observe: @escaping @Sendable (TaskEvent) -> Void) async throws -> EngineOutcome {
        EngineOutcome(outcome: await run(selected.tasks, stopRequest: stopRequest, observe: observe), options: options,
                      engine: "local")
    }
}

/// How the body of `WorkerPool.runOpen` adds tasks to the open queue and sees how much is waiting.
public struct TaskFeed: Sendable {
    let scheduler: TaskScheduler

    public func add(_ tasks: [String]) async {
        await scheduler.add(tasks)
    }

    /// Tasks waiting for a worker, and tasks the workers hold.
    public var backlog: (pending: Int, inFlight: Int) {
        get async { await scheduler.backlog }
    }
}
