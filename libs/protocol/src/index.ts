export * from "./actions";
export * from "./tags";
export * from "./quantity";
export * from "./units";
export * from "./address";
export * from "./message";
export * from "./process";
export * from "./token";
