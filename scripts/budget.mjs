// Download budget: everything a first visit to dist/index.html loads (the
// HTML, and every script, stylesheet, wasm and icon it references, followed
// transitively through JS imports and wasm fetches trunk writes), gzip -9,
// must stay within the budget. Prints the breakdown; exits 1 when over.
// Usage: node scripts/budget.mjs [DIST] [--budget-kb 400]
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
const budgetAt = args.indexOf('--budget-kb');
const budgetKb = budgetAt >= 0 ? Number(args[budgetAt + 1]) : 400;

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`budget: ${dist}/index.html is missing: build it first with scripts/build.sh`);
  process.exit(2);
}

const seen = new Map();
function visit(rel) {
  const clean = normalize(rel.replace(/^\.?\//, '').split(/[?#]/)[0]);
  if (seen.has(clean) || !existsSync(join(dist, clean))) return;
  const bytes = readFileSync(join(dist, clean));
  seen.set(clean, { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  if (/\.(html|js|mjs|css)$/.test(clean)) {
    const text = bytes.toString('utf8');
    const refs = [
      ...text.matchAll(/(?:href|src)\s*=\s*["']([^"':]+)["']/g),
      ...text.matchAll(/(?:import|from)\s*\(?\s*["']([^"':]+)["']/g),
      ...text.matchAll(/new URL\(\s*["']([^"':]+)["']/g),
      ...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g),
    ].map((m) => m[1]);
    for (const r of refs) {
      if (r.startsWith('data:') || r.startsWith('#')) continue;
      visit(r.startsWith('/') ? r : join(dirname(clean), r));
    }
  }
}
visit('index.html');

let raw = 0, gz = 0;
console.log(`${'file'.padEnd(48)} ${'bytes'.padStart(9)} ${'gzip -9'.padStart(9)}`);
for (const [file, s] of [...seen].sort((a, b) => b[1].gz - a[1].gz)) {
  console.log(`${file.padEnd(48)} ${String(s.raw).padStart(9)} ${String(s.gz).padStart(9)}`);
  raw += s.raw; gz += s.gz;
}
const within = gz <= budgetKb * 1024;
console.log(`${'total (first visit)'.padEnd(48)} ${String(raw).padStart(9)} ${String(gz).padStart(9)}  = ${(gz / 1024).toFixed(1)} KB of ${budgetKb} KB: ${within ? 'within budget' : 'OVER BUDGET'}`);
process.exit(within ? 0 : 1);
