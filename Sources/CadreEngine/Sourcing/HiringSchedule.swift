/// Places external hires one at a time, sharing each channel's quarterly capacity across every
/// role level in the order hires are placed.
///
/// A channel's earliest start, D + timeToFill, is the same for every hire, so its capacity fills
/// quarter after quarter from there: the channel's state is the quarter it fills in now and how
/// many hires that quarter already holds. A fill date is the earliest start while its quarter has
/// room, then the first day of the next quarter with room.
struct HiringSchedule {
    /// A channel's position in `channels` and what it needs for the choice.
    private struct Open {
        var channel: Int
        var earliest: CalendarDay
        var quarter: CalendarQuarter
        var usedInQuarter: Int
    }

    private let channels: [Channel]
    private var open: [Open] = []

    /// Channels with capacity 0 fill nothing and are left out; so is a channel whose earliest start
    /// falls past year 9999.
    init(channels: [Channel], asOf: CalendarDay) {
        self.channels = channels
        for (index, channel) in channels.enumerated() where channel.capacityPerQuarter != 0 {
            let earliest = CalendarDay(daysSinceEpoch: asOf.daysSinceEpoch + Int64(channel.timeToFillDays))
            guard earliest.year <= 9999 else { continue }
            open.append(Open(channel: index, earliest: earliest, quarter: CalendarQuarter(containing: earliest), usedInQuarter: 0))
        }
    }

    /// The hire for one seat at `rung` due on `due`, taking its channel's capacity; nil when no
    /// channel supplies the rung.
    mutating func hire(rung: Int, due: CalendarDay) -> Hire? {
        var inTime: (slot: Int, fill: CalendarDay)?
        var late: (slot: Int, fill: CalendarDay)?
        for slot in open.indices where channels[open[slot].channel].supplies(rung: rung) {
            guard let fill = fillDate(open[slot]) else { continue }
            let candidate = (slot, fill)
            if fill <= due {
                if inTime.map({ isBetterInTime(candidate, than: $0) }) ?? true { inTime = candidate }
            } else if late.map({ isBetterLate(candidate, than: $0) }) ?? true {
                late = candidate
            }
        }
        guard let (slot, fill) = inTime ?? late else { return nil }
        let channel = channels[open[slot].channel]
        take(slot)
        return Hire(channel: channel.id, cost: channel.costPerHire, fillDate: fill,
                    lateDays: Int(max(0, fill.daysSinceEpoch - due.daysSinceEpoch)))
    }

    private func fillDate(_ state: Open) -> CalendarDay? {
        if state.quarter == CalendarQuarter(containing: state.earliest) { return state.earliest }
        return state.quarter.firstDay
    }

    private mutating func take(_ slot: Int) {
        guard let capacity = channels[open[slot].channel].capacityPerQuarter else { return }
        open[slot].usedInQuarter += 1
        if open[slot].usedInQuarter >= capacity {
            open[slot].quarter = open[slot].quarter.next
            open[slot].usedInQuarter = 0
        }
    }

    /// Cheapest, then earlier fill date, then channel id.
    private func isBetterInTime(_ a: (slot: Int, fill: CalendarDay), than b: (slot: Int, fill: CalendarDay)) -> Bool {
        let ca = channels[open[a.slot].channel], cb = channels[open[b.slot].channel]
        if ca.costPerHire != cb.costPerHire { return ca.costPerHire < cb.costPerHire }
        if a.fill != b.fill { return a.fill < b.fill }
        return SourcingOrder.precedes(ca.id, cb.id)
    }

    /// Earliest fill date, then cheaper, then channel id.
    private func isBetterLate(_ a: (slot: Int, fill: CalendarDay), than b: (slot: Int, fill: CalendarDay)) -> Bool {
        let ca = channels[open[a.slot].channel], cb = channels[open[b.slot].channel]
        if a.fill != b.fill { return a.fill < b.fill }
        if ca.costPerHire != cb.costPerHire { return ca.costPerHire < cb.costPerHire }
        return SourcingOrder.precedes(ca.id, cb.id)
    }
}

/// DESIGN.md's tie-breaks compare ids as byte strings: UTF-8 bytes, lexicographically (person ids
/// may be any NFC text, so `String <`, which compares by Unicode scalars up to equivalence, is not
/// used).
enum SourcingOrder {
    static func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// A role level's id, `role@rung`.
    static func precedes(_ a: RoleLevelRef, _ b: RoleLevelRef) -> Bool { precedes(a.description, b.description) }
}
