import DistSwiftWorkers

/// How `run.json` is written: the report's fields as they are, each try as its `TaskAttempt` with `start` and `end`
/// added (seconds since the run started), and each task's row with its last try's slot, process and times.
extension RunReport {
    enum CodingKeys: String, CodingKey {
        case job, fingerprint, version, startedAt, startedAtNs, workers, tasksInFlightPerWorker, maxTasksPerWorker,
             taskTimeoutSeconds, retries, shard, engine, nodes, totals, workerUtilisation, tasks, attempts
    }

    enum RunTimeKeys: String, CodingKey {
        case id, status, worker, pid, attempt, start, end, bytes, error
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(job, forKey: .job)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(version, forKey: .version)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(startedAtNs, forKey: .startedAtNs)
        try container.encode(workers, forKey: .workers)
        try container.encode(tasksInFlightPerWorker, forKey: .tasksInFlightPerWorker)
        try container.encode(maxTasksPerWorker, forKey: .maxTasksPerWorker)
        try container.encodeIfPresent(taskTimeoutSeconds, forKey: .taskTimeoutSeconds)
        try container.encode(retries, forKey: .retries)
        try container.encode(shard, forKey: .shard)
        try container.encodeIfPresent(engine, forKey: .engine)
        try container.encodeIfPresent(nodes, forKey: .nodes)
        try container.encode(totals, forKey: .totals)
        try container.encode(workerUtilisation, forKey: .workerUtilisation)
        var taskList = container.nestedUnkeyedContainer(forKey: .tasks)
        for task in tasks {
            var row = taskList.nestedContainer(keyedBy: RunTimeKeys.self)
            try row.encode(task.id, forKey: .id)
            try row.encode(task.status, forKey: .status)
            try row.encodeIfPresent(task.last?.worker, forKey: .worker)
            try row.encodeIfPresent(task.last?.pid, forKey: .pid)
            try row.encode(task.attempts, forKey: .attempt)
            try row.encodeIfPresent(task.last.map { secondsSinceStart($0.startNs) }, forKey: .start)
            try row.encodeIfPresent(task.last.map { secondsSinceStart($0.endNs) }, forKey: .end)
            try row.encode(task.bytes, forKey: .bytes)
            try row.encodeIfPresent(task.error, forKey: .error)
        }
        var attemptList = container.nestedUnkeyedContainer(forKey: .attempts)
        for attempt in attempts {
            try attemptList.encode(RunTimed(attempt: attempt, report: self))
        }
    }

    /// A try as `run.json` lists it: the try's own fields, then its times relative to the run.
    private struct RunTimed: Encodable {
        let attempt: TaskAttempt
        let report: RunReport

        func encode(to encoder: any Encoder) throws {
            try attempt.encode(to: encoder)
            var container = encoder.container(keyedBy: RunTimeKeys.self)
            try container.encode(report.secondsSinceStart(attempt.startNs), forKey: .start)
            try container.encode(report.secondsSinceStart(attempt.endNs), forKey: .end)
        }
    }
}
