/** @tim3/web/react: the React side of the app shell (peer dependencies: react, @tanstack/react-query, next). */
export * from "./runtime";
export * from "./shell";
export * from "./header";
export * from "./amount-field";
export * from "./data-table";
