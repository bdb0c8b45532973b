/** Argument checks shared by the scaling modules (internal: not re-exported from the package). */
import type { ScalingParams } from "./law";

/** Throw unless `value` is a finite number > 0. */
export function checkPositive(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${fn}: ${name} must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

/** Throw unless `params` is a valid {@link ScalingParams} (E >= 0, A, B >= 0, alpha, beta > 0, all finite). */
export function checkScalingParams(fn: string, params: unknown): ScalingParams {
  if (params === null || typeof params !== "object") {
    throw new TypeError(`${fn}: params must be an object {E, A, B, alpha, beta}, got ${String(params)}`);
  }
  const p = params as Record<string, unknown>;
  for (const key of ["E", "A", "B"]) {
    const v = p[key];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${fn}: params.${key} must be a finite number >= 0, got ${String(v)}`);
    }
  }
  for (const key of ["alpha", "beta"]) checkPositive(fn, `params.${key}`, p[key]);
  return params as ScalingParams;
}

