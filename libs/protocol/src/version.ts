/**
 * Ordering bundle versions (the package version tools/lua-build stamps on a bundle's first line), in Node (tools/deploy's
 * plan) and in Lua (a process refusing to load an older bundle over a newer one).
 */

function numbers(release: string): number[] {
  const out: number[] = [];
  for (const part of release.split(".")) {
    const n = Number(part);
    out.push(n === n ? n : 0);
  }
  return out;
}

/** -1, 0, 1 for dotted numeric versions ("0.1.0" < "0.10.0"); a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [ma, pa] = a.split("-", 2);
  const [mb, pb] = b.split("-", 2);
  const xa = numbers(ma);
  const xb = numbers(mb);
  const length = xa.length > xb.length ? xa.length : xb.length;
  for (let i = 0; i < length; i++) {
    const d = (xa[i] ?? 0) - (xb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (pa === pb) return 0;
  if (pa === undefined) return 1;
  if (pb === undefined) return -1;
  return pa < pb ? -1 : 1;
}
