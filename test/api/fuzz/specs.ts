/**
 * The property test's table: for every public function, one small VALID argument list (built fresh
 * for each case from the library under test) from which the bad inputs are derived by replacing or
 * deleting one or two leaves (see cases.ts). A function without an entry here is still called, with
 * generic bad arguments only (see GENERIC in cases.ts), so a new export is covered from the start.
 *
 * `allow` lists the result paths (regex on "a.b[0].c") that may hold a non-finite number or a
 * "NaN"-like string because the function documents it (e.g. isoLossTokens returns Infinity when no
 * finite D reaches the loss).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Spec {
  /** A valid argument list (fresh objects on every call). */
  args: () => unknown[];
  /** Result paths allowed to be non-finite (documented), matched against "" for a plain number. */
  allow?: RegExp;
  /** Leaves not to mutate (paths as "0.graph"), e.g. callbacks the harness needs. */
  keep?: RegExp;
}

export function buildSpecs(L: any): Record<string, Spec> {
  const H = () => ({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
  const graph = () => L.skillGraph({ skills: 12, texts: 40, k: 3, rng: 1 });
  const runs = () => L.syntheticChinchillaRuns({ rng: 2, params: H(), runs: 8 });
  const mask = () => L.randomFailureSet({ texts: 20, theta: 0.3, rng: 3 });
  const coins = () => L.coinFlipGraph({ n: 8, p: 0.3, rng: 4 });
  const giant = () => L.giantComponentExperiment({ n: 40, cs: [0.5, 1, 2], trials: 3, rng: 5 });
  const iso = () => L.isolatedThresholdExperiment({ n: 40, cs: [-1, 0, 1], trials: 3, rng: 6 });
  const laws = () => [{ name: "Hoffmann", params: H() }];
  const cover = () => ({ skills: 40, k: 3, kPrime: 2, distinct: true, texts: 1000 });
  const cloze = () => L.clozeFailureExperiment({ deltas: [0.1, 0.3], questions: 50, rng: 7 });
  const perf = () => L.performanceCurve({ theta: 0.1, k: 8, alphas: [0.1, 0.3] });
  const fsRows = () => L.finiteSizeExperiment({ skills: 10, ratios: [3, 5], k: 3, theta: 0.1, alpha: 0.2, rng: 8 });
  const ebRows = () => L.emergenceBoundExperiment({ graph: graph(), theta: 0.1, alphas: [0.2], rng: 9, adversarial: false });
  const fig = () => L.lineFigure({ title: "t", x: { title: "x" }, y: { title: "y" }, series: [{ name: "a", x: [1, 2], y: [3, 4] }] });
  const skillMix = { pS: 0.0144, pT: 0.0022, L: 5e10 };
  const zipf = () => L.zipfMeasure({ n: 6, exponent: 1.1 });

  return {
    adversarialFailureSet: { args: () => [{ graph: graph(), theta: 0.2, alpha: 0.2, rng: 1, strategy: "balanced", maxRounds: 2, patience: 1, beta: 1.5 }] },
    adversaryLimitBeta: { args: () => [{ theta: 0.1, k: 4, alpha: 0.2 }] },
    alphaGrid: { args: () => [{ from: 0.01, to: 0.5, count: 10, log: true }] },
    betaMin: { args: () => [{ theta: 0.1, k: 8, alpha: 0.3 }] },
    binaryEntropy: { args: () => [0.3] },
    bootstrapHistogramFigure: { args: () => [{ name: "beta", draws: [0.3, 0.31, 0.32], marks: [{ name: "H", value: 0.28 }], title: "t", caption: "c" }] },
    chinchillaLoss: { args: () => [{ N: 1e9, D: 2e10, params: H() }] },
    clozeFailureExperiment: { args: () => [{ deltas: [0.1, 0.3], questions: 100, margin: [0.1, 0.5], lossShape: "exponential", concentration: 0.1, rng: 1 }] },
    clozeThetaExponentialCertain: { args: () => [0.2] },
    coinFlipFigure: { args: () => [coins(), { title: "t", caption: "c" }] },
    coinFlipGraph: { args: () => [{ n: 10, p: 0.3, rng: 1 }] },
    coinGraphAt: { args: () => [coins(), 0.5] },
    competenceHistogramFigure: {
      args: () => [{ series: [{ name: "a", values: [0.8, 0.9, 0.85] }], bins: 5, range: [0, 1], prediction: { name: "p", mean: 0.9, std: 0.05 }, markers: [{ name: "m", x: 0.5 }] }],
    },
    computeFrontierFigure: { args: () => [{ laws: laws(), C: [1e20, 1e24], points: 5 }] },
    computeOptimal: { args: () => [1e21, H()] },
    concentrationExperiment: { args: () => [{ skills: 20, textsList: [50, 100], k: 3, theta: 0.1, rng: 1 }] },
    concentrationFigure: { args: () => [L.concentrationExperiment({ skills: 20, textsList: [50, 100], k: 3, theta: 0.1, rng: 1 }), { title: "t" }] },
    connectedComponents: { args: () => [L.gnp({ n: 20, p: 0.1, rng: 1 })] },
    coverageExperiment: { args: () => [{ skills: 8, k: 3, kPrime: 2, texts: [5, 10], distinct: true, replicates: 3, rng: 1 }], allow: /\.z$/ },
    coverageExperimentFigure: {
      args: () => [{ points: L.coverageExperiment({ skills: 8, k: 3, kPrime: 2, texts: [5, 10], distinct: true, replicates: 3, rng: 1 }), skills: 8, k: 3, kPrime: 2, distinct: true, replicates: 3, seed: 1 }],
    },
    createRng: { args: () => [1] },
    criticalGiantFigure: { args: () => [[giant()], { c: 1 }] },
    emergenceBoundExperiment: { args: () => [{ graph: graph(), theta: 0.1, alphas: [0.2], rng: 1, adversarial: true }] },
    emergenceBoundFigure: { args: () => [ebRows(), { theta: 0.1, showFiniteSize: true }] },
    emergenceCompute: { args: () => [{ params: H(), k: 8, alpha: 0.1, kPrime: 1, competence: 0.5, thetaFactor: 2, range: [1e18, 1e30] }] },
    emergenceVsScale: { args: () => [{ params: H(), computes: [1e20, 1e24], k: 8, alpha: 0.1, kPrimes: [1, 2], thetaFactor: 2 }] },
    emergenceVsScaleFigure: { args: () => [{ runs: [{ name: "H", rows: L.emergenceVsScale({ params: H(), computes: [1e20, 1e24], k: 8, alpha: 0.1 }) }], showTheta: true }] },
    expectedIsolated: { args: () => [100, 0.05] },
    expectedIsolatedSkills: { args: () => [{ skills: 100, texts: 1000, k: 3, distinct: true }] },
    expectedSeenTupleFraction: { args: () => [cover()] },
    expectedSeenTuples: { args: () => [cover()] },
    failureRateSpread: { args: () => [L.skillCompetence(graph(), [0, 3, 5, 7]), 40] },
    finiteSizeBetaMin: { args: () => [{ skills: 100, texts: 10000, k: 8, theta: 0.1, alpha: 0.2, delta: 0.5 }] },
    finiteSizeBound: { args: () => [{ skills: 100, texts: 10000, k: 8, theta: 0.1, alpha: 0.2, beta: 2 }] },
    finiteSizeExperiment: { args: () => [{ skills: 12, ratios: [3, 5], k: 3, theta: 0.1, alpha: 0.2, rng: 1 }] },
    finiteSizeFigure: { args: () => [fsRows(), { title: "t" }] },
    finiteSizeTermFigure: { args: () => [fsRows()] },
    fitScalingLaw: {
      args: () => [runs(), { delta: 1e-3, starts: [{ a: 6, b: 6, e: 0.5, alpha: 0.3, beta: 0.3 }], lbfgs: { maxIterations: 50 }, polish: 1, bootstrap: { samples: 3, rng: 1, level: 0.9 } }],
    },
    formatNumber: { args: () => [1.5, { digits: 3, largeAbove: 1e6, smallBelow: 1e-3 }], allow: /^$/ },
    fractionOfSkillsFailing: { args: () => [{ failureRate: [0.1, 0.3], theta: 0.1, beta: 2 }] },
    frontierLossExponent: { args: () => [H()] },
    giantComponentExperiment: { args: () => [{ n: 50, cs: [0.5, 2], trials: 3, rng: 1 }] },
    giantComponentFigure: { args: () => [[giant()], { title: "t" }] },
    giantFraction: { args: () => [2] },
    giantFractionStd: { args: () => [100, 2] },
    gnm: { args: () => [{ n: 20, m: 30, rng: 1 }] },
    gnp: { args: () => [{ n: 20, p: 0.2, rng: 1 }] },
    isoLossContourFigure: {
      args: () => [{ params: H(), N: [1e8, 1e10], D: [1e9, 1e12], runs: runs(), runsName: "r", isoFlops: [1e20], frontier: true, resolution: 10, levels: [2.5, 3] }],
    },
    isoLossParameters: { args: () => [{ D: 1e11, loss: 2.5, params: H() }], allow: /^$/ },
    isoLossTokens: { args: () => [{ N: 1e9, loss: 2.5, params: H() }], allow: /^$/ },
    isolatedThresholdExperiment: { args: () => [{ n: 50, cs: [-1, 0, 1], trials: 3, rng: 1, method: "auto" }], allow: /^\.hittingC\[\d+\]$/ },
    isolatedThresholdFigure: { args: () => [[iso()], { title: "t" }] },
    isolatedThresholdP: { args: () => [100, 0] },
    kPieceFailureFraction: { args: () => [{ failed: mask(), kPrime: 3, samples: 50, rng: 1 }] },
    klBernoulli: { args: () => [0.3, 0.1], allow: /^$/ },
    lambertW0: { args: () => [1], allow: /^$/ },
    lineFigure: { args: () => [{ title: "t", x: { title: "x" }, y: { title: "y" }, series: [{ name: "a", x: [1, 2], y: [3, 4] }], width: 500, height: 400 }] },
    loadChinchillaRuns: { args: () => [{ fallback: "synthetic", seed: 1, dropOutliers: 5 }] },
    log10TupleCount: { args: () => [{ kind: "unorderedDistinct", skills: 100, k: 3 }] },
    logChoose: { args: () => [10, 3], allow: /^$/ },
    logFactorial: { args: () => [10] },
    lossParityFigure: { args: () => [{ runs: runs(), laws: laws() }] },
    maxSeenTupleFraction: { args: () => [{ skills: 40, k: 3, kPrime: 2, texts: 100 }] },
    minUnseenCompetentFraction: { args: () => [{ skills: 40, k: 3, kPrime: 2, texts: 100, competentFraction: 0.1 }] },
    noIsolatedLimit: { args: () => [0] },
    noIsolatedPoisson: { args: () => [100, 0.05] },
    parseChinchillaCsv: { args: () => ["Model Size,Training FLOP,loss\n1e8,1e19,3.1\n"] },
    performanceCurve: { args: () => [{ theta: 0.1, k: 8, kPrime: 1, alphas: [0.1, 0.2] }] },
    performanceCurveFigure: { args: () => [{ curves: [{ name: "k", points: perf() }], overlays: [], showVacuous: false, logAlpha: true }] },
    plotlyFigure: { args: () => [{ title: "t", data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} }] },
    progress: { args: () => [{ label: "x", total: 10, intervalMs: 0, sink: () => undefined }] },
    randomFailureSet: { args: () => [{ texts: 20, theta: 0.3, rng: 1 }] },
    reducibleLoss: { args: () => [{ N: 1e9, D: 2e10, params: H() }] },
    reducibleLossRatio: { args: () => [{ N: 1e9, D: 2e10, params: H(), factor: 10 }] },
    sampleBinomial: { args: () => [{ n: 20, p: 0.3, rng: 1 }] },
    sampleGeometric: { args: () => [{ p: 0.3, rng: 1 }] },
    sampleIid: { args: () => [{ n: 10, k: 5, rng: 1 }] },
    sampleKSubset: { args: () => [{ n: 10, k: 5, rng: 1 }] },
    sampleMoments: { args: () => [[1, 2, 3]] },
    sampleTupleCoverage: { args: () => [{ skills: 8, k: 3, kPrime: 2, texts: 10, distinct: true, rng: 1 }] },
    scalingFitObjective: { args: () => [{ runs: runs(), params: H(), delta: 1e-3 }] },
    scalingGridStarts: { args: () => [{ alpha: [0.5], beta: [0.5], e: [0], a: [5], b: [5] }] },
    seenTuplesVariance: { args: () => [cover()] },
    show: { args: () => [fig(), { caption: "c" }] },
    showTable: { args: () => [[{ a: 1, b: 2 }], { digits: 3, caption: "c", maxRows: 10 }] },
    skillCompetence: { args: () => [graph(), [0, 3, 5]] },
    skillDegrees: { args: () => [graph()] },
    skillGraph: { args: () => [{ skills: 12, texts: 40, k: 3, rng: 1, distinct: true }] },
    skillMixBound: { args: () => [{ k: 5, ...skillMix }] },
    skillMixCurve: { args: () => [{ ks: [1, 2, 3], ...skillMix }] },
    skillMixFigure: { args: () => [{ points: L.skillMixCurve({ ks: [1, 2, 5, 6] }), showReported: true }] },
    skillMixSmallestK: { args: () => [{ threshold: 0.01, ...skillMix }] },
    slingshotCurve: { args: () => [{ k: 8, thetas: [0.05, 0.1], alpha: 0.1, level: 0.5 }] },
    syntheticChinchillaRuns: { args: () => [{ rng: 1, params: H(), runs: 10, noise: 0.02, computeRange: [6e18, 3e21], spreadDecades: 1 }] },
    theorem8Condition: { args: () => [{ theta: 0.1, k: 8, alpha: 0.2, beta: 2 }] },
    theorem8ConditionKl: { args: () => [{ theta: 0.1, k: 8, alpha: 0.2, beta: 2 }] },
    thetaComputeFactor: { args: () => [{ params: H(), compute: 1e21, ratio: 0.5 }] },
    thetaFromReducibleLoss: { args: () => [0.1, { factor: 2 }] },
    thetaPinskerBound: { args: () => [0.1, { margin: 0.3 }] },
    thetaScaleFactor: { args: () => [{ params: H(), N: 1e9, D: 2e10, ratio: 0.5 }] },
    thetaVsDeltaFigure: { args: () => [{ scenarios: [{ name: "s", points: cloze() }], showMarkov: true, overlays: [], logDelta: false }] },
    toExponentialBig: { args: () => [41417124750n, 2] },
    tokensForCompute: { args: () => [1e21, 1e9] },
    tokensPerParameterFigure: { args: () => [{ laws: laws(), C: [1e20, 1e24], points: 5 }] },
    tupleBoundExperiment: { args: () => [{ graph: graph(), theta: 0.05, kPrimes: [1, 2], alpha: 0.2, tuples: 20, rng: 1 }] },
    tupleCompetence: { args: () => [{ graph: graph(), failed: [0, 3], kPrime: 2, tuples: 10, piecesPerTuple: 3, rng: 1 }] },
    tupleCount: { args: () => [{ kind: "unorderedDistinct", skills: 100, k: 3 }] },
    tupleCountBig: { args: () => [{ kind: "unorderedDistinct", skills: 100, k: 3 }] },
    tupleCountCurve: { args: () => [{ skills: [100, 1000], kPrimes: [2, 3], kind: "unorderedDistinct" }] },
    tupleCountsFigure: { args: () => [{ points: L.tupleCountCurve({ skills: [100, 1000], kPrimes: [2, 3] }), corpora: [{ name: "c", size: 1e10 }] }] },
    tupleCoverProbability: { args: () => [{ skills: 40, k: 3, kPrime: 2, distinct: true }] },
    tupleCoverageCurve: { args: () => [{ skills: 1000, k: 5, kPrimes: [2, 3], texts: [1e4, 1e6], distinct: true }] },
    tupleCoverageFigure: { args: () => [{ points: L.tupleCoverageCurve({ skills: 1000, k: 5, kPrimes: [2, 3], texts: [1e4, 1e6] }), markTexts: 1e5 }] },
    worstFractionFailureRate: { args: () => [[0.1, 0.3, 0.2], 0.3] },
    // The figures' curve functions, grids and data frames.
    betaMinOfMeasure: { args: () => [{ theta: 0.1, k: 8, alpha: 0.2, by: "number", skillMeasure: zipf() }] },
    clozeTheoryCurve: { args: () => [{ deltas: [0, 0.1, 0.4], margin: 0.3 }] },
    computeOptimalCurve: { args: () => [{ params: H(), from: 1e20, to: 1e24, points: 5 }] },
    emergenceBoundCurve: { args: () => [{ theta: 0.1, k: 8, alphas: [0.1, 0.3] }] },
    giantFractionCurve: { args: () => [{ from: 0, to: 3, points: 5 }] },
    isoLossCurve: { args: () => [{ params: H(), loss: 2.5, N: [1e8, 1e11], D: [1e9, 1e13], points: 5 }] },
    measureBoundCurve: { args: () => [{ theta: 0.1, k: 8, alphas: [0.1, 0.3], skillMeasure: zipf() }] },
    noIsolatedLimitCurve: { args: () => [{ from: -2, to: 3, points: 5 }] },
    rarestSkillsMeasure: { args: () => [{ skillMeasure: zipf(), alpha: 0.3 }] },
    skillsByRank: { args: () => [{ skillMeasure: zipf(), degrees: [5, 3, 2, 1, 1, 0], edges: 12 }] },
    // Documented: ±Infinity in the input is kept as a cell (as in pandas); only the cells may hold it.
    toDataFrame: { args: () => [[{ N: 1e9, loss: 2.5 }, { N: 2e9, loss: 2.4 }], { columns: ["N", "loss"] }], allow: /^\.\$data(IncolumnFormat)?\[\d+\]\[\d+\]$/ },
    valueGrid: { args: () => [{ from: 1, to: 100, count: 5, log: true }] },
    zipfMeasure: { args: () => [{ n: 6, exponent: 1.1 }] },
  };
}
