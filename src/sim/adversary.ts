/**
 * Adversarial failure sets: the worst case that Theorem 8 of Arora & Goyal (2023) guards against.
 * The theorem holds for EVERY failure set Y of size theta·N_t, so a simulation should try to find a
 * Y that drives as many skills as possible to a high failure rate. Finding the true worst Y is a hard
 * combinatorial problem; these are heuristics, so the simulated worst case is a LOWER estimate of
 * the true worst case, and the theorem's bound is an UPPER bound on it.
 */
import type { SkillGraph } from "../graphs/skillGraph";
import { type Rng, type RngOrSeed, toRng } from "../random/rng";
import { checkClosed, checkInteger, checkOptions, describeValue } from "../validate";
import { checkGraph, fractionCount } from "./validate";
import { selectKthLargest } from "../math/select";
import { floydMask } from "../random/floyd";
import { countFailedEdges, fractionOfSkillsFailing } from "./competence";
import { balancedFill, scoreTexts } from "./waterFilling";
import { logChoose } from "../math/gamma";
import { checkBytes, checkSteps } from "../budget";

/**
 * Choose exactly `m` indices with the largest `scores`; ties at the cut are broken uniformly at
 * random (Floyd sampling among the tied indices). Returns a 0/1 mask. O(n) expected time.
 */
export function selectTopIndices(scores: Float64Array, m: number, rng: Rng): Uint8Array {
  if (!(scores instanceof Float64Array)) throw new TypeError(`selectTopIndices: scores must be a Float64Array, got ${describeValue(scores)}`);
  const n = scores.length;
  checkInteger("selectTopIndices", "m", m, 0, n, `an integer in [0, scores.length = ${n}]`);
  const mask = new Uint8Array(n);
  if (m <= 0) return mask;
  if (m >= n) return mask.fill(1);
  const cut = selectKthLargest(Float64Array.from(scores), m);
  let above = 0;
  let tied = 0;
  for (let i = 0; i < n; i++) {
    if (scores[i] > cut) {
      mask[i] = 1;
      above++;
    } else if (scores[i] === cut) tied++;
  }
  const need = m - above;
  if (need <= 0) return mask;
  const ties = new Uint32Array(tied);
  let j = 0;
  for (let i = 0; i < n; i++) if (scores[i] === cut) ties[j++] = i;
  // Floyd: choose `need` of the `tied` positions uniformly
  const pick = floydMask(tied, need, rng);
  for (let a = 0; a < tied; a++) if (pick[a]) mask[ties[a]] = 1;
  return mask;
}

/** How a text piece is scored against the target skill set Z. */
export type AdversaryScore = "edges" | "weighted";

/** Options of {@link adversarialFailureSet}. */
export interface AdversarialFailureSetOptions {
  graph: SkillGraph;
  /** Fraction of failed text pieces: exactly round(theta·N_t) pieces fail. */
  theta: number;
  /** Size of the target skill set Z as a fraction of N_s: |Z| = max(1, round(alpha·N_s)). */
  alpha: number;
  rng: RngOrSeed;
  /**
   * "greedy": Z = the alpha·N_s skills of lowest degree (ties random;
   * a low-degree skill needs fewer failed edges to reach a given rate), Y = the pieces with the most
   * edges into Z (ties random). One round.
   * "balanced" (default): the greedy round, then repeat: re-pick Z as the alpha·N_s skills with the
   * highest failure rate under the best Y so far, and refill Y with every piece above the cut class
   * (the edge count at which the theta·N_t-th piece falls) plus cut-class pieces chosen by
   * water-filling: always add a piece of the skill of Z whose rate is lowest so far. This keeps the
   * greedy's number of failed Z edges but spreads them evenly, so the worst skill of Z rises toward
   * the mean of Z (see adversaryLimitBeta). Keeps the best Y seen; stops when the worst-alpha rate has
   * not improved for `patience` rounds, or after `maxRounds`.
   */
  strategy?: "greedy" | "balanced";
  /** Rounds of the balanced strategy after the greedy one (default 6). */
  maxRounds?: number;
  /** Rounds without improvement before stopping (default 1: the first balanced round does almost all the work). */
  patience?: number;
  /** If given, the result reports the fraction of skills with failure rate >= beta·theta. */
  beta?: number;
}

