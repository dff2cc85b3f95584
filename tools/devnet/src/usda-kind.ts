/** Which USDA stand-in a devnet deploys: the mock token, or the aos blueprint-like one. */
export type UsdaKind = "mock" | "blueprint";
