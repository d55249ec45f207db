// After `trunk build`: turns trunk's dist/ into what we ship (no dependencies).
//
//  1. Scopes the app stylesheet under `.ae-app` (a mechanical pass, so it can be
//     written plainly in assets/style.css): every selector is prefixed, `:root`,
//     `html` and `body` become the root, dark-scheme rules also answer a forced
//     theme, width media queries become container queries, and rem become a
//     root-relative custom unit, so host CSS and the app leave each other alone.
//  2. Moves trunk's inline `<script type="module">` loader into an external
//     `boot-<hash>.js` (CSP `script-src 'self'`), and makes every URL relative
//     (`./…`), so dist/ works under any path.
//  3. Prerenders the app (`cargo run --features prerender --bin prerender`)
//     into `<div id="app">`: the page reads without JavaScript, and the wasm
//     hydrates that markup.
//  4. Writes `embed.js` / `embed.css` (stable names for host pages),
//     `embed-example.html` (from examples/), and `explorer-offline.html`: one
//     self-contained file (CSS, JS, gzip+base64 wasm, icon inlined) that works
//     from file://.
//
// Usage: node scripts/postbuild.mjs [DIST]   (scripts/build.sh runs it)
// PRERENDER_HTML=file uses that file instead of running cargo.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(ROOT, process.argv[2] ?? 'dist');
const say = (m) => console.error(`postbuild: ${m}`);
const die = (m) => { console.error(`postbuild: ${m}`); process.exit(1); };
const read = (f) => fs.readFileSync(path.join(DIST, f), 'utf8');
const write = (f, s) => fs.writeFileSync(path.join(DIST, f), s);
const shortHash = (s) => crypto.createHash('sha256').update(s).digest('hex').slice(0, 16);
const sri = (s) => `sha384-${crypto.createHash('sha384').update(s).digest('base64')}`;

// ------------------------------------------------------------ 1. scoped CSS

export const ROOT_CLASS = '.ae-app';

