/// The area under the ROC curve as the Mann–Whitney statistic: the share of (leaver, stayer)
/// pairs the score orders correctly, a tie counting ½. Counted exactly in integers after one
/// sort, so 100,000 rows take O(n log n) and the answer does not depend on row order.
public enum RankAUC {
    /// Nil unless both classes are present. Scores must not be NaN.
    public static func auc(scores: [Double], labels: [Bool]) -> Double? {
        guard scores.count == labels.count else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positives = 0, negatives = 0
        // Twice the Mann–Whitney U, so the ½ of each tie stays an integer.
        var twiceU = 0
        var start = 0
        while start < order.count {
            var end = start, groupPositives = 0, groupNegatives = 0
            while end < order.count, scores[order[end]] == scores[order[start]] {
                if labels[order[end]] { groupPositives += 1 } else { groupNegatives += 1 }
                end += 1
            }
            twiceU += groupPositives * (2 * negatives + groupNegatives)
            positives += groupPositives
            negatives += groupNegatives
            start = end
        }
        guard positives > 0, negatives > 0 else { return nil }
        return Double(twiceU) / (2 * Double(positives) * Double(negatives))
    }
}
