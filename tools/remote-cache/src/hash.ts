/**
 * The hashes Nx sends. Nx 23 names a task's cache entry by the decimal xxh3-64 of its inputs (nrwl/nx
 * packages/nx/src/native/hasher.rs `hash`: `xxh3_64(content).to_string()`), so a real hash is 1–20 digits. We accept
 * 1–128 lowercase hex characters so that a future move to a hex digest keeps working, and nothing else: no `/`, `.`,
 * `%` or upper case, so a hash is always a safe file name and object key (no traversal, no case-folding collisions).
 */
const nxHashShape = /^[0-9a-f]{1,128}$/;

export function isNxHash(value: string): boolean {
  return nxHashShape.test(value);
}