/** A failure set found by an adversary, with what it achieves. */
export interface AdversarialFailureSet {
  /** The failure set Y as a 0/1 mask of length N_t (exactly round(theta·N_t) ones). */
  failed: Uint8Array;
  /** The target skill set Z used for the best Y (sorted skill ids). */
  skillSet: Uint32Array;
  /** Failure rate of every skill under Y. */
  failureRate: Float64Array;
  /** The ceil(alpha·N_s)-th largest failure rate under Y (what the adversary maximizes). */
  worstRate: number;
  /** worstRate / theta: the simulated counterpart of beta_min(alpha). */
  betaAchieved: number;
  /** Fraction of skills with rate >= beta·theta, when `beta` was given; otherwise null. */
  fractionFailing: number | null;
  /** worstRate after each round (round 0 = greedy). */
  history: number[];
  /** Rounds run (1 for greedy). */
  rounds: number;
}

/**
 * An adversarial failure set Y of size round(theta·N_t) that tries to give a set of alpha·N_s skills
 * the highest failure rate it can (the worst case of Arora & Goyal 2023, Theorem 8). See
 * {@link AdversarialFailureSetOptions.strategy} for the two heuristics. O(rounds · N_t · k).
 * @example
 * adversarialFailureSet({ graph: skillGraph({ skills: 100, texts: 1000, k: 2, rng: 1 }), theta: 0.1, alpha: 0.1, beta: 2, rng: 2 })
 * // => { failed: Uint8Array(1000) [0, 0, 0, …], skillSet: Uint32Array(10) [15, 18, 46, …], failureRate: Float64Array(100) [0.0555556…, 0, 0.15, …], worstRate: 0.846154…, betaAchieved: 8.46154…, fractionFailing: 0.1, … }
 * @see {@link randomFailureSet}, {@link adversaryLimitBeta}, {@link betaMin}, {@link adversarialFailureSetOfMeasure}
 */
export function adversarialFailureSet(options: AdversarialFailureSetOptions): AdversarialFailureSet {
  const fn = "adversarialFailureSet";
  checkOptions(fn, options, "{ graph, theta, alpha, rng }");
  const g = checkGraph(fn, options.graph);
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (alpha === 0) throw new RangeError(`${fn}: alpha must be in (0, 1], got 0`);
  const rng = toRng(options.rng, `${fn}: rng`);
  const strategy = options.strategy ?? "balanced";
  if (strategy !== "greedy" && strategy !== "balanced") {
    throw new RangeError(`${fn}: strategy must be "greedy" or "balanced", got ${String(strategy)}`);
  }
  const maxRounds = checkInteger(fn, "maxRounds", options.maxRounds ?? 6, 0, 1000);
  const patience = checkInteger(fn, "patience", options.patience ?? 1, 1, 1000);
  const beta = options.beta === undefined ? undefined : checkClosed(fn, "beta", options.beta, 0, Number.MAX_VALUE);
  const roundsMax = strategy === "greedy" ? 1 : 1 + maxRounds;
  checkSteps(fn, roundsMax * (3 * g.texts * g.k + 4 * g.skills), `${roundsMax} rounds over a skill graph of ${g.texts} text pieces with k = ${g.k}`, "use fewer rounds or a smaller graph");

  const ns = g.skills;
  const m = fractionCount(g.texts, theta);
  const zSize = Math.max(1, fractionCount(ns, alpha));
  const worstIndex = Math.max(1, Math.ceil(alpha * ns - 1e-9));
  const deg = new Float64Array(ns);
  for (let s = 0; s < ns; s++) deg[s] = g.skillOffsets[s + 1] - g.skillOffsets[s];

  const weight = new Float64Array(ns);
  const scores = new Float64Array(g.texts);
  const counts = new Uint32Array(ns);
  const rate = new Float64Array(ns);
  const evaluate = (mask: Uint8Array): number => {
    countFailedEdges(g, mask, counts);
    for (let s = 0; s < ns; s++) rate[s] = deg[s] > 0 ? counts[s] / deg[s] : 0;
    return selectKthLargest(Float64Array.from(rate), worstIndex);
  };

  // Round 0 (greedy): Z = lowest-degree skills, ties random; Y = most edges into Z.
  const negDeg = new Float64Array(ns);
  for (let s = 0; s < ns; s++) negDeg[s] = -deg[s];
  const zMask = selectTopIndices(negDeg, zSize, rng.fork("z0"));
  for (let s = 0; s < ns; s++) weight[s] = zMask[s];
  const y0 = selectTopIndices(scoreTexts(g, weight, scores), m, rng.fork("y0"));
  const best: AdversaryBest = { failed: y0, worst: evaluate(y0), z: zMask, rate: Float64Array.from(rate) };
  const history = [best.worst];
  let rounds = 1;
  if (strategy === "balanced") {
    rounds += balancedRounds(best, {
      maxRounds,
      patience,
      history,
      rate,
      evaluate,
      round: (r, bestRate) => {
        const z = selectTopIndices(bestRate, zSize, rng.fork(`z${r}`));
        return { failed: balancedFill(g, z, deg, m, rng.fork(`y${r}`)), z };
      },
    });
  }

  return {
    failed: best.failed,
    skillSet: maskIndices(best.z),
    failureRate: best.rate,
    worstRate: best.worst,
    betaAchieved: theta > 0 ? best.worst / theta : 0,
    fractionFailing: beta === undefined ? null : fractionOfSkillsFailing({ failureRate: best.rate, theta, beta }),
    history,
    rounds,
  };
}

