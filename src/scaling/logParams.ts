/**
 * Hoffmann et al.'s log parametrisation of the Chinchilla law (2022, Appendix D.2): the fit works
 * with a = log A, b = log B, e = log E (natural logs) next to the exponents alpha and beta, so that
 * log L(N, D) = LSE(a - alpha log N, b - beta log D, e).
 */
import type { ScalingParams } from "./law";
import { checkFinite, checkOptions, checkPositive, failArg } from "../validate";

/** The fitted quantities in Hoffmann's log parametrisation: A = e^a, B = e^b, E = e^e. */
export interface LogScalingParams {
  a: number;
  b: number;
  e: number;
  alpha: number;
  beta: number;
}
/** Convert the log parametrisation to {@link ScalingParams} (a, b, e <= 709.78 so that e^a, e^b, e^e are finite). */
export function fromLogParams(t: LogScalingParams): ScalingParams {
  const fn = "fromLogParams";
  checkOptions(fn, t, "{ a, b, e, alpha, beta }");
  for (const key of ["a", "b", "e"] as const) {
    const v = t[key];
    if (typeof v !== "number" || Number.isNaN(v) || !Number.isFinite(Math.exp(v))) failArg(fn, key, v, "a number with a finite exponential (at most 709.78)");
  }
  for (const key of ["alpha", "beta"] as const) checkFinite(fn, key, t[key]);
  return { E: Math.exp(t.e), A: Math.exp(t.a), B: Math.exp(t.b), alpha: t.alpha, beta: t.beta };
}

/** Convert {@link ScalingParams} (A, B, E > 0) to the log parametrisation. */
export function toLogParams(p: ScalingParams): LogScalingParams {
  const fn = "toLogParams";
  checkOptions(fn, p, "{ E, A, B, alpha, beta }");
  for (const key of ["E", "A", "B"] as const) checkPositive(fn, key, p[key]);
  for (const key of ["alpha", "beta"] as const) checkFinite(fn, key, p[key]);
  return { a: Math.log(p.A), b: Math.log(p.B), e: Math.log(p.E), alpha: p.alpha, beta: p.beta };
}
