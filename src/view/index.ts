export * from "./figure";
export * from "./display";
