/// The schedule of a scheduled table (`RawScheduleDefV9`): which reducer runs, and which column says when.
public struct ScheduleDefinition: Hashable, Sendable {
    /// The schedule name, if given.
    public var name: String?
    /// The reducer each row schedules.
    public var reducerName: String
    /// The `ScheduleAt` column.
    public var scheduledAtColumn: Int

    /// Creates a schedule definition.
    public init(name: String?, reducerName: String, scheduledAtColumn: Int) {
        self.name = name
        self.reducerName = reducerName
        self.scheduledAtColumn = scheduledAtColumn
    }
}
