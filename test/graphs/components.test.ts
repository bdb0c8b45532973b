import { test } from "node:test";
import * as assert from "node:assert/strict";
import { createRng } from "../../src/random/rng";
import { componentsFromEdges, connectedComponents } from "../../src/graphs/components";
import { gnp, gnpEdgeList } from "../../src/graphs/gnp";
import { graphFromEdges } from "../../src/graphs/graph";

/** Independent reference: breadth-first search over adjacency lists built from the CSR. */
function bfsComponents(n: number, adj: number[][]): number[] {
  const comp = new Array<number>(n).fill(-1);
  let c = 0;
  for (let s = 0; s < n; s++) {
    if (comp[s] >= 0) continue;
    const queue = [s];
    comp[s] = c;
    while (queue.length) {
      const v = queue.pop()!;
      for (const u of adj[v]) if (comp[u] < 0) { comp[u] = c; queue.push(u); }
    }
    c++;
  }
  return comp; // numbered by smallest vertex, as the library promises
}

test("connectedComponents agrees with breadth-first search on random graphs across the phase transition", () => {
  const rng = createRng("components");
  for (const [n, c] of [[1, 1], [50, 0.5], [300, 1], [300, 1.5], [500, 3], [200, 8]] as Array<[number, number]>) {
    const e = gnpEdgeList({ n, p: Math.min(1, c / n), rng });
    const g = graphFromEdges(e);
    const adj: number[][] = Array.from({ length: n }, (_, v) => Array.from(g.neighbors.subarray(g.offsets[v], g.offsets[v + 1])));
    const ref = bfsComponents(n, adj);
    for (const res of [connectedComponents(g), componentsFromEdges(e)]) {
      assert.deepEqual(Array.from(res.label), ref);
      const count = Math.max(-1, ...ref) + 1;
      assert.equal(res.count, count);
      const sizes = new Array<number>(count).fill(0);
      ref.forEach((x) => sizes[x]++);
      assert.deepEqual(Array.from(res.sizes), sizes);
      assert.equal(res.largest, Math.max(...sizes));
      assert.equal(res.isolated, adj.filter((a) => a.length === 0).length);
    }
  }
});

test("components of hand-made graphs", () => {
  // Two triangles {0,1,2}, {3,4,5}, a path 6-7, isolated 8 and 9.
  const src = Uint32Array.of(1, 2, 2, 4, 5, 5, 7);
  const dst = Uint32Array.of(0, 0, 1, 3, 3, 4, 6);
  const res = componentsFromEdges({ n: 10, m: 7, src, dst });
  assert.equal(res.count, 5);
  assert.deepEqual(Array.from(res.sizes), [3, 3, 2, 1, 1]);
  assert.deepEqual(Array.from(res.label), [0, 0, 0, 1, 1, 1, 2, 2, 3, 4]);
  assert.equal(res.largest, 3);
  assert.equal(res.isolated, 2);
  const empty = connectedComponents(gnp({ n: 5, p: 0, rng: 1 }));
  assert.equal(empty.count, 5);
  assert.equal(empty.isolated, 5);
  const complete = connectedComponents(gnp({ n: 6, p: 1, rng: 1 }));
  assert.equal(complete.largest, 6);
  assert.equal(complete.isolated, 0);
  assert.throws(() => componentsFromEdges({ n: 3, m: 1, src: Uint32Array.of(5), dst: Uint32Array.of(0) }), /componentsFromEdges: edge 0 = \(5, 0\) has an endpoint outside \[0, 3\)/);
  assert.throws(() => connectedComponents(null as never), /connectedComponents: graph must be a Graph/);
});