/** The support window [loX, hiX] (mean ± 40 sd) that adversaryLimitBeta walks for Binomial(k, alpha), alpha in (0, 1). */
function limitWindow(k: number, alpha: number): [number, number] {
  const mean = k * alpha;
  const sd = Math.sqrt(mean * (1 - alpha));
  return [Math.max(0, Math.floor(mean - 40 * sd - 40)), Math.min(k, Math.ceil(mean + 40 * sd + 40))];
}

/**
 * Work steps of adversaryLimitBeta at (k, alpha), alpha in (0, 1] (internal): callers that loop over it
 * check their budget with it first, so that the error names them.
 */
export function adversaryLimitSteps(k: number, alpha: number): number {
  if (alpha >= 1) return 1;
  const [loX, hiX] = limitWindow(k, alpha);
  return hiX - loX + 1;
}

/** The best failure set an adversary has found so far: Y, its objective, its target Z, the rates under Y. */
export interface AdversaryBest {
  failed: Uint8Array;
  worst: number;
  z: Uint8Array;
  rate: Float64Array;
}

/** What {@link balancedRounds} needs. */
export interface BalancedRoundsOptions {
  /** At most this many rounds. */
  maxRounds: number;
  /** Stop after this many rounds in a row without improvement. */
  patience: number;
  /** Each round's objective is appended here. */
  history: number[];
  /** The rates that `evaluate` leaves behind (copied when a round improves). */
  rate: Float64Array;
  /** The objective of a failure set (it also fills `rate`). */
  evaluate: (failed: Uint8Array) => number;
  /** Round r's new target Z and failure set Y, from the rates under the best Y so far. */
  round: (r: number, bestRate: Float64Array) => { failed: Uint8Array; z: Uint8Array };
}

/**
 * The improvement rounds of the balanced adversaries (uniform and weighted): each round re-targets
 * and refills, and `best` (updated in place) keeps the Y with the highest objective. Stops after
 * `maxRounds` or `patience` rounds without improvement; returns the number of rounds run.
 */
