//! The exact (Clopper-Pearson) upper confidence bound of a binomial
//! proportion, from the quantile of the beta distribution, computed here:
//! log-gamma (Lanczos), the regularised incomplete beta function (continued
//! fraction, modified Lentz) and bisection for its inverse.

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms).
fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1-x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let t = x + 7.5;
    let mut sum = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// Continued fraction of the incomplete beta function (modified Lentz).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..=500 {
        let m = f64::from(m);
        // Even step.
        let numerator = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 + numerator * d;
        d = if d.abs() < TINY { 1.0 / TINY } else { 1.0 / d };
        c = 1.0 + numerator / c;
        if c.abs() < TINY {
            c = TINY;
        }
        h *= d * c;
        // Odd step.
        let numerator = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 + numerator * d;
        d = if d.abs() < TINY { 1.0 / TINY } else { 1.0 / d };
        c = 1.0 + numerator / c;
        if c.abs() < TINY {
            c = TINY;
        }
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// The regularised incomplete beta function I_x(a, b).
pub fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    // The fraction converges fast below the mean; use the symmetry above it.
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The `p`-quantile of Beta(a, b), by bisection.
pub fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    let (mut low, mut high) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if incomplete_beta(a, b, mid) < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    0.5 * (low + high)
}

/// One-sided upper Clopper-Pearson bound of a proportion with `successes`
/// out of `trials` at `confidence` (e.g. 0.95): the true rate is below it
/// with that confidence. 0 out of 300 gives about 0.00994.
pub fn clopper_pearson_upper(successes: u64, trials: u64, confidence: f64) -> f64 {
    if trials == 0 || successes >= trials {
        return 1.0;
    }
    beta_quantile(
        confidence,
        successes as f64 + 1.0,
        (trials - successes) as f64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) {
        assert!((a - b).abs() < tolerance, "{a} vs {b}");
    }

    #[test]
    fn log_gamma_of_known_values() {
        close(ln_gamma(1.0), 0.0, 1e-12);
        close(ln_gamma(5.0), 24f64.ln(), 1e-12);
        close(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-12);
        close(ln_gamma(101.0), 363.739_375_555_563_5, 1e-9);
    }

    #[test]
    fn incomplete_beta_of_known_values() {
        close(incomplete_beta(1.0, 1.0, 0.3), 0.3, 1e-12);
        close(incomplete_beta(2.0, 3.0, 0.4), 0.5248, 1e-12);
        close(incomplete_beta(0.5, 0.5, 0.5), 0.5, 1e-12);
    }

    #[test]
    fn upper_bounds_match_reference_values() {
        // References computed with mpmath's betainc at 30 digits.
        close(
            clopper_pearson_upper(0, 300, 0.95),
            0.009_936_081_944_457_7,
            1e-9,
        );
        close(
            clopper_pearson_upper(1, 10, 0.95),
            0.394_163_302_436_504_7,
            1e-9,
        );
        close(
            clopper_pearson_upper(5, 100, 0.95),
            0.102_253_377_643_274_5,
            1e-9,
        );
        close(
            clopper_pearson_upper(3, 20, 0.95),
            0.343_663_804_314_281_8,
            1e-9,
        );
        close(
            clopper_pearson_upper(0, 30, 0.95),
            0.095_033_852_855_304_1,
            1e-9,
        );
        // With no misses the bound is 1 - (1 - confidence)^(1/n).
        close(
            clopper_pearson_upper(0, 1000, 0.95),
            1.0 - 0.05f64.powf(1.0 / 1000.0),
            1e-12,
        );
        assert_eq!(clopper_pearson_upper(4, 4, 0.95), 1.0);
        assert_eq!(clopper_pearson_upper(0, 0, 0.95), 1.0);
    }
}
