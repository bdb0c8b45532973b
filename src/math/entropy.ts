/**
 * Binary entropy and the Kullback-Leibler divergence between two coins, in nats, without argument
 * checks: the one implementation behind the public, checked `binaryEntropy` / `klBernoulli`
 * (theory/entropy) and the hot loops that call them with valid arguments (the cloze experiment,
 * the finite-size experiment). Convention 0 log 0 = 0.
 */

/**
 * H(p) = -p log p - (1 - p) log(1 - p) for p in [0, 1] (0 at both ends), in nats.
 * (1 - p) log(1 - p) goes through log1p, which keeps accuracy for small p.
 */
export function binaryEntropy(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -(p * Math.log(p) + (1 - p) * Math.log1p(-p));
}

/**
 * KL(p || q) = p log(p / q) + (1 - p) log((1 - p) / (1 - q)) for p, q in [0, 1], in nats;
 * +Infinity when q puts zero mass where p does not (q = 0 < p or q = 1 > p). Rounding can leave a
 * tiny negative number when p is q; the divergence is >= 0 (Gibbs), so it is clamped at 0.
 */
export function klBernoulli(p: number, q: number): number {
  let d = 0;
  if (p > 0) {
    if (q === 0) return Infinity;
    d += p * Math.log(p / q);
  }
  if (p < 1) {
    if (q === 1) return Infinity;
    d += (1 - p) * (Math.log1p(-p) - Math.log1p(-q));
  }
  return d > 0 ? d : 0;
}

/**
 * The q in (0, p] with KL(p || q) = d (unchecked: p in (0, 1], d >= 0), the lower inverse of KL in
 * its second argument. In u = log q, h(u) = KL(p || e^u) - d is decreasing and convex
 * on u < log p, so Newton's method started left of the root (u0 = log p - (d + 1)/p, where
 * KL >= p log(p/q) - 1/e > d) climbs monotonically to it, quadratically near the end.
 */
export function klBernoulliInverse(p: number, d: number): number {
  if (d <= 0) return p;
  if (p === 1) return Math.exp(-d); // KL(1 || q) = -log q
  let u = Math.log(p) - (d + 1) / p;
  const logP = Math.log(p);
  const tail = (1 - p) * Math.log1p(-p);
  for (let i = 0; i < 100; i++) {
    const q = Math.exp(u);
    // KL(p || e^u) in terms of u, finite even where e^u underflows to 0.
    const h = p * (logP - u) + (p < 1 ? tail - (1 - p) * Math.log1p(-q) : 0) - d;
    const next = u - (h * (1 - q)) / (q - p); // Newton step: h'(u) = (q - p) / (1 - q) < 0
    if (!(next > u) || next - u < 1e-14) break;
    u = next;
  }
  return Math.exp(u);
}
