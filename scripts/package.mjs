// Builds the package an author pins: target/package/ holds the files (the
// iframe page, the element module and everything it imports, the stylesheet,
// all as the site ships them, minified, with their source maps; the built
// wasm, the built-in scenarios, the format's schema and guide, the
// published surface, the changelog and the licences), and `npm pack` turns
// it into target/session-playground-<version>.tgz. The layout mirrors the
// site, so a CDN that serves npm packages serves the element at
// …/session-playground@<version>/www/session-playground.js and the iframe
// page at …/session-playground@<version>/index.html.
//
// Run by `make package` after `make build` (it brings the site up to date
// itself); prints the tarball's path.

import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, SITE } from './build-site.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'target/package');

/**
 * The files of www/ the package ships, from the site as deployed (target/site/,
 * `make build`: the modules and stylesheets minified, each with its source
 * map): the modules, the stylesheets, the icon, the defence matrix's data and
 * the built wasm module with its glue. The words' and the recordings'
 * folders, www/text/ and www/recordings/, are copied whole beside them; the
 * example article is not shipped.
 */
async function wwwFiles() {
  const names = await readdir(join(SITE, 'www'));
  const own = names.filter((name) => /\.(js|css|svg|json|map)$/.test(name));
  const pkg = (await readdir(join(SITE, 'www/pkg'))).map((name) => `pkg/${name}`);
  return [...own, ...pkg];
}

export async function buildPackage() {
  await buildSite();
  await rm(OUT, { recursive: true, force: true });
  await mkdir(join(OUT, 'www/pkg'), { recursive: true });
  for (const file of await wwwFiles()) await cp(join(SITE, 'www', file), join(OUT, 'www', file));
  // The page's words, in every language (www/text/): the modules import them.
  await cp(join(SITE, 'www/text'), join(OUT, 'www/text'), { recursive: true });
  // The tours' recordings (www/recordings/), which the iframe page naming a tour opens on.
  await cp(join(SITE, 'www/recordings'), join(OUT, 'www/recordings'), { recursive: true });
  await cp(join(SITE, 'index.html'), join(OUT, 'index.html'));
  await cp(join(SITE, 'scenarios'), join(OUT, 'scenarios'), { recursive: true });
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
