// Bundles the playground into dist/: index.html, app.js, app.css (stable names, no hashes).
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await build({
  absWorkingDir: here,
  entryPoints: { app: 'src/main.jsx' },
  outdir: dist,
  entryNames: '[name]',
  assetNames: '[name]',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  jsx: 'automatic',
  legalComments: 'none',
  // GraphiQL's CSS inlines its fonts and images as data: URIs already; keep any
  // stray small asset inline too, so dist stays three files.
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  metafile: true,
});

await copyFile(path.join(here, 'src/index.html'), path.join(dist, 'index.html'));

const outputs = Object.entries(result.metafile.outputs)
  .map(([file, info]) => `${path.relative(here, path.resolve(here, file))} ${(info.bytes / 1024).toFixed(0)} KiB`);
console.log(['dist/index.html', ...outputs].join('\n'));
