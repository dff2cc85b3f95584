export * from "./message";
export * from "./limit";
export * from "./core";
export { referenceNumber } from "./counted";
export * from "./dispatch";
export * from "./admin";
export * from "./misdirected";
export * from "./exposure";
export * from "./token";