/** Splits `a, b:is(c, d)` at top-level commas. */
function splitSelectors(s) {
  const out = [];
  let depth = 0, quote = null, cur = '';
  for (const ch of s) {
    if (quote) { if (ch === quote) quote = null; }
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** One selector under the root class (`extra` is added to the root, e.g. `:not(.ae-compact)`). */
function scopeSelector(sel, extra = '') {
  const root = ROOT_CLASS + extra;
  if (sel.startsWith(ROOT_CLASS)) return root + sel.slice(ROOT_CLASS.length);
  let m;
  if ((m = /^(:root|html|body)(?![\w-])(.*)$/s.exec(sel))) {
    // `html body x` or `body x`: the root stands for both.
    const rest = m[2].replace(/^\s+body(?![\w-])/, '');
    return root + rest;
  }
  if ((m = /^\.app(?![\w-])(.*)$/s.exec(sel))) return root + m[1];
  if (sel === '*') return `${root}, ${root} *`;
  return `${root} ${sel}`;
}

/** Parses CSS into a flat list of top-level items: {type:'rule', sel, body} | {type:'at', prelude, inner|body}. */
function parse(css) {
  const items = [];
  let i = 0;
  const n = css.length;
  const skipWs = () => { while (i < n) { if (/\s/.test(css[i])) i++; else if (css.startsWith('/*', i)) { const e = css.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; } else break; } };
  /** Reads up to the matching `}` of a block that starts after `{` at i; returns its text. */
  const block = () => {
    let depth = 1, quote = null, start = i;
    for (; i < n; i++) {
      const ch = css[i];
      if (quote) { if (ch === '\\') i++; else if (ch === quote) quote = null; continue; }
      if (css.startsWith('/*', i)) { const e = css.indexOf('*/', i + 2); i = (e < 0 ? n : e + 2) - 1; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) { const text = css.slice(start, i); i++; return text; }
    }
    return css.slice(start);
  };
  for (;;) {
    skipWs();
    if (i >= n) break;
    let j = i, quote = null;
    for (; j < n; j++) {
      const ch = css[j];
      if (quote) { if (ch === quote) quote = null; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{' || ch === ';') break;
    }
    const prelude = css.slice(i, j).replace(/\/\*[\s\S]*?\*\//g, '').trim();
    i = j + 1;
    if (css[j] === ';') { items.push({ type: 'stmt', text: prelude + ';' }); continue; }
    const body = block();
    if (prelude.startsWith('@')) {
      const nested = /^@(media|supports|container|layer|document)\b/.test(prelude);
      items.push(nested ? { type: 'at', prelude, inner: parse(body) } : { type: 'at', prelude, body });
    } else {
      items.push({ type: 'rule', sel: prelude, body: body.trim() });
    }
  }
  return items;
}

const remToVar = (body) => body.replace(/(-?(?:\d*\.)?\d+)rem\b/g, (_, x) => (x === '1' ? 'var(--ae-rem)' : `calc(${x} * var(--ae-rem))`));

/** Scoped CSS text for `items`; `extra` goes on the root part of every selector. */
function emit(items, extra = '', indent = '') {
  let out = '';
  for (const it of items) {
    if (it.type === 'stmt') { out += `${indent}${it.text}\n`; continue; }
    if (it.type === 'rule') {
      const sels = splitSelectors(it.sel).map((s) => scopeSelector(s, extra)).join(',\n' + indent);
      out += `${indent}${sels} {\n${indent}  ${remToVar(it.body).split('\n').map((l) => l.trim()).filter(Boolean).join(`\n${indent}  `)}\n${indent}}\n`;
      continue;
    }
    if (!it.inner) { out += `${indent}${it.prelude} {${it.body}}\n`; continue; }
    const p = it.prelude;
    const scheme = /^@media\s*\(\s*prefers-color-scheme:\s*(dark|light)\s*\)$/.exec(p);
    const width = /^@media\s*(.*\((?:min|max)-width:[^)]*\).*)$/.exec(p);
    if (scheme) {
      // The system's scheme unless the instance forces the other one; and the forced one everywhere.
      const other = scheme[1] === 'dark' ? 'light' : 'dark';
      out += `${indent}${p} {\n${emit(it.inner, `${extra}:not(.ae-theme-${other})`, indent + '  ')}${indent}}\n`;
      out += emit(it.inner, `${extra}.ae-theme-${scheme[1]}`, indent);
    } else if (width && !/prefers|print|hover|pointer|forced/.test(p)) {
      // The instance's own width, not the window's: a container query on the root
      // (em in a container query are the container's, i.e. the app's rem).
      const cond = width[1].replace(/(-?(?:\d*\.)?\d+)rem\b/g, '$1em').replace(/^(only\s+)?screen\s+and\s+/, '');
      const wide = /min-width/.test(cond) && !/max-width/.test(cond);
      const narrow = /max-width/.test(cond) && !/min-width/.test(cond);
      out += `${indent}@container ae ${cond} {\n${emit(it.inner, `${extra}${wide ? ':not(.ae-compact)' : ''}`, indent + '  ')}${indent}}\n`;
      // The compact layout is the narrow one at any width.
      if (narrow) out += emit(it.inner, `${extra}.ae-compact`, indent);
    } else {
      out += `${indent}${p} {\n${emit(it.inner, extra, indent + '  ')}${indent}}\n`;
    }
  }
  return out;
}

/** The whole scoped stylesheet: the root reset, then the app's rules under `.ae-app`. */
export function scopeCss(css) {
  const reset = `/* Scoped by scripts/postbuild.mjs from assets/style.css: every rule applies inside .ae-app only. */
/* The root: nothing inherited from the host page. */
${ROOT_CLASS} {
  all: initial;
  display: block;
  --ae-rem: 1rem;
  container: ae / inline-size;
  font-size: var(--ae-rem);
  line-height: 1.5;
  text-align: start;
}
/* Embedded: sizes do not follow the host's root font size. */
[data-article-explorer] > ${ROOT_CLASS} {
  --ae-rem: 16px;
}
${ROOT_CLASS}.ae-theme-light { color-scheme: light; }
${ROOT_CLASS}.ae-theme-dark { color-scheme: dark; }
/* Inside: every property back to the browser's defaults, whatever the host's element rules say
   (not in SVG, whose presentation attributes - x, fill, transform - are author-level styles too). */
${ROOT_CLASS} :where(*:not(svg, svg *)),
${ROOT_CLASS} :where(*:not(svg, svg *))::before,
${ROOT_CLASS} :where(*:not(svg, svg *))::after {
  all: revert;
}
/* In SVG only the text settings a host's element rules could set. */
${ROOT_CLASS} svg :where(text, tspan) {
  letter-spacing: normal;
  word-spacing: normal;
  text-transform: none;
  line-height: normal;
}
${ROOT_CLASS} svg tspan {
  font: inherit;
}
`;
  return reset + emit(parse(css));
}

/** Selectors in `css` (already scoped) that are not under the root class: should be none. */
export function unscoped(css) {
  const bad = [];
  const walk = (items) => {
    for (const it of items) {
      if (it.type === 'rule') for (const s of splitSelectors(it.sel)) if (!s.startsWith(ROOT_CLASS) && !s.startsWith('[data-article-explorer] > ' + ROOT_CLASS)) bad.push(s);
      if (it.inner) walk(it.inner);
    }
  };
  walk(parse(css));
  return bad;
}

// ------------------------------------------------------------ the build

function main() {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) die(`${DIST}/index.html is missing: run trunk build first`);
  let html = read('index.html');
  if (!html.includes('<div id="app"></div>')) die('index.html has no empty <div id="app"></div> (already post-processed? rebuild with trunk)');

  // Trunk's loader: the JS glue and the wasm it names.
  const loaderRe = /<script type="module">([\s\S]*?)<\/script>\s*/;
  const loader = loaderRe.exec(html);
  if (!loader) die('no inline <script type="module"> loader in index.html');
  const glue = /from\s+'\/?([^']+\.js)'/.exec(loader[1])?.[1];
  const wasm = /module_or_path:\s*'\/?([^']+\.wasm)'/.exec(loader[1])?.[1];
  if (!glue || !wasm) die(`cannot read the JS and wasm names from trunk's loader:\n${loader[1]}`);
  html = html.replace(loaderRe, '');

  // 1. Scoped CSS (its integrity attribute follows).
  const cssLink = /<link rel="stylesheet" href="\/?(style-[^"]+\.css)"([^>]*)>/.exec(html);
  if (!cssLink) die('no style-*.css stylesheet link in index.html');
  const cssFile = cssLink[1];
  const scoped = scopeCss(read(cssFile));
  const bad = unscoped(scoped);
  if (bad.length) die(`unscoped selectors after scoping: ${bad.join(' | ')}`);
  // Named after the scoped content (trunk's name hashes the source, not what we ship).
  fs.rmSync(path.join(DIST, cssFile));
  const scopedFile = `style-${shortHash(scoped)}.css`;
  write(scopedFile, scoped);
  html = html.replace(cssLink[0], cssLink[0].replace(cssFile, scopedFile).replace(/integrity="[^"]*"/, `integrity="${sri(scoped)}"`));
  write('embed.css', scoped);

  // 2. The external boot script (relative to itself, so it works from any page and path).
  const boot = `// Starts the article explorer: loads its wasm (beside this file) and mounts an explorer in
// #app and in every [data-article-explorer] element. Written by scripts/postbuild.mjs.
// The article is already on the page (prerendered): let it paint before the
// wasm is fetched and compiled, so the download never delays the first paint.
await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const { default: init, mountAll } = await import('./${glue}');

await init({ module_or_path: new URL('./${wasm}', import.meta.url) });
// For elements added later: articleExplorer.mount() mounts the ones not mounted yet.
window.articleExplorer = Object.freeze({ mount: mountAll });
`;
  const bootFile = `boot-${shortHash(boot)}.js`;
  for (const f of fs.readdirSync(DIST)) if (/^boot-[0-9a-f]+\.js$/.test(f)) fs.rmSync(path.join(DIST, f));
  write(bootFile, boot);
  write('embed.js', boot);
  html = html.replace('</head>', `  <script type="module" src="./${bootFile}"></script>\n  </head>`);
  // No preloads: they made the wasm a high-priority download racing the
  // prerendered article's first paint (Lighthouse: LCP 5 s on mobile).
  html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
  html = html.replace(/(href|src)="\/(?!\/)/g, '$1="./');
  // The icon inline (img-src allows data:): one request fewer, none left hanging at a reload.
  html = html.replace(/<link rel="icon" href="\.\/([^"]+\.svg)"[^>]*>/, (_, f) =>
    `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml;base64,${fs.readFileSync(path.join(DIST, f)).toString('base64')}">`);

  // 3. The prerendered app.
  const prerendered = process.env.PRERENDER_HTML
    ? fs.readFileSync(process.env.PRERENDER_HTML, 'utf8')
    : execFileSync('cargo', ['run', '--quiet', '--features', 'prerender', '--bin', 'prerender'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (!/<section /.test(prerendered)) die('the prerendered app has no <section>: did the prerender bin fail?');
  html = html.replace('<div id="app"></div>', () => `<div id="app">${prerendered}</div>`);
  write('index.html', html);
  say(`index.html: prerendered ${prerendered.length} bytes, loader in ${bootFile}, ${cssFile} scoped into ${scopedFile}`);

  // 4a. The embed example.
  const examples = path.join(ROOT, 'examples');
  if (fs.existsSync(path.join(examples, 'host.html'))) {
    write('embed-example.html', fs.readFileSync(path.join(examples, 'host.html'), 'utf8'));
    if (fs.existsSync(path.join(examples, 'host.css'))) write('embed-example.css', fs.readFileSync(path.join(examples, 'host.css'), 'utf8'));
  }

  // 4b. The offline file: everything inlined, the wasm as base64 of its gzip.
  let off = html;
  const inlineCss = (f) => read(f).replace(/<\/style/gi, '<\\/style');
  off = off.replace(/<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>/g, (_, f) => `<style>\n${inlineCss(f)}</style>`);
  off = off.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
  off = off.replace(/\s*<script type="module" src="[^"]*"><\/script>/, '');
  const gz = zlib.gzipSync(fs.readFileSync(path.join(DIST, wasm)), { level: 9 }).toString('base64');
  const glueJs = read(glue);
  if (!/__wbg_init as default|export default __wbg_init/.test(glueJs)) die(`${glue} does not export __wbg_init as its default (wasm-bindgen changed?)`);
  const offlineJs = `${glueJs}
// ---- the offline boot: the wasm below is gzip, base64 (scripts/postbuild.mjs)
const WASM_GZ_B64 = "${gz}";
{
  const gz = Uint8Array.from(atob(WASM_GZ_B64), (c) => c.charCodeAt(0));
  const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  await __wbg_init({ module_or_path: bytes });
  window.articleExplorer = Object.freeze({ mount: mountAll });
}
`.replace(/<\/script/gi, '<\\/script');
  off = off.replace('</body>', `<script type="module">\n${offlineJs}</script>\n</body>`);
  // From file:// the state lives in the fragment.
  off = off.replace('<div id="app">', '<div id="app" data-url="fragment">');
  off = off.replace(/<title>([^<]*)<\/title>/, '<title>$1 (offline)</title>');
  write('explorer-offline.html', off);
  say(`explorer-offline.html: ${(off.length / 1024).toFixed(0)} KB (wasm ${(gz.length / 1024).toFixed(0)} KB as base64 gzip)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
