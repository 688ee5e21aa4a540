// Browser test of the GraphiQL playground: headless Chromium (Debian's `chromium`)
// driven by playwright-core against a running server.
//
//   PLAYGROUND_URL  page URL (default http://127.0.0.1:8080/playground)
//   SCREENSHOT_DIR  where playground.png goes (default target/, relative to the cwd)
//   CHROMIUM_PATH   Chromium executable (default /usr/bin/chromium)
//
// Run from the repo root: node --test playground/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const PLAYGROUND_URL = process.env.PLAYGROUND_URL || 'http://127.0.0.1:8080/playground';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || 'target';
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const STEP_MS = 15_000;

test('playground page: CSP header', { timeout: 10_000 }, async () => {
  const res = await fetch(PLAYGROUND_URL, { signal: AbortSignal.timeout(8_000) });
  assert.equal(res.status, 200, `GET ${PLAYGROUND_URL}`);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.ok(csp.includes("script-src 'self'"), `CSP of /playground lacks script-src 'self': "${csp}"`);
  assert.ok(!csp.includes('unsafe-eval'), `CSP must not allow unsafe-eval: "${csp}"`);
  const html = await res.text();
  assert.ok(!/<script(?![^>]*\ssrc=)[^>]*>/i.test(html), 'index.html must not hold inline scripts');
});

test('playground page: dev token, WholeTree, tree view, screenshot', { timeout: 60_000 }, async () => {
  const origin = new URL(PLAYGROUND_URL).origin;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: STEP_MS });
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith('data:') && new URL(url).origin !== origin) problems.push(`request to another origin: ${url}`);
    });
    page.on('requestfailed', (req) => problems.push(`failed request: ${req.url()} ${req.failure()?.errorText}`));
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });

    // 1. page loads; the picker (devTokens: true) fetches a dev token
    const tokenResponse = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/dev/token'));
    await page.goto(PLAYGROUND_URL, { waitUntil: 'load' });
    const tokenRes = await tokenResponse;
    assert.equal(tokenRes.status(), 200, 'dev/token status');
    const tokenUrl = new URL(tokenRes.url());
    assert.equal(tokenUrl.searchParams.get('org'), 'demo-org');
    assert.equal(tokenUrl.searchParams.get('role'), 'editor');
    const { token } = await tokenRes.json();
    assert.ok(token, 'dev/token answered a token');
    await page.locator('[data-testid="auth-status"][data-state="ready"]').waitFor();
    assert.equal(await page.locator('[data-testid="auth-org"]').inputValue(), 'demo-org');
    assert.equal(await page.locator('[data-testid="auth-role"]').inputValue(), 'editor');

    // 2. the WholeTree tab is selected; Run executes it with the token
    const queryEditor = page.locator('.graphiql-query-editor');
    await queryEditor.locator('.CodeMirror').waitFor();
    assert.match(await queryEditor.innerText(), /query WholeTree/);
    const graphqlRequest = page.waitForRequest((r) => {
      if (r.method() !== 'POST' || !new URL(r.url()).pathname.endsWith('/graphql')) return false;
      return (r.postData() ?? '').includes('categoryTree');
    });
    await page.locator('.graphiql-execute-button').click();
    const req = await graphqlRequest;
    assert.equal(req.headers()['authorization'], `Bearer ${token}`, 'GraphQL request carries the dev token');
    const res = await req.response();
    assert.equal(res.status(), 200, 'GraphQL status');

    // 3. the result pane shows the JSON
    const response = page.locator('.graphiql-response');
    await page.waitForFunction(
      () => (document.querySelector('.graphiql-response')?.innerText ?? '').includes('categoryTree'),
      null,
      { timeout: STEP_MS },
    );
    assert.match(await response.innerText(), /"categoryTree"/);

    // 4. the tree view shows the demo organization's nodes, two levels expanded
    const tree = page.locator('[data-testid="tree-view"]');
    const nameNode = (name) => tree.locator('[data-testid="tree-node-name"]', { hasText: new RegExp(`^${name}$`) });
    await nameNode('Infrastructure Costs').first().waitFor();
    await nameNode('Compute').first().waitFor();
    const names = await tree.locator('[data-testid="tree-node-name"]').allInnerTexts();
    assert.ok(names.includes('Infrastructure Costs'), `tree names: ${names.join(', ')}`);
    assert.ok(names.includes('Compute'), `tree names: ${names.join(', ')}`);

    // 5. collapse and expand a node
    const infra = tree.locator('[data-testid="tree-node"]', { has: page.locator(':scope > .tree-row [data-testid="tree-node-name"]', { hasText: /^Infrastructure Costs$/ }) }).first();
    const toggle = infra.locator(':scope > .tree-row [data-testid="tree-node-toggle"]');
    await toggle.click();
    await nameNode('Compute').first().waitFor({ state: 'detached' });
    assert.equal(await infra.getAttribute('data-expanded'), 'false');
    await toggle.click();
    await nameNode('Compute').first().waitFor();
    assert.equal(await infra.getAttribute('data-expanded'), 'true');

    // 6. screenshot as a test artifact
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, 'playground.png');
    await page.screenshot({ path: file });
    console.log(`screenshot: ${path.resolve(file)}`);

    assert.deepEqual(problems, [], 'no console errors and no failed or foreign requests');
  } finally {
    await browser.close();
  }
});
