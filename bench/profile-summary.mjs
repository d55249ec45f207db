// Where a CPU profile's time went: self time and inclusive time per function,
// the top N of each. For the profiles `PROFILE=… node bench/scale.mjs` writes.
//
//   node bench/profile-summary.mjs FILE.cpuprofile [N]
import fs from 'node:fs';

const [file, n = '40'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/profile-summary.mjs FILE.cpuprofile [N]');
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((x) => [x.id, x]));
const parent = new Map();
for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const name = (x) => `${x.callFrame.functionName || '(anonymous)'} ${x.callFrame.url ? x.callFrame.url.split('/').pop() : ''}`.trim();
// Sample counts → ms, using the time deltas.
const self = new Map();
const total = new Map();
let all = 0;
for (let i = 0; i < p.samples.length; i++) {
  const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
  let id = p.samples[i];
  const x = byId.get(id);
  if (x.callFrame.functionName === '(idle)') continue;
  all += dt;
  self.set(name(x), (self.get(name(x)) ?? 0) + dt);
  const seen = new Set();
  while (id !== undefined) {
    const k = name(byId.get(id));
    if (!seen.has(k)) { seen.add(k); total.set(k, (total.get(k) ?? 0) + dt); }
    id = parent.get(id);
  }
}
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, +n);
console.log(`${all.toFixed(0)} ms busy\n\nself time:`);
for (const [k, v] of top(self)) console.log(`${v.toFixed(1).padStart(9)} ms  ${(100 * v / all).toFixed(1).padStart(5)} %  ${k}`);
console.log('\ninclusive time:');
for (const [k, v] of top(total)) console.log(`${v.toFixed(1).padStart(9)} ms  ${(100 * v / all).toFixed(1).padStart(5)} %  ${k}`);
