// The same inputs through compromise (npm), the JavaScript peer: people,
// places and organisations, as MB of input per second (best of 5 rounds).
// Usage: node bench/compromise.mjs FILE...
import { readFileSync } from 'node:fs';
import nlp from 'compromise';

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  let best = Infinity, found = 0;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    const doc = nlp(text);
    found = doc.people().length + doc.places().length + doc.organizations().length;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  console.log(`${file.slice(-40).padEnd(40)} ${String(bytes).padStart(10)} compromise ${(bytes / best / 1e6).toFixed(3).padStart(8)} MB/s ${String(found).padStart(8)} mentions`);
}
