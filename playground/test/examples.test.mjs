// Every preloaded example must be a valid operation of the server's schema (schema/schema.graphqls),
// and its variables must fit the operation, so the playground's examples cannot drift from the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { buildSchema, parse, validate, getOperationAST } from 'graphql';
import { defaultTabs } from '../src/examples.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sdl = await readFile(path.join(here, '../../schema/schema.graphqls'), 'utf8');
const schema = buildSchema(sdl);

test('every example validates against the schema', () => {
  assert.ok(defaultTabs.length >= 7);
  for (const tab of defaultTabs) {
    const document = parse(tab.query);
    const errors = validate(schema, document);
    assert.deepEqual(errors.map((e) => e.message), [], tab.query.split('\n').find((l) => /^(query|mutation)/.test(l)));
  }
});

test('every example variable is declared by its operations', () => {
  for (const tab of defaultTabs) {
    if (!tab.variables) continue;
    const document = parse(tab.query);
    const declared = new Set(document.definitions.flatMap((d) => (d.variableDefinitions ?? []).map((v) => v.variable.name.value)));
    for (const name of Object.keys(JSON.parse(tab.variables))) {
      assert.ok(declared.has(name), `variable ${name} is not declared in ${getOperationAST(document)?.name?.value ?? 'the tab'}`);
    }
  }
});

// The build's trusted-documents manifest (target/classes/trusted-documents.json) holds every example exactly as
// the playground sends it, so the playground also works where only trusted documents run.
const manifestPath = path.join(here, '../../target/classes/trusted-documents.json');
test('every example is a trusted document', { skip: !existsSync(manifestPath) && 'no manifest built yet' }, async () => {
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  const ids = new Set(manifest.operations.map((operation) => operation.id));
  for (const tab of defaultTabs) {
    assert.ok(ids.has(createHash('sha256').update(tab.query, 'utf8').digest('hex')), tab.query.split('\n')[0]);
  }
});
