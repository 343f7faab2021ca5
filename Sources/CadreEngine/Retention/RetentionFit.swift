#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Ridge-penalised logistic regression by Newton's method (IRLS): minimises
/// `Σ [log(1 + e^z) − y·z] + (λ/2)·Σ_{j≥1} βj²` with `z = β0 + Σ βj·xj`, the intercept unpenalised.
///
/// With λ > 0 the objective is strictly convex, so Newton's method with a step-halving line
/// search converges from any start; each step solves the small (signals + 1)-square system by
/// Cholesky, falling back to Gaussian elimination with partial pivoting should rounding leave it
/// not quite positive definite. One pass over the rows per step (plus one per line-search trial)
/// keeps 100,000 rows to a few milliseconds.
public struct RetentionFit: Hashable, Sendable, Codable {
    /// β0 then one per feature column.
    public var coefficients: [Double]
    /// Newton steps taken.
    public var iterations: Int
    public var converged: Bool
    /// The penalised negative log-likelihood at `coefficients`.
    public var objective: Double

    /// - Parameters:
    ///   - features: `labels.count` rows of `columns` values, row after row.
    ///   - ridge: λ, which must be positive for the objective to be strictly convex.
    public static func fit(
        features: [Double], columns: Int, labels: [Bool], ridge: Double, maximumIterations: Int
    ) -> RetentionFit {
        let n = labels.count, p = columns + 1
        guard n > 0, features.count == n * columns else {
            return RetentionFit(coefficients: Array(repeating: 0, count: p), iterations: 0, converged: false, objective: .nan)
        }
        let positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        // Start at the intercept-only answer (clamped when one class is empty).
        let rate = min(max(Double(positives) / Double(n), 1e-6), 1 - 1e-6)
        var beta = Array(repeating: 0.0, count: p)
        beta[0] = log(rate / (1 - rate))
        var iterations = 0
        var converged = false
        var current = objective(beta, features, columns, labels, ridge)
        while iterations < maximumIterations {
            let (gradient, hessian) = derivatives(beta, features, columns, labels, ridge)
            guard let step = LinearSystem.solve(hessian, gradient, size: p) else { break }
            iterations += 1
            var decrement = 0.0
            for j in 0..<p { decrement += gradient[j] * step[j] }
            // Below the objective's rounding noise a line search cannot tell better from worse;
            // a pure Newton step from this close lands on the minimum.
            if decrement <= 1e-12 * max(1, abs(current)) {
                for j in 0..<p { beta[j] -= step[j] }
                current = objective(beta, features, columns, labels, ridge)
                converged = true
                break
            }
            var scale = 1.0
            var accepted = false
            for _ in 0..<60 {
                let trial = (0..<p).map { beta[$0] - scale * step[$0] }
                let value = objective(trial, features, columns, labels, ridge)
                if value <= current - 1e-4 * scale * decrement {
                    beta = trial
                    current = value
                    accepted = true
                    break
                }
                scale /= 2
            }
            if !accepted { break }
        }
        return RetentionFit(coefficients: beta, iterations: iterations, converged: converged, objective: current)
    }

    /// `log(1 + e^z)` without overflow.
    @inline(__always)
    static func softplus(_ z: Double) -> Double { max(z, 0) + log1p(exp(-abs(z))) }

    /// σ(z) without overflow.
    @inline(__always)
    public static func logistic(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    static func objective(_ beta: [Double], _ x: [Double], _ columns: Int, _ y: [Bool], _ ridge: Double) -> Double {
        var total = 0.0
        x.withUnsafeBufferPointer { x in
            for i in 0..<y.count {
                var z = beta[0]
                let row = i * columns
                for j in 0..<columns { z += beta[j + 1] * x[row + j] }
                total += softplus(z) - (y[i] ? z : 0)
            }
        }
        var penalty = 0.0
        for j in 1..<beta.count { penalty += beta[j] * beta[j] }
        return total + ridge / 2 * penalty
    }

    /// The gradient and the Hessian (full, row-major) of the objective.
    static func derivatives(
        _ beta: [Double], _ x: [Double], _ columns: Int, _ y: [Bool], _ ridge: Double
    ) -> (gradient: [Double], hessian: [Double]) {
        let p = columns + 1
        var gradient = Array(repeating: 0.0, count: p)
        var hessian = Array(repeating: 0.0, count: p * p)
        var design = Array(repeating: 1.0, count: p)
        x.withUnsafeBufferPointer { x in
            for i in 0..<y.count {
                let row = i * columns
                var z = beta[0]
                for j in 0..<columns {
                    design[j + 1] = x[row + j]
                    z += beta[j + 1] * x[row + j]
                }
                let mu = logistic(z)
                let residual = mu - (y[i] ? 1 : 0), weight = mu * (1 - mu)
                for a in 0..<p {
                    let xa = design[a]
                    if xa == 0 { continue }
                    gradient[a] += residual * xa
                    let wa = weight * xa
                    for b in a..<p { hessian[a * p + b] += wa * design[b] }
                }
            }
        }
        for a in 0..<p {
            for b in 0..<a { hessian[a * p + b] = hessian[b * p + a] }
        }
        for j in 1..<p {
            gradient[j] += ridge * beta[j]
            hessian[j * p + j] += ridge
        }
        return (gradient, hessian)
    }
}

/// Solving the fit's small symmetric systems.
enum LinearSystem {
    /// x with A·x = b for a symmetric `size`-square A (row-major): Cholesky, or Gaussian
    /// elimination with partial pivoting when A is not numerically positive definite; nil when
    /// A is singular.
    static func solve(_ a: [Double], _ b: [Double], size n: Int) -> [Double]? {
        cholesky(a, b, n) ?? gaussian(a, b, n)
    }

    static func cholesky(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
        var l = Array(repeating: 0.0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i * n + i] = sum.squareRoot()
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        var y = b
        for i in 0..<n {
            for k in 0..<i { y[i] -= l[i * n + k] * y[k] }
            y[i] /= l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            for k in (i + 1)..<n { y[i] -= l[k * n + i] * y[k] }
            y[i] /= l[i * n + i]
        }
        return y
    }

    static func gaussian(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? {
        var m = a, x = b
        for column in 0..<n {
            var pivot = column
            for row in (column + 1)..<n where abs(m[row * n + column]) > abs(m[pivot * n + column]) { pivot = row }
            guard m[pivot * n + column] != 0, m[pivot * n + column].isFinite else { return nil }
            if pivot != column {
                for k in 0..<n { m.swapAt(pivot * n + k, column * n + k) }
                x.swapAt(pivot, column)
            }
            for row in (column + 1)..<n {
                let factor = m[row * n + column] / m[column * n + column]
                if factor == 0 { continue }
                for k in column..<n { m[row * n + k] -= factor * m[column * n + k] }
                x[row] -= factor * x[column]
            }
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            for k in (row + 1)..<n { x[row] -= m[row * n + k] * x[k] }
            x[row] /= m[row * n + row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
