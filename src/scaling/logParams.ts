/**
 * Hoffmann et al.'s log parametrisation of the Chinchilla law (2022, Appendix D.2): the fit works
 * with a = log A, b = log B, e = log E (natural logs) next to the exponents alpha and beta, so that
 * log L(N, D) = LSE(a - alpha log N, b - beta log D, e).
 */
import type { ScalingParams } from "./law";

/** The fitted quantities in Hoffmann's log parametrisation: A = e^a, B = e^b, E = e^e. */
export interface LogScalingParams {
  a: number;
  b: number;
  e: number;
  alpha: number;
  beta: number;
}
/** Convert the log parametrisation to {@link ScalingParams}. */
export function fromLogParams(t: LogScalingParams): ScalingParams {
  return { E: Math.exp(t.e), A: Math.exp(t.a), B: Math.exp(t.b), alpha: t.alpha, beta: t.beta };
}

/** Convert {@link ScalingParams} (A, B, E > 0) to the log parametrisation. */
export function toLogParams(p: ScalingParams): LogScalingParams {
  return { a: Math.log(p.A), b: Math.log(p.B), e: Math.log(p.E), alpha: p.alpha, beta: p.beta };
}
