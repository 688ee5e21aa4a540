// Runs every graphql-http server audit (GraphQL over HTTP compliance) against a running gateway.
// Usage: node audit.mjs <base-url>   (e.g. http://127.0.0.1:8080); GraphQL is at <base-url>/graphql.
// The bearer token comes from the local server's GET /dev/token?org=demo-org&role=editor and is added
// to every audit request. Prints one line per audit and a MUST/SHOULD/MAY summary; exits 1 when any
// MUST audit fails (SHOULD and MAY failures are reported, and documented in README, but do not fail).
import { serverAudits } from 'graphql-http';

const base = (process.argv[2] || process.env.GATEWAY_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');

const tokenResponse = await fetch(`${base}/dev/token?org=demo-org&role=editor`);
if (!tokenResponse.ok) {
  console.error(`could not get a dev token: HTTP ${tokenResponse.status}`);
  process.exit(2);
}
const { token } = await tokenResponse.json();

/** fetch with the bearer token added, whatever headers the audit sets. */
function fetchFn(input, init = {}) {
  const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const audits = serverAudits({ url: `${base}/graphql`, fetchFn });
const results = [];
for (const audit of audits) {
  results.push(await audit.fn());
}

const levels = ['MUST', 'SHOULD', 'MAY'];
const counts = Object.fromEntries(levels.map((level) => [level, { passed: 0, failed: 0 }]));
for (const result of results) {
  const level = result.name.split(' ')[0];
  const ok = result.status === 'ok';
  counts[level][ok ? 'passed' : 'failed'] += 1;
  const mark = ok ? 'pass' : 'FAIL';
  console.log(`${mark.padEnd(4)}  ${result.id}  ${result.name}${ok ? '' : `\n        -> ${result.reason}`}`);
}
console.log('');
console.log('level   passed  failed');
for (const level of levels) {
  console.log(`${level.padEnd(6)}  ${String(counts[level].passed).padStart(6)}  ${String(counts[level].failed).padStart(6)}`);
}
if (counts.MUST.failed > 0) {
  console.error(`\n${counts.MUST.failed} MUST audit(s) failed`);
  process.exit(1);
}
