/** Test helpers for the scaling and data tests: where the shared Chinchilla CSV is. */
import * as fs from "node:fs";
import * as path from "node:path";
import { findChinchillaCsv } from "../../src/io/chinchilla";
import { defaultChinchillaCsvPath } from "../../tools/data";
import { PROJECT_ROOT } from "../../tools/jupyter-env";

/**
 * The Epoch AI CSV for tests: $EMERGENCE_LAB_DATA if set, else ../shared/data/epoch-chinchilla/
 * next to the checkout (where CI and this machine keep it), else data/external/ (where `npm run
 * data` puts it). Undefined if absent.
 */
export function sharedChinchillaCsv(): string | undefined {
  const fromEnv = findChinchillaCsv();
  if (fromEnv) return fromEnv;
  const shared = path.join(PROJECT_ROOT, "..", "shared", "data", "epoch-chinchilla", "svg_extracted_data.csv");
  return fs.existsSync(shared) ? shared : findChinchillaCsv({ dataDir: path.dirname(defaultChinchillaCsvPath()) });
}

/**
 * The `skip` value for a test that needs something optional: the reason outside CI, but under
 * CI=true nothing is optional (the test runs and its own assertion reports what is missing).
 */
export function skipOutsideCi(available: boolean, reason: string): string | false {
  if (available) return false;
  return process.env.CI === "true" ? false : reason;
}
