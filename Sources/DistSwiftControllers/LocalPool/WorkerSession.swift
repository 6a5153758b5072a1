import DistSwiftWorkers
import Foundation
import Subprocess
import Synchronization
import SystemPackage

/// One worker process's life in a pool slot: start it, keep it supplied with tasks from the scheduler, hand its
/// answers back, and end it when the queue is drained, when it has served its quota (recycling), when it dies,
/// when its running task passes the timeout, or on Ctrl-C. Whatever it still held when it ended goes back to the
/// scheduler with the reason.
struct WorkerSession: Sendable {
    let worker: Int
    let launch: WorkerLaunch
    let options: PoolOptions
    let scheduler: TaskScheduler

    /// How long a worker whose input was closed may take to exit before it is killed.
    static let exitGraceSeconds = 10.0
    static let tickInterval = Duration.milliseconds(100)

    /// Runs the session to its end; throws only when the worker process cannot be started.
    func run() async throws {
        var platform = PlatformOptions()
        // A process group of its own: Ctrl-C in a terminal reaches only the controller, which then stops the
        // workers itself instead of having them die under running tasks in an order it does not control.
        platform.processGroupID = 0
        let environment = Dictionary(uniqueKeysWithValues: launch.environment.map {
            (Environment.Key(stringLiteral: $0.key), $0.value)
        })
        let configuration = Configuration(
            executable: .path(FilePath(launch.executable)), arguments: Arguments(launch.arguments),
            environment: .custom(environment), platformOptions: platform)
        // The session's final state, kept apart from `run`'s result: should `run` throw after the worker was
        // served (closing a pipe, waiting for the exit), the tasks the worker held must still go back to the queue.
        let served = Mutex<State?>(nil)
        do {
            let execution = try await Subprocess.run(
                configuration, input: .inputWriter, output: .sequence, error: .currentStandardError
            ) { execution in
                let state = await serve(execution)
                served.withLock { $0 = state }
            }
            await settle(served.withLock { $0 }, ending: Self.describe(execution.terminationStatus))
        } catch {
            guard let state = served.withLock({ $0 }) else { throw error }
            await settle(state, ending: "ended with an error of the controller's (\(error))")
        }
    }

    private enum Event: Sendable {
        case line(String)
        case tick
        case closed
    }

    /// Why the controller ended the worker, when it did.
    private enum Kill: Sendable {
        case timedOut, stopped, slowExit
    }

    /// The session's state, owned by its one event loop.
    private struct State: Sendable {
        let pid: Int32
        /// Tasks sent and not yet answered, in the order sent: the worker runs them in that order.
        var inFlight: [TaskMessage] = []
        /// How many of the first tasks of `inFlight` the worker finished and holds for a group commit (`TaskStaged`).
        var staged = 0
        /// `inFlight` with the task running first: the staged tasks were done (their work is lost with the worker,
        /// not their fault), so they go after it, to be queued again as they were.
        var runningFirst: [TaskMessage] {
            staged < inFlight.count ? Array(inFlight[staged...] + inFlight[..<staged]) : inFlight
        }
        /// When the first task of `inFlight` started running: when it was sent to an idle worker, or when the
        /// answer before it arrived.
        var runningSinceNs: Int64 = 0
        var sent = 0
        /// Set when the worker's input was closed, so it exits after its last answer.
        var closedInputAtNs: Int64?
        var kill: Kill?
    }

