/// A value axis that starts at 0 and ends on a round number (1, 2 or 5 times a power of ten
/// per step), with the tick values to label.
struct AxisScale {
    let maximum: Double
    let ticks: [Double]
    let step: Double
    /// Decimals a tick label needs.
    let decimals: Int

    /// - Parameters:
    ///   - largest: the largest value to fit.
    ///   - count: about how many steps above 0.
    ///   - integral: counts: the step is at least 1.
    init(fitting largest: Double, count: Int = 4, integral: Bool) {
        let top = largest.isFinite && largest > 0 ? largest : (integral ? 1 : 0.01)
        let raw = top / Double(max(1, count))
        // The power of ten at or below `raw`, by plain arithmetic (the same bits on every platform).
        var magnitude = 1.0
        var places = 0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw && places < 12 {
            magnitude /= 10
            places += 1
        }
        let residual = raw / magnitude
        var step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
        if integral { step = max(1, step.rounded(.up)) }
        let steps = max(1, Int((top / step).rounded(.up)))
        self.step = step
        decimals = step >= 1 ? 0 : (residual <= 5 ? places : max(0, places - 1))
        maximum = Double(steps) * step
        ticks = (0...steps).map { Double($0) * step }
    }

    /// The label of a tick: whole numbers grouped; fractions with as many decimals as the step needs.
    func label(_ value: Double, percent: Bool = false) -> String {
        let text = Numbers.fixed(value, decimals)
        return percent ? text + "%" : text
    }
}