export function balancedRounds(best: AdversaryBest, o: BalancedRoundsOptions): number {
  let stale = 0;
  let rounds = 0;
  for (let r = 1; r <= o.maxRounds && stale < o.patience; r++) {
    const current = o.round(r, best.rate);
    const currentWorst = o.evaluate(current.failed);
    o.history.push(currentWorst);
    rounds++;
    if (currentWorst > best.worst) {
      best.failed = current.failed;
      best.worst = currentWorst;
      best.z = current.z;
      best.rate = Float64Array.from(o.rate);
      stale = 0;
    } else stale++;
  }
  return rounds;
}

/** The sorted indices of the ones of a 0/1 mask. */
export function maskIndices(mask: Uint8Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(i);
  return Uint32Array.from(out);
}

/** Options of {@link adversaryLimitBeta}. */
export interface AdversaryLimitOptions {
  /** Fraction of failed text pieces, in (0, 1]. */
  theta: number;
  /** Skills per text piece (positive integer). */
  k: number;
  /** Size of the skill set Z as a fraction of the skills, in (0, 1]. */
  alpha: number;
}

/** Result of {@link adversaryLimitBeta}. */
export interface AdversaryLimit {
  /** The mean failure rate over Z under the best Y. */
  rate: number;
  /** rate / theta. */
  beta: number;
}

/**
 * The asymptotic (N_t/N_s -> infinity) worst case of a FIXED skill set Z against the best Y: the
 * number of Z-skills of a text piece is Binomial(k, alpha) (uniform skills; distinct draws are
 * hypergeometric, the same to O(k/N_s)); the Y that maximizes the mean failure rate over Z takes the
 * theta fraction of pieces with the most Z-skills, so the mean rate over Z is
 * E[X; top theta of X] / (k alpha) with X ~ Binomial(k, alpha). No Y can give every skill of Z a
 * higher rate than this mean, so rate/theta is what the adversary can reach as N_t/N_s grows (the
 * union over Z costs only N_s H(alpha), negligible against N_t). Compare with beta_min of Theorem 8.
 *
 * Cost: the pmf is walked down from the top of its support by the ratio p(x-1)/p(x) =
 * x (1-alpha) / ((k-x+1) alpha), in logs, only inside mean ± 40 standard deviations (the mass
 * outside is below 1e-300), so O(sqrt(k alpha (1-alpha))) steps: k = 10^6 takes a few milliseconds.
 * @example
 * adversaryLimitBeta({ theta: 0.1, k: 2, alpha: 0.1 })
 * // => { rate: 0.55, beta: 5.5 }
 * @see {@link adversarialFailureSet}, {@link betaMin}
 */
export function adversaryLimitBeta(options: AdversaryLimitOptions): AdversaryLimit {
  const fn = "adversaryLimitBeta";
  checkOptions(fn, options, "{ theta, k, alpha }");
  const theta = checkClosed(fn, "theta", options.theta, 0, 1);
  const k = checkInteger(fn, "k", options.k, 1, Number.MAX_SAFE_INTEGER);
  const alpha = checkClosed(fn, "alpha", options.alpha, 0, 1);
  if (alpha === 0 || theta === 0) throw new RangeError(`${fn}: alpha and theta must be > 0, got alpha = ${alpha}, theta = ${theta}`);
  let left = theta;
  let edges = 0;
  if (alpha === 1) {
    edges = theta * k; // every skill of every piece is in Z
  } else {
    const [loX, hiX] = limitWindow(k, alpha);
    checkSteps(fn, hiX - loX + 1, `the Binomial(k = ${k}, alpha = ${alpha}) tail`, "use a smaller k");
    const logRatio = Math.log1p(-alpha) - Math.log(alpha); // log((1 - alpha) / alpha)
    let logP = logChoose(k, hiX) + hiX * Math.log(alpha) + (k - hiX) * Math.log1p(-alpha);
    for (let x = hiX; x >= loX && left > 0; x--) {
      const take = Math.min(left, Math.exp(logP));
      edges += take * x;
      left -= take;
      logP += Math.log(x / (k - x + 1)) + logRatio; // p(x - 1) / p(x)
    }
  }
  const rate = Math.min(1, edges / (k * alpha));
  return { rate, beta: rate / theta };
}
