export * from "@tim3/local-ao";
export * from "./network";
export * from "./tim3";
export * from "./cache-server";
