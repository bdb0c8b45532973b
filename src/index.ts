/**
 * emergence-lab: the library behind the lesson pack on Arora & Goyal,
 * "A Theory for Emergence of Complex Skills in Language Models" (arXiv 2307.15936).
 *
 * This file is the whole public API, grouped by area; everything else is internal. The core areas
 * (random, graphs, scaling, theory, sim, combinatorics, math) and the lessons' self-checks (checks)
 * are pure; io/ reads the data files the lessons use (Node fs); only view/ knows tslab, plotly and
 * danfojs.
 *
 * Conventions: a function takes at most two positional arguments, each a required input; beyond
 * that it takes one options object (an interface named `<Function>Options`) that holds all inputs,
 * including the random stream `rng` of every random function. `log` is the natural logarithm
 * (`log10` says its base); `std` is a standard deviation, `stdErr` a standard error. Lesson
 * experiments (seeded Monte Carlo sweeps that return rows for a figure) are named `*Experiment` and
 * live in their area's experiments.ts; pure theory sweeps are `*Curve`; figure builders are `*Figure`.
 */

// Memory and work budgets of every call whose cost grows with an argument
export { setBudget, getBudget, BudgetError } from "./budget";
export type { Budget } from "./budget";

// Random streams and samplers
export { createRng } from "./random/rng";
export type { Rng, RngOrSeed } from "./random/rng";
export { sampleGeometric, sampleBinomial, sampleKSubset, sampleIid } from "./random/samplers";
export { sampleMoments } from "./random/moments";
export type { SampleMoments } from "./random/moments";
export { sampleAlias } from "./random/alias";
export { sampleCorrelation } from "./random/correlation";

// Random graphs: G(n, p), G(n, m), components, thresholds, the skill graph and measures on its skills
export { gnp } from "./graphs/gnp";
export { gnm } from "./graphs/gnm";
export { coinFlipGraph, coinGraphAt } from "./graphs/coinFlips";
export type { CoinFlipGraph } from "./graphs/coinFlips";
export type { Graph } from "./graphs/graph";
export { connectedComponents } from "./graphs/components";
export type { Components } from "./graphs/components";
export { expectedIsolated, isolatedThresholdP, noIsolatedLimit, noIsolatedPoisson, giantFraction, giantFractionStd, expectedIsolatedSkills } from "./graphs/thresholds";
export { noIsolatedLimitCurve, giantFractionCurve } from "./graphs/curves";
export type { NoIsolatedLimitPoint, GiantFractionPoint } from "./graphs/curves";
export { isolatedThresholdExperiment, giantComponentExperiment } from "./graphs/experiments";
export type { IsolatedThresholdResult, GiantComponentResult } from "./graphs/experiments";
export { skillGraph, skillDegrees } from "./graphs/skillGraph";
export type { SkillGraph } from "./graphs/skillGraph";
export { zipfMeasure, skillsByRank } from "./graphs/measures";
export type { MeasureSpec, RankedSkill } from "./graphs/measures";
export { lambertW0 } from "./math/lambertW";
export { valueGrid } from "./math/grid";

// Scaling laws: the Chinchilla law, its compute-optimal frontier, the Hoffmann fit, the runs
export { HOFFMANN_2022, BESIROGLU_2024, BESIROGLU_2024_STD_ERR, BESIROGLU_2024_REPLICATION } from "./scaling/law";
export { chinchillaLoss, reducibleLoss, reducibleLossRatio, computeOptimal, frontierLossExponent, isoLossTokens, isoLossParameters, tokensForCompute } from "./scaling/law";
export type { ScalingParams, ComputeOptimum } from "./scaling/law";
export { computeOptimalCurve, isoLossCurve } from "./scaling/curves";
export type { ComputeOptimalPoint } from "./scaling/curves";
export { fitScalingLaw, scalingGridStarts, HOFFMANN_GRID } from "./scaling/fit";
export type { ScalingFit } from "./scaling/fit";
export type { ScalingBootstrap } from "./scaling/bootstrap";
export { scalingFitObjective } from "./scaling/objective";
export type { ScalingRun } from "./scaling/objective";
export { parseChinchillaCsv, syntheticChinchillaRuns } from "./scaling/runs";
export type { ChinchillaRun } from "./scaling/runs";

