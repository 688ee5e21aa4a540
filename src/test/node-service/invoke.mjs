// Runs a handler module on API Gateway events the way a Lambda runtime does, for the cold-start benchmark:
//
//   node invoke.mjs <handler module> <event.json> [<event.json>...]
//
// Loads the module (its top-level code is the function's init), then for each event awaits
// handler(event, context) and prints the proxy response as one JSON line. Before every event after the
// first it waits for a line on standard input, so the caller decides when the next invocation starts;
// after the last one it waits for standard input to close.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [modulePath, ...eventFiles] = process.argv.slice(2);
if (!modulePath || eventFiles.length === 0) {
  console.error('usage: node invoke.mjs <handler module> <event.json>...');
  process.exit(2);
}
const { handler } = await import(pathToFileURL(resolve(modulePath)).href);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (let i = 0; i < eventFiles.length; i++) {
  if (i > 0 && (await lines.next()).done) {
    break;
  }
  const event = JSON.parse(readFileSync(eventFiles[i], 'utf8'));
  const context = { awsRequestId: `invoke-${i + 1}`, functionName: 'category-list', getRemainingTimeInMillis: () => 30000 };
  console.log(JSON.stringify(await handler(event, context)));
}
for await (const _ of lines) {
  // wait until standard input closes, so that the caller can still read this process's CPU time
}
process.exit(0);
