// A tiny static file server for end-to-end tests: no dependencies, binds
// 127.0.0.1 on an ephemeral port (or a given one), serves `dir` with correct
// MIME types, optional extra response headers, and 404 for missing files.
//
//   import { serve } from './server.mjs';
//   const { url, close } = await serve('dist', { headers: { 'Content-Security-Policy': "default-src 'self'" } });
//
// Manual use: node tests/e2e/server.mjs dist 8080
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
};

/**
 * Serves `dir` on 127.0.0.1.
 * @param {string} dir directory to serve
 * @param {{headers?: Record<string,string>, port?: number, log?: boolean, delay?: number}} [opts]
 *   `delay`: milliseconds every answer waits (a slow network, for benchmarks).
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>, requests: string[]}>}
 *   `url` ends without a slash, e.g. `http://127.0.0.1:41234`; `requests` logs "METHOD path status".
 */
export function serve(dir, { headers = {}, port = 0, log = false, delay = 0 } = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer((req, res) => {
    const done = (status, body, type, extra = {}) => {
      requests.push(`${req.method} ${req.url} ${status}`);
      if (log) console.log(`${req.method} ${req.url} ${status}`);
      const send = () => {
        res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (delay > 0) setTimeout(send, delay);
      else send();
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return done(405, 'method not allowed\n', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return done(400, 'bad request\n', 'text/plain; charset=utf-8');
    }
    if (pathname.includes('\0')) return done(400, 'bad request\n', 'text/plain; charset=utf-8');
    let file = path.resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      return done(404, 'not found\n', 'text/plain; charset=utf-8');
    }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        file = path.join(file, 'index.html');
        try {
          st = fs.statSync(file);
        } catch {
          return done(404, 'not found\n', 'text/plain; charset=utf-8');
        }
      } else if (err) {
        return done(404, 'not found\n', 'text/plain; charset=utf-8');
      }
      if (!st.isFile()) return done(404, 'not found\n', 'text/plain; charset=utf-8');
      fs.readFile(file, (err2, body) => {
        if (err2) return done(404, 'not found\n', 'text/plain; charset=utf-8');
        const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
        done(200, body, type, { 'Content-Length': body.length, 'X-Content-Type-Options': 'nosniff' });
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({
        url: `http://127.0.0.1:${p}`,
        port: p,
        requests,
        close: () =>
          new Promise((res) => {
            server.closeAllConnections?.();
            server.close(() => res());
          }),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 8080);
  if (!fs.existsSync(dir)) {
    console.error(`server: ${dir} does not exist`);
    process.exit(1);
  }
  const { url } = await serve(dir, { port, log: true });
  console.log(`serving ${path.resolve(dir)} at ${url}/`);
}