// Theory: entropy and KL, Theorem 8 / 14, performance curves, loss to failures, emergence with scale,
// Theorem 8 for skills of unequal frequency
export { binaryEntropy, klBernoulli } from "./theory/entropy";
export { theorem8Condition, theorem8ConditionKl, betaMin } from "./theory/theorem8";
export type { BetaMinResult } from "./theory/theorem8";
export { performanceCurve, alphaGrid } from "./theory/performanceCurve";
export type { PerformancePoint, PerformanceRoot } from "./theory/performanceCurve";
export { slingshotCurve } from "./theory/slingshot";
export type { SlingshotPoint } from "./theory/slingshot";
export { thetaFromReducibleLoss, thetaPinskerBound, clozeThetaExponentialCertain, clozeTheoryCurve } from "./theory/cloze";
export type { ClozeTheoryPoint } from "./theory/cloze";
export { emergenceVsScale, thetaScaleFactor, thetaComputeFactor, emergenceCompute } from "./theory/emergence";
export type {
  EmergenceAtScale,
  TupleGuarantee,
  ThetaScaleFactor,
  EmergenceComputeResult,
} from "./theory/emergence";
export { rarestSkillsMeasure, betaMinOfMeasure, skillGuarantees, tupleGuaranteeOfMeasure, frequencyEmergenceCurve, frequencyEmergenceCompute } from "./theory/generalMeasure";
export type { RarestSkills, SkillGuarantees, TupleGuaranteeOfMeasure, MeasureTuple, FrequencyEmergencePoint, FrequencyEmergenceComputeResult } from "./theory/generalMeasure";

// Simulation: failure sets, competence, adversaries, k'-tuples, the finite-size bound, experiments;
// the same with measures on skills and text pieces
export { randomFailureSet } from "./sim/failures";
export { skillCompetence, fractionOfSkillsFailing, worstFractionFailureRate, failureRateSpread } from "./sim/competence";
export type { SkillCompetence, FailureRateSpread } from "./sim/competence";
export { adversarialFailureSet, adversaryLimitBeta } from "./sim/adversary";
export type { AdversarialFailureSet, AdversaryLimit } from "./sim/adversary";
export { kPieceFailureFraction, tupleCompetence } from "./sim/tuples";
export type { KPieceResult, TupleCompetenceResult } from "./sim/tuples";
export { finiteSizeBound, finiteSizeBetaMin } from "./sim/finiteSize";
export type { FiniteSizeBound, FiniteSizeBetaMin } from "./sim/finiteSize";
export { skillFailureRates, worstFailureRate, shareOfSkillsFailing, randomFailureSetOfMeasure } from "./sim/measures";
export type { CountBy, SkillFailureRates } from "./sim/measures";
export { adversarialFailureSetOfMeasure } from "./sim/measureAdversary";
export type { AdversarialFailureSetOfMeasure } from "./sim/measureAdversary";
export { finiteSizeBoundOfMeasure, finiteSizeBetaMinOfMeasure } from "./sim/finiteSizeMeasure";
export { emergenceBoundCurve, measureBoundCurve } from "./sim/curves";
export type { EmergenceBoundPoint, MeasureBoundPoint } from "./sim/curves";
export type { FiniteSizeOfMeasureBound, FiniteSizeBetaMinOfMeasure } from "./sim/finiteSizeMeasure";
export { emergenceBoundExperiment, finiteSizeExperiment, concentrationExperiment, tupleBoundExperiment, clozeFailureExperiment } from "./sim/experiments";
export { measureBoundExperiment, tupleFrequencyExperiment } from "./sim/experiments";
export type {
  EmergenceBoundRow,
  FiniteSizeRow,
  ConcentrationRow,
  TupleBoundRow,
  ClozeFailureRow,
  ClozeLossShape,
  MeasureBoundRow,
  SkillClass,
  TupleFrequencyRow,
} from "./sim/experiments";

