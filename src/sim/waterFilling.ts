/**
 * Balanced refill of a failure set for a target skill set Z (internal to the adversary).
 */
import type { SkillGraph } from "../graphs/skillGraph";
import type { Rng } from "../random/rng";

/** A binary min-heap of (key, id) pairs in typed arrays, with lazy deletion done by the caller. */
export class MinHeap {
  keys: Float64Array;
  ids: Int32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(Math.max(1, capacity));
    this.ids = new Int32Array(Math.max(1, capacity));
  }
  push(key: number, id: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.keys.length * 2);
      k.set(this.keys);
      const d = new Int32Array(this.ids.length * 2);
      d.set(this.ids);
      this.keys = k;
      this.ids = d;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p] <= key) break;
      this.keys[i] = this.keys[p];
      this.ids[i] = this.ids[p];
      i = p;
    }
    this.keys[i] = key;
    this.ids[i] = id;
  }
  /** Remove the minimum; returns its id (the key is left in `lastKey`). */
  lastKey = 0;
  pop(): number {
    const id = this.ids[0];
    this.lastKey = this.keys[0];
    const key = this.keys[--this.size];
    const idLast = this.ids[this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1] < this.keys[c]) c++;
      if (this.keys[c] >= key) break;
      this.keys[i] = this.keys[c];
      this.ids[i] = this.ids[c];
      i = c;
    }
    this.keys[i] = key;
    this.ids[i] = idLast;
    return id;
  }
}

/**
 * Fill a failure set of exactly `m` pieces for the skill set Z (`zMask`): first every piece with
 * more edges into Z than the cut class (the class of edge count c* where the m-th piece falls), then,
 * among the pieces of the cut class, water-filling: repeatedly take the skill of Z with the lowest
 * failure rate so far and add one random unchosen cut-class piece of it. The total number of failed
 * Z edges is the greedy maximum (same classes), but they are spread to lift the weakest skills of Z.
 * Leftover places (if the lagging skills run out of cut-class pieces) are filled at random from the
 * cut class.
 */
export function balancedFill(g: SkillGraph, zMask: Uint8Array, deg: Float64Array, m: number, rng: Rng): Uint8Array {
  const nt = g.texts;
  const k = g.k;
  const ts = g.textSkills;
  const c = zCounts(g, zMask);
  const hist = new Float64Array(k + 2);
  for (let t = 0; t < nt; t++) hist[c[t]]++;
  // cut class: above = #(c > cut) < m <= #(c >= cut)
  let above = 0;
  let cut = k;
  while (cut > 0 && above + hist[cut] < m) {
    above += hist[cut];
    cut--;
  }
  const y = new Uint8Array(nt);
  if (m <= 0) return y;
  const counts = new Float64Array(g.skills);
  for (let t = 0, b = 0; t < nt; t++, b += k) {
    if (c[t] > cut) {
      y[t] = 1;
      for (let j = 0; j < k; j++) counts[ts[b + j]]++;
    }
  }
  let need = m - above;
  if (cut > 0) {
    // unit weights and no budget but the count: from used = 0 the result is the number of pieces added
    const unit = new Float64Array(nt).fill(1);
    need -= waterFillCutClass(g, { zMask, c, cut, w: unit, mass: deg, failed: counts, y, used: 0, cap: Infinity, limit: need, rng });
  }
  if (need > 0) {
    // random fill from the cut class (or, with cut = 0, from the pieces that miss Z)
    const rest: number[] = [];
    for (let t = 0; t < nt; t++) if (!y[t] && c[t] === cut) rest.push(t);
    // partial Fisher-Yates from the end: positions above i are final and never touched again
    for (let i = rest.length - 1; i >= rest.length - need; i--) {
      const r = rng.int(i + 1);
      const tmp = rest[r];
      rest[r] = rest[i];
      rest[i] = tmp;
      y[rest[i]] = 1;
    }
  }
  return y;
}

/**
 * Score every text piece against a weighting of skills: score(t) = sum over the k skills s of t of
 * weight[s], written to `out`. With weight = 1 on Z and 0 elsewhere this is the number of edges of t
 * into Z.
 */
