/**
 * Monte Carlo checks of the emergence theory (Arora & Goyal 2023, Theorems 8 and 14): competence of
 * skills and k'-tuples under random and adversarial failure sets, and the finite-size union bound.
 * Named re-exports only (helpers such as quickselect stay internal).
 */
export { randomFailureSet, toFailureMask, failureCount } from "./failures";
export type { RandomFailureSetOptions } from "./failures";
export { skillCompetence, fractionOfSkillsFailing, worstFractionFailureRate, failureRateSpread } from "./competence";
export type { SkillCompetence, FailureRateSpread } from "./competence";
export { adversarialFailureSet, adversaryLimitBeta, selectTopIndices } from "./adversary";
export type { AdversarialFailureSetOptions, AdversarialFailureSet } from "./adversary";
export { kPieceFailureFraction, tupleCompetence } from "./tuples";
export type { KPieceOptions, KPieceResult, TupleCompetenceOptions, TupleCompetenceResult } from "./tuples";
export { finiteSizeBound, finiteSizeBetaMin } from "./finiteSize";
export type { FiniteSizeParameters, FiniteSizeBound, FiniteSizeBetaMin } from "./finiteSize";
export { emergenceBoundCheck, finiteSizeSweep, concentrationSweep, slingshotRows, tupleBoundCheck } from "./experiments";
export type { BoundCheckRow, BoundCheckOptions, FiniteSizeRow, FiniteSizeSweepOptions, ConcentrationRow, SlingshotRow, TupleBoundRow } from "./experiments";