// Combinatorics: counting k-tuples, occupancy, coverage of a corpus, the Skill-Mix bound
export { tupleCount, tupleCountBig, log10TupleCount, logFactorial, logChoose, toExponentialBig } from "./combinatorics/counts";
export type { TupleKind } from "./combinatorics/counts";
export { tupleCoverProbability, expectedSeenTupleFraction, expectedSeenTuples, seenTuplesVariance } from "./combinatorics/occupancy";
export { maxSeenTupleFraction, minUnseenCompetentFraction } from "./combinatorics/occupancy";
export { sampleTupleCoverage } from "./combinatorics/coverage";
export type { TupleCoverage } from "./combinatorics/coverage";
export { coverageExperiment } from "./combinatorics/experiments";
export type { CoverageRow } from "./combinatorics/experiments";
export { SKILL_MIX_REPORTED, skillMixBound, skillMixCurve, skillMixSmallestK, skillMixUnseenShare } from "./combinatorics/skillmix";
export type { SkillMixPoint } from "./combinatorics/skillmix";
export { tupleCountCurve, tupleCoverageCurve } from "./combinatorics/curves";
export type { TupleCountPoint, TupleCoveragePoint } from "./combinatorics/curves";

// Data files (Node I/O)
export { loadChinchillaRuns } from "./io/chinchilla";
export type { ChinchillaRuns } from "./io/chinchilla";

// View: figures, tables (and results as a danfojs DataFrame), progress in a notebook
export { lineFigure, plotlyFigure } from "./view/figure";
export type { Figure, Series, AxisSpec, Trace } from "./view/figure";
export { show, showTable, showMarkdown } from "./view/display";
export { toDataFrame } from "./view/dataframe";
export { formatNumber } from "./view/format";
export { progress } from "./view/progress";
export type { Progress } from "./view/progress";
export { coinFlipFigure, isolatedThresholdFigure, giantComponentFigure, criticalGiantFigure } from "./view/graphs";
export { lossParityFigure, isoLossContourFigure, computeFrontierFigure, tokensPerParameterFigure, bootstrapHistogramFigure } from "./view/scaling";
export type { NamedScalingLaw } from "./view/scaling";
export { performanceCurveFigure, emergenceVsScaleFigure, thetaVsDeltaFigure } from "./view/theory";
export type { PerformanceCurveSeries } from "./view/theory";
export { competenceHistogramFigure, concentrationFigure, emergenceBoundFigure, finiteSizeFigure, finiteSizeTermFigure } from "./view/sim";
export { tupleCountsFigure, tupleCoverageFigure, coverageExperimentFigure, skillMixFigure } from "./view/combinatorics";
export type { CorpusLine } from "./view/combinatorics";
export { skillMeasureFigure, measureBoundFigure, skillGuaranteeFigure, frequencyEmergenceFigure } from "./view/measures";

// Lesson checks: the self-check of each lesson's exercise (src/checks, one file per lesson). Each
// computes its reference value from the library and shows it only once the answer matches.
export { checkLesson00 } from "./checks/lesson00";
export { checkLesson01 } from "./checks/lesson01";
export { checkLesson02 } from "./checks/lesson02";
export type { Lesson02Answer } from "./checks/lesson02";
export { checkLesson03 } from "./checks/lesson03";
export type { Lesson03Answer } from "./checks/lesson03";
export { checkLesson04 } from "./checks/lesson04";
export { checkLesson05, LESSON05_EXERCISE } from "./checks/lesson05";
export { checkLesson06 } from "./checks/lesson06";
export { checkLesson07 } from "./checks/lesson07";
export { checkLesson08 } from "./checks/lesson08";
