@testable import CadreDaemon
import Testing

@Suite("Who sees what: the small-group rule")
struct DisclosureTests {
    let reader = Disclosure(threshold: 5, seesPeople: false)
    let operatorRights = Disclosure(threshold: 5, seesPeople: true)

    @Test("a reader sees a group's figures from five people; an operator sees every group")
    func groupSize() {
        #expect(!reader.showsFigures(ofGroupOf: 4) && reader.showsFigures(ofGroupOf: 5))
        #expect(operatorRights.showsFigures(ofGroupOf: 1))
        #expect(reader.shown([7, 2, 5]) { $0 } == [7, 5], "without a whole shown beside them, each group by its own size")
    }

    @Test("a group left out is never the difference between the whole and the groups shown")
    func subtraction() {
        // 7 people: a team of 5 and a team of 2. Showing the 5 beside the whole gives the 2 away.
        #expect(reader.shown([5, 2], whole: 7) { $0 } == [])
        // 15 = 8 + 5 + 2: the smallest shown (5) goes too, then 7 are left out.
        #expect(reader.shown([8, 5, 2], whole: 15) { $0 } == [8])
        // People in no group count in the whole: 15 = 6 + 6 + 3 in no team; the 3 would be the
        // difference, so one team of 6 goes too, and 9 are left out.
        #expect(reader.shown([6, 6], whole: 15) { $0 } == [6])
        // Left out: 2 + 3 = 5, already enough.
        #expect(reader.shown([9, 2, 3], whole: 14) { $0 } == [9])
        #expect(reader.shown([5, 5], whole: 10) { $0 } == [5, 5], "nothing left out, nothing to give away")
        #expect(operatorRights.shown([5, 2], whole: 7) { $0 } == [5, 2])
    }

    @Test("a reader asking for a person is refused, naming what is operators' only")
    func people() throws {
        #expect(throws: ControlFailure.self) { try reader.requirePeople(.getGaps, uid: 65534, what: "a person's gaps") }
        try operatorRights.requirePeople(.getGaps, uid: 0, what: "a person's gaps")
    }
}
