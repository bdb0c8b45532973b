/**
 * Writing a file atomically: the bytes go to a temporary file in the same folder, which is then renamed over
 * the target, so a reader (Jupyter, a test, a second run) sees either the old file or the new one, never half
 * of one. The temporary file is removed when anything fails. The one helper for this in tools/.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Writes `data` to `file` atomically, creating its folder when needed. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(3).toString("hex")}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
