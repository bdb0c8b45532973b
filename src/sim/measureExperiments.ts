/**
 * Ready-made experiments for skills of unequal frequency (general-measure reading of Theorem 8 of
 * Arora & Goyal 2023; see src/theory/generalMeasure): the simulated worst case against the bounds
 * with alpha counted by number and by measure, and k′-tuples of frequent versus rare skills.
 * Each returns plain rows, so a notebook only draws them.
 */
import type { SkillGraph } from "../graphs/types";
import { type RngOrSeed, toRng } from "../random/rng";
import { betaMin } from "../theory/theorem8";
import { betaMinOfMeasure, tupleGuaranteeOfMeasure } from "../theory/generalMeasure";
import { checkClosed, checkInteger, checkNumberList, checkOpen, checkOptions, describeValue } from "../validate";
import { checkGraph } from "./check";
import { adversaryLimitBeta } from "./adversary";
import { finiteSizeBetaMinOfMeasure } from "./finiteSizeMeasure";
import { adversarialFailureSetOfMeasure } from "./measureAdversary";
import { graphMeasures, randomFailureSetOfMeasure, skillFailureRates, worstFailureRate } from "./measures";
import { tupleCompetence } from "./tuples";

/** One alpha of {@link measureBoundCheck}: betas (worst-alpha failure rate / theta). */
export interface MeasureBoundRow {
  alpha: number;
  /** μ1-measure of the ceil(alpha·N_s) rarest skills. */
  rarestMeasure: number;
  /** Theorem 8's beta_min(alpha) (null: infeasible). By measure this is the bound; by number it is the uniform reading, not a bound under μ1. */
  theoremBeta: number | null;
  /** By number: beta_min(rarestMeasure), the bound by number (null: infeasible). */
  numberBeta: number | null;
  /** By number: finite-size beta at this size and epsilon (null: infeasible). */
  numberFiniteSizeBeta: number | null;
  /** By number: balanced adversary (worst ceil(alpha·N_s) skills). */
  numberAdversaryBeta: number;
  /** By number: random failure set. */
  numberRandomBeta: number;
  /** By measure: finite-size beta (null: infeasible). */
  measureFiniteSizeBeta: number | null;
  /** By measure: fixed-Z limit of the adversary (adversaryLimitBeta at alpha as a measure). */
  measureLimitBeta: number;
  /** By measure: balanced adversary (worst skills of total measure alpha). */
  measureAdversaryBeta: number;
  /** By measure: random failure set. */
  measureRandomBeta: number;
}

/** Options of {@link measureBoundCheck}. */
export interface MeasureBoundCheckOptions {
  /** A skill graph, usually with a skill measure (skillGraph({ ..., skillMeasure })). */
  graph: SkillGraph;
  theta: number;
  alphas: ArrayLike<number>;
  rng: RngOrSeed;
  /** Failure probability of the finite-size bounds (default 0.01). */
  epsilon?: number;
  /** Form of the finite-size bounds (default "mean"; see finiteSizeBound). */
  degrees?: "mean" | "bounded";
}

/**
 * For each alpha, the failure rate (as beta = rate / theta) of the worst alpha fraction of skills
 * counted by number and by measure, under a random failure set and the balanced adversary aimed at
 * that count, next to the bounds: Theorem 8's beta_min(alpha) (the bound by measure), beta_min of the
 * rarest skills' measure (the bound by number), their finite-size versions, and the fixed-Z limit.
 */
export function measureBoundCheck(options: MeasureBoundCheckOptions): MeasureBoundRow[] {
  const fn = "measureBoundCheck";
  checkOptions(fn, options, "{ graph, theta, alphas, rng, epsilon?, degrees? }");
  const g = checkGraph(fn, options.graph);
  const { skillMeasure, textMeasure } = graphMeasures(fn, g);
  const theta = checkOpen(fn, "theta", options.theta, 0, 1);
  const alphas = checkNumberList(fn, "alphas", options.alphas, (f, n, v) => checkOpen(f, n, v, 0, 1));
  const rng = toRng(options.rng, `${fn}: rng`);
  const p = skillMeasure ?? new Float64Array(g.skills).fill(1 / g.skills);
  const y = randomFailureSetOfMeasure({ texts: g.texts, theta, textMeasure: textMeasure, rng: rng.fork("random") });
  const rates = skillFailureRates(g, y).failureRate;
  const common = { skills: g.skills, texts: g.texts, skillMeasure, textMeasure, k: g.k, theta, epsilon: options.epsilon, degrees: options.degrees };
  return alphas.map((alpha, i) => {
    const th = betaMin({ theta, k: g.k, alpha });
    const byNumber = betaMinOfMeasure({ theta, k: g.k, alpha, by: "number", skillMeasure: p });
    const fsNumber = finiteSizeBetaMinOfMeasure({ ...common, alpha, by: "number" });
    const fsMeasure = finiteSizeBetaMinOfMeasure({ ...common, alpha, by: "measure" });
    const advN = adversarialFailureSetOfMeasure({ graph: g, theta, alpha, by: "number", rng: rng.fork(`number${i}`) });
    const advM = adversarialFailureSetOfMeasure({ graph: g, theta, alpha, by: "measure", rng: rng.fork(`measure${i}`) });
    return {
      alpha,
      rarestMeasure: byNumber.alphaMeasure,
      theoremBeta: th.feasible ? th.beta : null,
      numberBeta: byNumber.feasible ? byNumber.beta : null,
      numberFiniteSizeBeta: fsNumber.feasible ? fsNumber.beta : null,
      numberAdversaryBeta: advN.betaAchieved,
      numberRandomBeta: worstFailureRate({ failureRate: rates, alpha, by: "number" }) / theta,
      measureFiniteSizeBeta: fsMeasure.feasible ? fsMeasure.beta : null,
      measureLimitBeta: adversaryLimitBeta({ theta, k: g.k, alpha }).beta,
      measureAdversaryBeta: advM.betaAchieved,
      measureRandomBeta: worstFailureRate({ failureRate: rates, alpha, by: "measure", skillMeasure: p }) / theta,
    };
  });
}

