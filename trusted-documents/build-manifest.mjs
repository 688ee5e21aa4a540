// Builds the trusted-documents manifest the jar carries (classpath /trusted-documents.json), in Apollo's
// persisted-query manifest format: { format, version, operations: [{ id, name, type, body }] }, id = the
// SHA-256 (hex) of body. It holds every document the gateway's own clients send:
//   1. the REST routes' fixed operations (src/main/resources/rest/*.graphql; a document that spreads
//      ...RestCategory gets the shared fragment appended after a line break, exactly as RestOperation does);
//   2. the playground's example tabs (playground/src/examples.js);
//   3. the dashboards' operations in trusted-documents/: *.graphql files (the file's text is one document) and
//      Apollo persisted-query manifests (*.json, e.g. from @apollo/generate-persisted-query-manifest).
// Run by Maven (process-resources); usage: node trusted-documents/build-manifest.mjs <output.json>
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const output = path.resolve(process.argv[2] ?? path.join(root, 'target/classes/trusted-documents.json'));

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const operations = new Map();

function add(name, body) {
  const id = sha256(body);
  if (operations.has(id)) return;
  const keyword = body.replace(/#[^\n]*/g, '').match(/\b(query|mutation|subscription)\b/);
  operations.set(id, { id, name, type: keyword ? keyword[1] : 'query', body });
}

// 1. REST routes
const restDir = path.join(root, 'src/main/resources/rest');
const fragment = await readFile(path.join(restDir, 'category-fields.graphql'), 'utf8');
for (const file of (await readdir(restDir)).filter((f) => f.endsWith('.graphql') && f !== 'category-fields.graphql').sort()) {
  const text = await readFile(path.join(restDir, file), 'utf8');
  const body = text.includes('...RestCategory') ? `${text}\n${fragment}` : text;
  add(`rest/${file}`, body);
}

// 2. playground examples
const { defaultTabs } = await import(pathToFileURL(path.join(root, 'playground/src/examples.js')).href);
defaultTabs.forEach((tab, index) => add(`playground/tab-${index + 1}`, tab.query));

// 3. dashboards
for (const file of (await readdir(here)).sort()) {
  const full = path.join(here, file);
  if (file.endsWith('.graphql')) {
    add(`trusted-documents/${file}`, await readFile(full, 'utf8'));
  } else if (file.endsWith('.json')) {
    const manifest = JSON.parse(await readFile(full, 'utf8'));
    if (manifest.format !== 'apollo-persisted-query-manifest') {
      throw new Error(`${file}: not an Apollo persisted-query manifest (format ${manifest.format})`);
    }
    for (const operation of manifest.operations ?? []) {
      if (sha256(operation.body) !== operation.id) {
        throw new Error(`${file}: operation ${operation.name} has id ${operation.id}, but its body hashes to ${sha256(operation.body)}`);
      }
      add(`trusted-documents/${file}#${operation.name}`, operation.body);
    }
  }
}

const manifest = {
  format: 'apollo-persisted-query-manifest',
  version: 1,
  operations: [...operations.values()].sort((a, b) => a.name.localeCompare(b.name)),
};
await mkdir(path.dirname(output), { recursive: true });
await writeFile(output, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`trusted documents: ${manifest.operations.length} operations -> ${path.relative(root, output)}`);
