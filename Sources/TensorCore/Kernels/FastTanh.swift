/// tanh as a clamped rational polynomial (the approximation Eigen uses for float): no libm call, so loops
/// vectorise. Accurate to a few ulp over the whole range; exactly ±1 beyond |x| ≈ 7.9 and x itself near 0.
/// Every engine calls this same kernel, so it changes no comparison between engines.
@inline(__always)
public func fastTanh(_ input: Float) -> Float {
    let clamp: Float = 7.90531110763549805
    let x = min(max(input, -clamp), clamp)
    let x2 = x * x
    var p: Float = -2.76076847742355e-16
    p = p * x2 + 2.00018790482477e-13
    p = p * x2 - 8.60467152213735e-11
    p = p * x2 + 5.12229709037114e-08
    p = p * x2 + 1.48572235717979e-05
    p = p * x2 + 6.37261928875436e-04
    p = p * x2 + 4.89352455891786e-03
    p = p * x
    var q: Float = 1.19825839466702e-06
    q = q * x2 + 1.18534705686654e-04
    q = q * x2 + 2.26843463243900e-03
    q = q * x2 + 4.89352518554385e-03
    let result = p / q
    return Swift.abs(input) < 0.0004 ? input : result
}
