/**
 * emergence-lab: the library behind the lesson pack on Arora & Goyal,
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

// Lesson checks: the self-checks of the lessons' exercises (src/checks), one per lesson.
export {
  checkLesson00, checkLesson01, checkLesson02, checkLesson03, checkLesson04, checkLesson05, checkLesson06, checkLesson07,
  LESSON05_EXERCISE,
} from "./checks";
export type { Lesson02Answer, Lesson03Answer } from "./checks";
