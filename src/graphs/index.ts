export * from "./types";
export * from "./skillGraph";
