// A tiny static file server for the end-to-end tests: serves the site as it
// is deployed, target/site/ (or another folder), on 127.0.0.1 (or another
// loopback address) at a free port, with the MIME types the page needs
// (application/wasm for streaming compilation) and any extra headers (CORS,
// a CSP). Serving the site, it first builds it if any source is newer
// (scripts/build-site.mjs; nothing to do takes milliseconds), so no test, size
// or benchmark reads a stale site. `mounts` serves a URL prefix from another
// folder (a test's own files beside the site).

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { buildSite, SITE } from '../../scripts/build-site.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Starts the server; resolves to { url, close }. `headers` go on every answer; `mounts` maps a URL prefix ('/tests/scenarios/') to a folder. */
export async function serve({ root = SITE, host = '127.0.0.1', headers = {}, mounts = {} } = {}) {
  if (root === SITE) await buildSite();
  const server = createServer(async (request, response) => {
    let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let base = root;
    const prefix = Object.keys(mounts).find((start) => path.startsWith(start));
    if (prefix !== undefined) [base, path] = [mounts[prefix], path.slice(prefix.length)];
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(base.endsWith(sep) ? base : base + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  return { url: `http://${host}:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}
