import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const DEFAULT_DATA_DIR = join(workspaceRoot, ".devnet");
