/** Data files the lessons read (the only library layer that uses node:fs). */
export * from "./chinchilla";
