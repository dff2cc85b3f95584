export * from "./manifest";
export * from "./bundles";
export * from "./deploy";
export * from "./ownership";
export * from "./wallet";
export * from "./profiles";
export * from "./credit";
export * from "./external-usda";
