// Builds the package an author pins: target/package/ holds the files (the
// iframe page, the element module and everything it imports, the stylesheet,
// the built wasm, the built-in scenarios, the format's schema and guide, the
// published surface, the changelog and the licences), and `npm pack` turns
// it into target/session-playground-<version>.tgz. The layout mirrors the
// site, so a CDN that serves npm packages serves the element at
// …/session-playground@<version>/www/session-playground.js and the iframe
// page at …/session-playground@<version>/index.html.
//
// Run by `make package` after `make build`; prints the tarball's path.

import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'target/package');

/**
 * The files of www/ the package ships: the modules, the stylesheet, the icon,
 * the defence matrix's data and the two built wasm modules (the engine, and
 * the labs the iframe page fetches when the reader comes near them). The
 * words' folder, www/text/, is copied whole beside them.
 */
async function wwwFiles() {
  const names = await readdir(join(ROOT, 'www'));
  const own = names.filter((name) => /\.(js|css|svg|json)$/.test(name));
  const engine = ['pkg/session_playground.js', 'pkg/session_playground_bg.wasm', 'pkg/session_playground_labs.js', 'pkg/session_playground_labs_bg.wasm'];
  for (const file of engine) {
    if (!existsSync(join(ROOT, 'www', file))) throw new Error(`www/${file} is missing: run make build first`);
  }
  return [...own, ...engine];
}

export async function buildPackage() {
  await rm(OUT, { recursive: true, force: true });
  await mkdir(join(OUT, 'www/pkg'), { recursive: true });
  for (const file of await wwwFiles()) await cp(join(ROOT, 'www', file), join(OUT, 'www', file));
  // The page's words, in every language (www/text/): the modules import them.
  await cp(join(ROOT, 'www/text'), join(OUT, 'www/text'), { recursive: true });
  await cp(join(ROOT, 'index.html'), join(OUT, 'index.html'));
  await cp(join(ROOT, 'scenarios'), join(OUT, 'scenarios'), { recursive: true });
  await mkdir(join(OUT, 'docs'));
  for (const file of ['scenario.schema.json', 'scenario-format.md']) await cp(join(ROOT, 'docs', file), join(OUT, 'docs', file));
  for (const file of ['CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE']) await cp(join(ROOT, file), join(OUT, file));
  await cp(join(ROOT, 'package/README.md'), join(OUT, 'README.md'));
  await cp(join(ROOT, 'package/published.json'), join(OUT, 'published.json'));
  const manifest = JSON.parse(await readFile(join(ROOT, 'package/package.json'), 'utf8'));
  await writeFile(join(OUT, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', join(ROOT, 'target'), OUT], { encoding: 'utf8' }).trim();
  return { dir: OUT, tarball: join(ROOT, 'target', packed.split('\n').pop()), version: manifest.version };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { tarball } = await buildPackage();
  console.log(tarball);
}
