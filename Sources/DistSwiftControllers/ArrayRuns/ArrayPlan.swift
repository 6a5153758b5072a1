/// How a run's tasks are cut into job arrays that the cluster accepts. Slurm refuses an array index of
/// MaxArraySize or more, so:
/// - by default one task per array task while the tasks fit in one array, else the tasks are packed, as many per
///   array task as it takes to fit (consecutive tasks, in the run's order);
/// - with an explicit number of tasks per array task, an array that would be too large is split into several
///   submissions of at most MaxArraySize array tasks each.
/// `--max-parallel K` limits each submission to its share of K (at least one), so that together they stay
/// within K.
public struct ArrayPlan: Sendable, Equatable {
    /// One submission: array indices 0 ..< slots run slots firstSlot ..< firstSlot + slots.
    public struct Part: Sendable, Equatable {
        public var firstSlot: Int
        public var slots: Int
        /// The `%K` of its `--array`, nil for no limit.
        public var maxParallel: Int?

        public init(firstSlot: Int, slots: Int, maxParallel: Int?) {
            self.firstSlot = firstSlot
            self.slots = slots
            self.maxParallel = maxParallel
        }
    }

    public let tasksPerArrayTask: Int
    public let parts: [Part]

    public init(taskCount: Int, maxArraySize: Int, tasksPerArrayTask requested: Int?, maxParallel: Int?) {
        precondition(taskCount >= 1 && maxArraySize >= 1)
        let perTask = requested ?? (taskCount <= maxArraySize ? 1 : (taskCount + maxArraySize - 1) / maxArraySize)
        tasksPerArrayTask = perTask
        let slots = (taskCount + perTask - 1) / perTask
        let count = (slots + maxArraySize - 1) / maxArraySize
        let share = maxParallel.map { max(1, $0 / count) }
        parts = stride(from: 0, to: slots, by: maxArraySize).map { first in
            Part(firstSlot: first, slots: min(maxArraySize, slots - first), maxParallel: share)
        }
    }

    public var slotCount: Int { parts.reduce(0) { $0 + $1.slots } }
}
