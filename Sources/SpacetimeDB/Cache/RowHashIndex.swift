/// An open-addressing hash table from 32-bit row hashes to positions in a dense row array.
///
/// It holds no rows and no bytes, only `(position, hash)` slots (8 bytes each, at most half full),
/// so a cached row costs the table about 16–32 bytes. Equal hashes do not mean equal rows: lookups
/// hand each candidate position to the caller, which compares the rows themselves. Linear probing
/// with backward-shift deletion, so there are no tombstones and lookups stay short after deletes.
///
/// `@usableFromInline` and `@inlinable` throughout (as the rest of the cache's hot path) so that the
/// table operations generated bindings compile for their row types (``TableOperations``) inline it.
@usableFromInline struct RowHashIndex: Sendable {
    /// One slot: a position in the row array and that row's hash; `position < 0` is empty.
    @usableFromInline struct Slot: Sendable {
        @usableFromInline var position: Int32
        @usableFromInline var hash: UInt32

        @inlinable init(position: Int32, hash: UInt32) {
            self.position = position
            self.hash = hash
        }

        @inlinable static var empty: Slot { Slot(position: -1, hash: 0) }
    }

    @usableFromInline var slots: [Slot] = []
    /// The number of positions held.
    @usableFromInline var count = 0

    @inlinable init() {}

    /// Makes room for `capacity` positions without growing again.
    @inlinable mutating func reserveCapacity(_ capacity: Int) {
        let needed = Self.slotCount(for: capacity)
        if needed > slots.count { rehash(slotCount: needed) }
    }

    /// The first position whose hash is `hash` and that `matches` accepts.
    @inlinable func firstPosition(hash: UInt32, where matches: (Int) -> Bool) -> Int? {
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
    @inlinable mutating func insert(position: Int, hash: UInt32) {
        precondition(position >= 0 && position < Int(Int32.max), "row positions must fit in an Int32")
        if (count + 1) * 2 > slots.count { rehash(slotCount: Self.slotCount(for: count + 1)) }
        Self.place(Slot(position: Int32(position), hash: hash), in: &slots)
        count += 1
    }

    /// Removes `position`, which was inserted under `hash`; nothing happens if it is not held.
    @inlinable mutating func remove(position: Int, hash: UInt32) {
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
    @inlinable mutating func move(position old: Int, to new: Int, hash: UInt32) {
        guard let slot = slotIndex(of: old, hash: hash) else { return }
        slots[slot].position = Int32(new)
    }

    /// Every `(position, hash)` held, in slot order (for tests).
    var entries: [(position: Int, hash: UInt32)] {
        slots.filter { $0.position >= 0 }.map { (Int($0.position), $0.hash) }
    }

    @inlinable func slotIndex(of position: Int, hash: UInt32) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot].position >= 0 {
            if slots[slot].position == position { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inlinable mutating func rehash(slotCount: Int) {
        var fresh = [Slot](repeating: .empty, count: slotCount)
        for slot in slots where slot.position >= 0 { Self.place(slot, in: &fresh) }
        slots = fresh
    }

    @inlinable static func place(_ entry: Slot, in slots: inout [Slot]) {
        let mask = slots.count - 1
        var slot = Int(entry.hash) & mask
        while slots[slot].position >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }

    /// The smallest power of two that keeps `capacity` positions at most half the slots (at least 8).
    @inlinable static func slotCount(for capacity: Int) -> Int {
        var slots = 8
        while slots < capacity * 2 { slots *= 2 }
        return slots
    }
}