/** A frequency class of skills for {@link tupleEmergenceByFrequency}. */
export interface SkillClass {
  /** Legend name, e.g. "frequent (ranks 1–10)". */
  name: string;
  /** The skill ids of the class. */
  skills: ArrayLike<number>;
}

/** One (theta, class) of {@link tupleEmergenceByFrequency}. */
export interface TupleFrequencyRow {
  theta: number;
  className: string;
  kPrime: number;
  /** Mean μ1-measure of the skills in the sampled tuples. */
  meanMeasure: number;
  /** Guaranteed competence 1 − theta·Σ beta_min(p_i) reached by all but the worst alpha of the sampled tuples (null: none). */
  guarantee: number | null;
  /** Competence reached by all but the worst alpha of the sampled tuples under a random failure set. */
  randomCompetence: number;
  /** The same under the balanced adversary aimed at the class's skills. */
  adversarialCompetence: number;
}

/** Options of {@link tupleEmergenceByFrequency}. */
export interface TupleEmergenceByFrequencyOptions {
  graph: SkillGraph;
  /** Failure measures theta to try (e.g. from a scaling law at several compute budgets). */
  thetas: ArrayLike<number>;
  /** Tuple size. */
  kPrime: number;
  classes: readonly SkillClass[];
  /** Tuples sampled per class (uniformly within the class; the same tuples at every theta). */
  tuples: number;
  /** Report the competence of all but the worst alpha of the sampled tuples (default 0.1). */
  alpha?: number;
  rng: RngOrSeed;
}

/**
 * k′-tuples of frequent versus rare skills (Sec. 7 of Arora & Goyal 2023: tuples with more frequent
 * skills "emerge faster"): for each theta and each class, sample k′-tuples of the class's skills and
 * measure the competence reached by all but the worst alpha of them under a random failure set and
 * under the balanced adversary aimed at the class, next to the per-tuple guarantee of the
 * general-measure reading (our reconstruction).
 */
export function tupleEmergenceByFrequency(options: TupleEmergenceByFrequencyOptions): TupleFrequencyRow[] {
  const fn = "tupleEmergenceByFrequency";
  checkOptions(fn, options, "{ graph, thetas, kPrime, classes, tuples, alpha?, rng }");
  const g = checkGraph(fn, options.graph);
  const { skillMeasure, textMeasure } = graphMeasures(fn, g);
  const thetas = checkNumberList(fn, "thetas", options.thetas, (f, n, v) => checkOpen(f, n, v, 0, 1));
  const kPrime = checkInteger(fn, "kPrime", options.kPrime, 1, g.skills);
  const tuples = checkInteger(fn, "tuples", options.tuples, 1);
  const alpha = checkClosed(fn, "alpha", options.alpha ?? 0.1, 0, 1);
  if (!Array.isArray(options.classes) || options.classes.length === 0) throw new TypeError(`${fn}: classes must be a non-empty array of { name, skills }, got ${describeValue(options.classes)}`);
  const rng = toRng(options.rng, `${fn}: rng`);
  const p = skillMeasure ?? new Float64Array(g.skills).fill(1 / g.skills);
  const quantile = (xs: Float64Array): number => {
    // competence reached by all but the worst alpha: the ceil(alpha·n)-th smallest competence
    const s = Float64Array.from(xs).sort();
    const m = Math.max(1, Math.ceil(alpha * s.length - 1e-9));
    return s[Math.min(s.length - 1, m - 1)];
  };
  const rows: TupleFrequencyRow[] = [];
  thetas.forEach((theta, ti) => {
    const randomY = randomFailureSetOfMeasure({ texts: g.texts, theta, textMeasure, rng: rng.fork(`random${ti}`) });
    options.classes.forEach((cls, ci) => {
      const adv = adversarialFailureSetOfMeasure({ graph: g, theta, alpha: Math.max(alpha, 1e-9), by: "number", targetSkills: cls.skills, rng: rng.fork(`adversary${ti}-${ci}`) });
      const sample = (failed: Uint8Array) => tupleCompetence({ graph: g, failed, kPrime, tuples, pool: cls.skills, rng: rng.fork(`tuples${ci}`) });
      const r = sample(randomY);
      const a = sample(adv.failed);
      let meanMeasure = 0;
      for (let i = 0; i < r.skills.length; i++) meanMeasure += p[r.skills[i]];
      meanMeasure /= r.skills.length;
      const guarantees = new Float64Array(tuples);
      for (let i = 0; i < tuples; i++) {
        const gt = tupleGuaranteeOfMeasure({ theta, k: g.k, measures: Array.from(r.skills.subarray(i * kPrime, (i + 1) * kPrime), (s) => p[s]) });
        if (gt.competence === null) guarantees[i] = -Infinity;
        else guarantees[i] = gt.competence;
      }
      const gq = quantile(guarantees);
      rows.push({
        theta,
        className: cls.name,
        kPrime,
        meanMeasure,
        guarantee: Number.isFinite(gq) ? gq : null,
        randomCompetence: quantile(r.competence),
        adversarialCompetence: quantile(a.competence),
      });
    });
  });
  return rows;
}
