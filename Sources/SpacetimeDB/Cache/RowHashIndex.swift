/// An open-addressing hash table from 32-bit row hashes to positions in a dense row array.
///
/// It holds no rows and no bytes, only `(position, hash)` slots (8 bytes each, at most half full),
/// so a cached row costs the table about 16–32 bytes. Equal hashes do not mean equal rows: lookups
/// hand each candidate position to the caller, which compares the rows themselves. Linear probing
/// with backward-shift deletion, so there are no tombstones and lookups stay short after deletes.
struct RowHashIndex: Sendable {
    /// One slot: a position in the row array and that row's hash; `position < 0` is empty.
    struct Slot: Sendable {
        var position: Int32
        var hash: UInt32

        static let empty = Slot(position: -1, hash: 0)
    }

    private var slots: [Slot] = []
    /// The number of positions held.
    private(set) var count = 0

    init() {}

    /// Makes room for `capacity` positions without growing again.
    mutating func reserveCapacity(_ capacity: Int) {
        let needed = Self.slotCount(for: capacity)
        if needed > slots.count { rehash(slotCount: needed) }
    }

    /// The first position whose hash is `hash` and that `matches` accepts.
    func firstPosition(hash: UInt32, where matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while true {
            let candidate = slots[slot]
            if candidate.position < 0 { return nil }
            if candidate.hash == hash && matches(Int(candidate.position)) { return Int(candidate.position) }
            slot = (slot + 1) & mask
        }
    }

    /// Adds `position` under `hash`. The position must not be held already.
    mutating func insert(position: Int, hash: UInt32) {
        precondition(position >= 0 && position < Int(Int32.max), "row positions must fit in an Int32")
        if (count + 1) * 2 > slots.count { rehash(slotCount: Self.slotCount(for: count + 1)) }
        Self.place(Slot(position: Int32(position), hash: hash), in: &slots)
        count += 1
    }

    /// Removes `position`, which was inserted under `hash`; nothing happens if it is not held.
    mutating func remove(position: Int, hash: UInt32) {
        guard var hole = slotIndex(of: position, hash: hash) else { return }
        let mask = slots.count - 1
        // Backward shift: move later entries of the probe run into the hole when the hole lies
        // between their home slot and where they sit, so every entry stays reachable from its home.
        var next = (hole + 1) & mask
        while slots[next].position >= 0 {
            let home = Int(slots[next].hash) & mask
            let distanceToNext = (next - home) & mask
            let distanceToHole = (hole - home) & mask
            if distanceToHole < distanceToNext {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = .empty
        count -= 1
    }

    /// Points the slot that holds `old` (inserted under `hash`) at `new` instead.
    mutating func move(position old: Int, to new: Int, hash: UInt32) {
        guard let slot = slotIndex(of: old, hash: hash) else { return }
        slots[slot].position = Int32(new)
    }

    /// Every `(position, hash)` held, in slot order (for tests).
    var entries: [(position: Int, hash: UInt32)] {
        slots.filter { $0.position >= 0 }.map { (Int($0.position), $0.hash) }
    }

    private func slotIndex(of position: Int, hash: UInt32) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot].position >= 0 {
            if slots[slot].position == position { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private mutating func rehash(slotCount: Int) {
        var fresh = [Slot](repeating: .empty, count: slotCount)
        for slot in slots where slot.position >= 0 { Self.place(slot, in: &fresh) }
        slots = fresh
    }

    private static func place(_ entry: Slot, in slots: inout [Slot]) {
        let mask = slots.count - 1
        var slot = Int(entry.hash) & mask
        while slots[slot].position >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    /// The smallest power of two that keeps `capacity` positions at most half the slots (at least 8).
    static func slotCount(for capacity: Int) -> Int {
        var slots = 8
        while slots < capacity * 2 { slots *= 2 }
        return slots
    }
}