export function scoreTexts<T extends Float64Array | Uint8Array>(graph: SkillGraph, weight: ArrayLike<number>, out: T): T {
  const k = graph.k;
  const ts = graph.textSkills;
  for (let t = 0, b = 0; t < graph.texts; t++, b += k) {
    let sc = 0;
    for (let j = 0; j < k; j++) sc += weight[ts[b + j]];
    out[t] = sc;
  }
  return out;
}

/** Number of skills of each piece in Z (counting repeats): scoreTexts with the 0/1 weights of Z. */
export function zCounts(g: SkillGraph, zMask: Uint8Array): Uint8Array {
  return scoreTexts(g, zMask, new Uint8Array(g.texts));
}

/** What {@link waterFillCutClass} works on (arrays are updated in place). */
export interface WaterFillOptions {
  /** The target skill set Z as a 0/1 mask over skills. */
  zMask: Uint8Array;
  /** Each piece's number of skills in Z (see zCounts). */
  c: Uint8Array;
  /** The cut class: the pieces with c = cut are the candidates (cut > 0). */
  cut: number;
  /** Piece weights (unit weights for the uniform measure). */
  w: Float64Array;
  /** Each skill's total piece weight (its degree under unit weights); skills of mass 0 are skipped. */
  mass: Float64Array;
  /** Each skill's failed weight so far (updated). */
  failed: Float64Array;
  /** The failure set so far (updated). */
  y: Uint8Array;
  /** Weight of y so far, and the budget it may not exceed (Infinity: no budget). */
  used: number;
  cap: number;
  /** At most this many pieces are added (Infinity: until no candidate fits). */
  limit: number;
  rng: Rng;
}

/**
 * Water-filling inside the cut class: repeatedly take the skill of Z with the lowest failure rate so
 * far (failed / mass; a min-heap with lazy deletion) and add one random unchosen cut-class piece of it
 * that fits the budget, until `limit` pieces are added or no skill of Z has a candidate left. Returns
 * the weight of y afterwards (`used` plus the weight added). Shared by the uniform (unit weights, a count limit) and the weighted (a budget)
 * balanced adversaries.
 */
export function waterFillCutClass(g: SkillGraph, o: WaterFillOptions): number {
  const { zMask, c, cut, w, mass, failed, y, cap, limit, rng } = o;
  const k = g.k;
  const ts = g.textSkills;
  let used = o.used;
  const heap = new MinHeap(1024);
  // candidate lists: for each skill of Z, its cut-class pieces (CSR over skill -> texts).
  const cursor = new Int32Array(g.skills);
  const end = new Int32Array(g.skills);
  let zEdges = 0;
  for (let s = 0; s < g.skills; s++) if (zMask[s]) zEdges += g.skillOffsets[s + 1] - g.skillOffsets[s];
  const cand = new Uint32Array(zEdges);
  let p = 0;
  for (let s = 0; s < g.skills; s++) {
    if (!zMask[s] || mass[s] === 0) continue;
    cursor[s] = p;
    for (let e = g.skillOffsets[s]; e < g.skillOffsets[s + 1]; e++) {
      const t = g.skillTexts[e];
      if (c[t] === cut) cand[p++] = t;
    }
    end[s] = p;
    heap.push(failed[s] / mass[s], s);
  }
  let added = 0;
  while (added < limit && heap.size > 0) {
    const s = heap.pop();
    if (heap.lastKey !== failed[s] / mass[s]) continue; // stale entry
    // a random unchosen candidate of s (swap-remove)
    let picked = -1;
    while (cursor[s] < end[s]) {
      const i = cursor[s] + rng.int(end[s] - cursor[s]);
      const t = cand[i];
      cand[i] = cand[cursor[s]];
      cand[cursor[s]] = t;
      cursor[s]++;
      // the budget only shrinks: a piece that does not fit now never will
      if (!y[t] && used + w[t] <= cap) {
        picked = t;
        break;
      }
    }
    if (picked < 0) continue; // s has no (affordable) cut-class piece left: it leaves the heap
    y[picked] = 1;
    used += w[picked];
    added++;
    const b = picked * k;
    for (let j = 0; j < k; j++) {
      const s2 = ts[b + j];
      failed[s2] += w[picked];
      if (zMask[s2] && mass[s2] > 0) heap.push(failed[s2] / mass[s2], s2);
    }
  }
  return used;
}
