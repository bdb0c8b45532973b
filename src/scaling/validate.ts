/** Argument checks specific to the scaling modules (internal: not re-exported), built on ../validate. */
import { checkNonNegative, checkPositive } from "../validate";
import type { ScalingParams } from "./law";

/** Throw unless `params` is a valid {@link ScalingParams} (E >= 0, A, B >= 0, alpha, beta > 0, all finite). */
export function checkScalingParams(fn: string, params: unknown): ScalingParams {
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object {E, A, B, alpha, beta}, got ${String(params)}`);
  }
  const p = params as Record<string, unknown>;
  for (const key of ["E", "A", "B"]) checkNonNegative(fn, `params.${key}`, p[key]);
  for (const key of ["alpha", "beta"]) checkPositive(fn, `params.${key}`, p[key]);
  return params as ScalingParams;
}
