import DistSwiftWorkers

/// What `--retry-failed` reads of the last run's `run.json`: whose run it was and how each task ended.
struct RunReportHeadline: Decodable {
    struct Task: Decodable {
        var id: String
        var status: TaskFate
    }

    var job: String
    var fingerprint: String
    var tasks: [Task]
}
