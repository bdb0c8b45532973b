/**
 * Disjoint sets (union–find) over 0..n-1 in typed arrays: union by size and path halving, so any
 * sequence of operations costs O(α(n)) amortised each (Tarjan 1975; Tarjan & van Leeuwen 1984).
 * Internal helper of the component and threshold code.
 */
export class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  /** Size of the largest set so far. */
  largest = 1;
  /** Number of sets. */
  count: number;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.count = n;
    if (n === 0) this.largest = 0;
  }

  /** Representative of x's set (path halving). */
  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      const g = parent[parent[x]];
      parent[x] = g;
      x = g;
    }
    return x;
  }

  /** Merge the sets of a and b; returns the size of the merged set. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    const size = this.size;
    if (ra === rb) return size[ra];
    if (size[ra] < size[rb]) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    const s = size[ra] + size[rb];
    size[ra] = s;
    this.count--;
    if (s > this.largest) this.largest = s;
    return s;
  }
}