    private func serve(_ execution: Execution<CustomWriteInput, SequenceOutput, FileDescriptorOutput>) async -> State {
        var state = State(pid: execution.processIdentifier.value)
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        return await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Split on "\n" only: the answers are JSON lines, and JSON text may hold other line separators.
                do {
                    for try await line in execution.standardOutput.strings(separatedBy: .unicodeScalarSequence(["\n"])) {
                        sink.yield(.line(line))
                    }
                } catch {
                    // A read error ends the worker's output as its exit does.
                }
                sink.yield(.closed)
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: Self.tickInterval)
                    sink.yield(.tick)
                }
            }
            await refill(&state, execution.standardInputWriter)
            // The loop ends only when the worker's output closes, i.e. when the process is gone or going.
            events: for await event in events {
                switch event {
                case .line(let text):
                    await receive(text, &state, execution.standardInputWriter)
                case .tick:
                    await check(&state, execution)
                case .closed:
                    break events
                }
            }
            group.cancelAll()
            sink.finish()
            return state
        }
    }

    private func receive(_ text: String, _ state: inout State, _ input: StandardInputWriter) async {
        if text.contains("\"staged\":"), let notice = try? TaskLine.decode(TaskStaged.self, from: text),
           state.inFlight.indices.contains(state.staged), state.inFlight[state.staged].id == notice.staged {
            state.staged += 1
            state.runningSinceNs = WallClock.nowNs
            return
        }
        guard let result = try? TaskLine.decode(TaskAttempt.self, from: text),
              let index = state.inFlight.firstIndex(where: { $0.id == result.id && $0.attempt == result.attempt })
        else {
            // Not an answer: something in the worker wrote to standard output. Pass it on rather than lose it.
            try? FileHandle.standardError.write(
                contentsOf: Data("distswift: worker \(worker) (pid \(state.pid)): \(text)\n".utf8))
            return
        }
        state.inFlight.remove(at: index)
        if index < state.staged { state.staged -= 1 }
        state.runningSinceNs = WallClock.nowNs
        await scheduler.answered(result, worker: worker)
        await refill(&state, input)
    }

    private func check(_ state: inout State, _ execution: Execution<CustomWriteInput, SequenceOutput, FileDescriptorOutput>) async {
        guard state.kill == nil else { return }
        let now = WallClock.nowNs
        if await scheduler.isStopping {
            state.kill = .stopped
        } else if let limit = options.taskTimeoutSeconds, !state.inFlight.isEmpty,
                  Double(now - state.runningSinceNs) / 1e9 > limit {
            state.kill = .timedOut
        } else if let closed = state.closedInputAtNs, Double(now - closed) / 1e9 > Self.exitGraceSeconds {
            state.kill = .slowExit
        }
        if state.kill != nil {
            // SIGKILL: a hung task may be inside a C library that would never see a polite signal. Its outputs are
            // written atomically, so killing it leaves at most a hidden temporary file.
            try? execution.send(signal: .kill)
            return
        }
        await refill(&state, execution.standardInputWriter)
    }

    /// Tops the worker up to the scheduler's in-flight depth, within its quota; closes its input when it will get
    /// nothing more, so it exits.
    private func refill(_ state: inout State, _ input: StandardInputWriter) async {
        guard state.closedInputAtNs == nil, state.kill == nil else { return }
        let room = min(await scheduler.inFlightDepth - state.inFlight.count, options.maxTasksPerWorker - state.sent)
        if room > 0 {
            let messages = await scheduler.take(upTo: room)
            if !messages.isEmpty {
                if state.inFlight.isEmpty { state.runningSinceNs = WallClock.nowNs }
                state.inFlight += messages
                state.sent += messages.count
                let lines = messages.compactMap { try? TaskLine.encode($0) + "\n" }.joined()
                // A write can fail only when the worker is gone; its end of output follows and its tasks are requeued.
                _ = try? await input.write(lines)
            }
        }
        // Recycled after its quota, or nothing left anywhere (an idle worker stays while others may still hand
        // back tasks to retry).
        guard state.inFlight.isEmpty else { return }
        let quotaServed = state.sent >= options.maxTasksPerWorker
        let nothingLeft = await scheduler.isFinished
        if quotaServed || nothingLeft {
            state.closedInputAtNs = WallClock.nowNs
            try? await input.finish()
        }
    }

    /// Hands back what the worker still held when it ended; `ending` says how the process ended.
    private func settle(_ state: State?, ending: String) async {
        guard let state, !state.inFlight.isEmpty else { return }
        switch state.kill {
        case .stopped:
            await scheduler.interrupted(state.runningFirst, worker: worker, pid: state.pid,
                                        runningSinceNs: state.runningSinceNs)
        case .timedOut:
            let limit = options.taskTimeoutSeconds.map { String(format: "%g", $0) } ?? "?"
            await scheduler.lost(state.runningFirst, worker: worker, pid: state.pid,
                                 runningSinceNs: state.runningSinceNs, status: .timedOut,
                                 reason: "ran longer than --task-timeout \(limit) s; worker pid \(state.pid) was killed")
        case .slowExit, nil:
            await scheduler.lost(state.runningFirst, worker: worker, pid: state.pid,
                                 runningSinceNs: state.runningSinceNs, status: .crashed,
                                 reason: "worker pid \(state.pid) \(ending) while running it")
        }
    }

    static func describe(_ termination: TerminationStatus) -> String {
        switch termination {
        case .exited(let code): return "exited with status \(code)"
        case .signaled(let signal): return "was killed by signal \(signal)\(signal == 9 ? " (SIGKILL)" : "")"
        }
    }
}
