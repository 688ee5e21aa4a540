// GraphQL Code Generator with the config dashboards get (schema/codegen.yml), over every operation the gateway's
// own clients send (the trusted-documents manifest: REST routes, playground examples, trusted-documents/) and
// operations.graphql here; then tsc (strict) over the generated types and uses-types.ts, code that fails to
// type-check when DateTime or JSON come out `unknown` or createdAt differs between Category and Template.
// end-to-end.sh runs it after `npm ci`; by hand: node --test src/test/codegen/ (output in target/codegen/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const out = path.join(root, 'target/codegen');
const bin = (name) => path.join(here, 'node_modules/.bin', name);

function run(command, args, env = {}) {
  try {
    return execFileSync(command, args, { cwd: here, env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    assert.fail(`${path.basename(command)} ${args.join(' ')} failed:\n${error.stdout}\n${error.stderr}`);
  }
}

test('the types schema/codegen.yml generates for every operation of the gateway type-check with tsc', () => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'documents'), { recursive: true });
  run('node', [path.join(root, 'trusted-documents/build-manifest.mjs'), path.join(out, 'trusted-documents.json')]);
  const { operations } = JSON.parse(readFileSync(path.join(out, 'trusted-documents.json'), 'utf8'));
  operations.forEach((operation, index) => {
    writeFileSync(path.join(out, 'documents', `${String(index).padStart(2, '0')}-${operation.name.replace(/[^A-Za-z0-9.-]/g, '_')}.graphql`), operation.body);
  });
  copyFileSync(path.join(here, 'operations.graphql'), path.join(out, 'documents/operations.graphql'));

  run(bin('graphql-codegen'), ['--config', path.join(root, 'schema/codegen.yml')], {
    GATEWAY_SCHEMA: path.join(root, 'schema/schema.graphqls'),
    GATEWAY_DOCUMENTS: path.join(out, 'documents/*.graphql'),
    GATEWAY_TYPES: path.join(out, 'gateway-types.ts'),
  });
  const types = readFileSync(path.join(out, 'gateway-types.ts'), 'utf8');
  const names = [...operations.map((o) => o.body), readFileSync(path.join(here, 'operations.graphql'), 'utf8')]
    .flatMap((body) => [...body.matchAll(/\b(query|mutation)\s+([A-Za-z_]\w*)/g)].map((m) => `${m[2]}${m[1] === 'query' ? 'Query' : 'Mutation'}`));
  assert.ok(names.length >= operations.length + 2, `operation names found: ${names}`);
  for (const name of names) {
    assert.match(types, new RegExp(`export type ${name} = `), `the result type of ${name}`);
  }

  run(bin('tsc'), ['-p', path.join(here, 'tsconfig.json')]);
});
