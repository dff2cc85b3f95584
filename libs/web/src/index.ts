/** @tim3/web: the browser-side pieces the TIM3 apps share (React pieces: "@tim3/web/react"). */
export * from "./amounts";
export * from "./config";
export * from "./document";
export * from "./format";
export * from "./health";
export * from "./wallet";
export * from "./time-axis";
