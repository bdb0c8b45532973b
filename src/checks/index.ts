/**
 * Lesson checks: the self-check behind each lesson's exercise. Each computes its reference value from
 * the library and returns a verdict; it shows the value only once the answer matches it. Above the
 * core: it uses core areas, and nothing uses it but the notebooks.
 */
export { checkLesson00 } from "./lesson00";
export { checkLesson01 } from "./lesson01";
export { checkLesson02, type Lesson02Answer } from "./lesson02";
export { checkLesson03, type Lesson03Answer } from "./lesson03";
export { checkLesson04 } from "./lesson04";
export { checkLesson05, LESSON05_EXERCISE } from "./lesson05";
export { checkLesson06 } from "./lesson06";
export { checkLesson07 } from "./lesson07";
