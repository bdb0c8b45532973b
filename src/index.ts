/**
 * emergence-lab: the helper library behind the lesson pack on Arora & Goyal,
 * "A Theory for Emergence of Complex Skills in Language Models" (arXiv 2307.15936).
 *
 * Public API: re-exports only. Core (random, graphs, scaling, theory, sim, combinatorics) is pure;
 * data/ reads the files the lessons use (Node fs); only view/ knows tslab, plotly and danfojs.
 */
export * from "./random";
export * from "./graphs";
export * from "./scaling";
export * from "./theory";
export * from "./sim";
export * from "./combinatorics";
export * from "./data";
export * from "./view";

// Skills and text pieces with a measure (lesson 08; general-measure reading of Theorem 8).
export { aliasTable, sampleAlias } from "./random/alias";
export type { AliasTable, SampleAliasOptions } from "./random/alias";
export { zipfMeasure } from "./graphs/measures";
export type { MeasureSpec, MeasureFamily } from "./graphs/measures";
export {
  skillFailureRates, worstFailureRate, shareOfSkillsFailing, randomFailureSetOfMeasure, failureSetMeasure,
} from "./sim/measures";
export type { CountBy, SkillFailureRates, RandomFailureSetOfMeasureOptions } from "./sim/measures";
export { adversarialFailureSetOfMeasure } from "./sim/measureAdversary";
export type { MeasureAdversaryOptions, MeasureAdversaryResult } from "./sim/measureAdversary";
export { finiteSizeBoundOfMeasure, finiteSizeBetaMinOfMeasure } from "./sim/finiteSizeMeasure";
export type { FiniteSizeOfMeasureParameters, FiniteSizeOfMeasureBound, FiniteSizeBetaMinOfMeasure } from "./sim/finiteSizeMeasure";
export { measureBoundCheck, tupleEmergenceByFrequency } from "./sim/measureExperiments";
export type { MeasureBoundRow, MeasureBoundCheckOptions, SkillClass, TupleFrequencyRow, TupleEmergenceByFrequencyOptions } from "./sim/measureExperiments";
export {
  rarestSkillsMeasure, betaMinOfMeasure, skillGuarantees, tupleGuaranteeOfMeasure, frequencyEmergenceVsScale, frequencyEmergenceCompute,
} from "./theory/generalMeasure";
export type { RarestSkills, BetaMinOfMeasureOptions, SkillGuarantees, MeasureTuple, FrequencyEmergenceRow } from "./theory/generalMeasure";
export { skillMeasureFigure, measureBoundFigure, skillGuaranteeFigure, frequencyEmergenceFigure } from "./view/measures";
export { checkLesson08, LESSON08_EXERCISE } from "./checks/lesson08";
