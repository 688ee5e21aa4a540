// A dashboard as Apollo Client 4 runs it, against a running gateway (GATEWAY_URL, default
// http://127.0.0.1:8080; end-to-end.sh starts the packaged jar's `serve`): a normalized cache by
// __typename:id, relayStylePagination, automatic persisted queries over GET (PersistedQueryLink), every
// mutation with the cache updated from its payload alone (no refetchQueries), batching (BatchHttpLink, with
// and without APQ), and delta sync. After every step the cached result must equal what a fresh client fetches
// from the network; any difference fails.
// Each run works in its own fresh organization (dev tokens of `serve`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';

const base = (process.env.GATEWAY_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const organization = `apollo-${randomUUID()}`;
const token = await tokenFor(organization, 'editor');

async function tokenFor(org, role) {
  const response = await fetch(`${base}/dev/token?org=${encodeURIComponent(org)}&role=${role}`);
  assert.equal(response.status, 200, 'the dev identity provider of serve gives tokens');
  return (await response.json()).token;
}

/** Every HTTP exchange of the suite: method, status, whether it carried query text, and the operations it sent. */
const exchanges = [];

async function recordingFetch(url, init) {
  const response = await fetch(url, init);
  const body = init.body ? JSON.parse(init.body) : null;
  exchanges.push({
    method: init.method,
    status: response.status,
    url: String(url),
    hasQuery: String(init.body ?? url).includes('query'),
    operations: Array.isArray(body) ? body.length : 1,
    texts: (Array.isArray(body) ? body : [body]).map((operation) => operation?.query !== undefined),
  });
  return response;
}

function client({ persisted = false, batched = false } = {}) {
  const options = { uri: `${base}/graphql`, headers: { authorization: `Bearer ${token}` }, fetch: recordingFetch };
  const http = batched ? new BatchHttpLink({ ...options, batchMax: 10, batchInterval: 20 }) : new HttpLink(options);
  const link = persisted
    ? ApolloLink.from([new PersistedQueryLink({ sha256: (text) => createHash('sha256').update(text).digest('hex'),
      useGETForHashedQueries: !batched }), http])
    : http;
  return new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { categories: relayStylePagination(['filter', 'orderBy']) } } },
    }),
  });
}

/** What a fresh client gets from the network for a query. */
async function fresh(query, variables = {}) {
  const { data } = await client().query({ query, variables, fetchPolicy: 'network-only' });
  return data;
}

const TREE_FIELDS = 'id name parentId isActive childCount version';
const TREE = gql`
  query Tree {
    categoryTree(maxDepth: 4) {
      ${TREE_FIELDS}
      children { ${TREE_FIELDS} children { ${TREE_FIELDS} children { ${TREE_FIELDS} children { ${TREE_FIELDS} } } } }
    }
  }
`;
// Every category a mutation changes comes back with the fields the cached tree holds, its children included.
const NODE = `${TREE_FIELDS} children { id }`;
const ROOTS = 'query { categoryTree(maxDepth: 4) { id } }';

const dashboard = client();
await dashboard.query({ query: TREE });

async function mutate(mutation, variables) {
  const { data } = await dashboard.mutate({ mutation: gql(mutation), variables });
  const payload = Object.values(data)[0];
  assert.deepEqual(payload.userErrors ?? [], [], JSON.stringify(payload));
  return payload;
}

async function cachedTreeEqualsAFreshFetch(step) {
  const cached = dashboard.readQuery({ query: TREE });
  assert.ok(cached, `${step}: the cached tree is complete`);
  assert.deepEqual(cached, await fresh(TREE), `${step}: the cached tree equals a fresh fetch`);
}

const ids = {};

test('every mutation updates the cached tree from its payload alone', async () => {
  const create = `mutation($name: String!, $parentId: ID) { createCategory(input: { name: $name, parentId: $parentId }) {
      category { ${NODE} } parent { ${NODE} } ${ROOTS} userErrors { code message } } }`;
  ids.infrastructure = (await mutate(create, { name: 'Infrastructure' })).category.id;
  await cachedTreeEqualsAFreshFetch('create a root');
  ids.compute = (await mutate(create, { name: 'Compute', parentId: ids.infrastructure })).category.id;
  ids.ec2 = (await mutate(create, { name: 'EC2', parentId: ids.compute })).category.id;
  ids.storage = (await mutate(create, { name: 'Storage', parentId: ids.infrastructure })).category.id;
  ids.people = (await mutate(create, { name: 'people', parentId: null })).category.id;
  await cachedTreeEqualsAFreshFetch('create children');

  await mutate(`mutation($id: ID!) { updateCategory(id: $id, input: { name: "Amazon EC2" }) {
      category { ${NODE} } parent { ${NODE} } ${ROOTS} userErrors { code message } } }`, { id: ids.ec2 });
  await mutate(`mutation($id: ID!) { updateCategory(id: $id, input: { name: "Apps" }) {
      category { ${NODE} } parent { ${NODE} } ${ROOTS} userErrors { code message } } }`, { id: ids.people });
  await cachedTreeEqualsAFreshFetch('rename (the order among siblings and roots changes)');

  await mutate(`mutation($id: ID!, $to: ID) { moveCategory(id: $id, newParentId: $to) {
      category { ${NODE} } parent { ${NODE} } previousParent { ${NODE} } ${ROOTS} userErrors { code message } } }`,
  { id: ids.ec2, to: ids.storage });
  await cachedTreeEqualsAFreshFetch('move under another parent');
  await mutate(`mutation($id: ID!, $to: ID) { moveCategory(id: $id, newParentId: $to) {
      category { ${NODE} } parent { ${NODE} } previousParent { ${NODE} } ${ROOTS} userErrors { code message } } }`,
  { id: ids.compute, to: null });
  await cachedTreeEqualsAFreshFetch('move to the roots');

  const deleted = await mutate(`mutation($id: ID!) { deleteCategory(id: $id, cascade: true) {
      category { ${NODE} } parent { ${NODE} } deletedCategories { ${NODE} } ${ROOTS} userErrors { code message } } }`,
  { id: ids.infrastructure });
  assert.deepEqual(deleted.deletedCategories.map((c) => c.id), [ids.ec2, ids.storage, ids.infrastructure]);
  await cachedTreeEqualsAFreshFetch('cascade delete');

  const restored = await mutate(`mutation($id: ID!) { restoreCategory(id: $id, cascade: true) {
      category { ${NODE} } parent { ${NODE} } restoredCategories { ${NODE} } ${ROOTS} userErrors { code message } } }`,
  { id: ids.infrastructure });
  assert.deepEqual(restored.restoredCategories.map((c) => c.id), [ids.infrastructure, ids.storage, ids.ec2]);
  await cachedTreeEqualsAFreshFetch('cascade restore');

  await mutate(`mutation($parentId: ID) { instantiateTemplate(templateId: "tpl-cloud-baseline", version: 1, parentId: $parentId) {
      categories { ${NODE} } parent { ${NODE} } ${ROOTS} userErrors { code message } } }`, { parentId: ids.compute });
  await cachedTreeEqualsAFreshFetch('instantiate a template');
});

test('relayStylePagination walks every category once, in the order of a fresh listing', async () => {
  const PAGE = gql`
    query Page($after: String) {
      categories(first: 4, after: $after, filter: { includeInactive: true }) {
        totalCount
        edges { cursor node { id name } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  `;
  const paging = client();
  let { data } = await paging.query({ query: PAGE });
  while (data.categories.pageInfo.hasNextPage) {
    ({ data } = await paging.query({ query: PAGE, variables: { after: data.categories.pageInfo.endCursor }, fetchPolicy: 'network-only' }));
  }
  const merged = paging.readQuery({ query: PAGE });
  const all = await fresh(gql`{ categories(first: 100, filter: { includeInactive: true }) { totalCount edges { node { id name } } } }`);

  assert.deepEqual(merged.categories.edges.map((e) => e.node), all.categories.edges.map((e) => e.node));
  assert.equal(merged.categories.totalCount, all.categories.edges.length);
  assert.ok(all.categories.edges.length > 8, 'more than two pages');
});

test('automatic persisted queries: the first GET registers through one POST, then GETs by hash', async () => {
  const BREADCRUMB = gql`query Breadcrumb($id: ID!) { node(id: $id) { id ... on Category { name path ancestors { id name } } } }`;
  exchanges.length = 0;
  const first = await client({ persisted: true }).query({ query: BREADCRUMB, variables: { id: ids.ec2 } });
  const registering = exchanges.splice(0);
  const second = await client({ persisted: true }).query({ query: BREADCRUMB, variables: { id: ids.ec2 } });
  const byHash = exchanges.splice(0);

  assert.deepEqual(registering.map((e) => `${e.method} ${e.status}`), ['GET 404', 'POST 200'], 'unknown hash, then the query once');
  assert.deepEqual(byHash.map((e) => `${e.method} ${e.status}`), ['GET 200'], 'afterwards the hash alone');
  assert.ok(!byHash[0].url.includes('query='), 'the GET carries no query text');
  assert.deepEqual(second.data, first.data);
  assert.deepEqual(first.data, await fresh(BREADCRUMB, { id: ids.ec2 }));
});

test('BatchHttpLink: queries made together go as one POST of an array, answered in order', async () => {
  const BREADCRUMB = gql`query BatchBreadcrumb($id: ID!) { node(id: $id) { id ... on Category { name path } } }`;
  const PAGE = gql`query BatchPage { categories(first: 5) { edges { node { id name } } } }`;
  exchanges.length = 0;
  const batching = client({ batched: true });
  const results = await Promise.all([
    batching.query({ query: TREE, fetchPolicy: 'network-only' }),
    batching.query({ query: BREADCRUMB, variables: { id: ids.ec2 } }),
    batching.query({ query: PAGE }),
  ]);
  const sent = exchanges.splice(0);

  assert.deepEqual(sent.map((e) => `${e.method} ${e.status} ${e.operations}`), ['POST 200 3'], 'one request for three queries');
  assert.deepEqual(results[0].data, await fresh(TREE));
  assert.deepEqual(results[1].data, await fresh(BREADCRUMB, { id: ids.ec2 }));
  assert.deepEqual(results[2].data, await fresh(PAGE));
});

test('BatchHttpLink with automatic persisted queries: unknown hashes are retried with their text, then sent alone', async () => {
  const ROOT_NAMES = gql`query BatchRootNames { categoryTree(maxDepth: 0) { id name } }`;
  const CHILDREN = gql`query BatchChildren($id: ID!) { category(id: $id) { id children { id name } } }`;
  exchanges.length = 0;
  const registeringClient = client({ batched: true, persisted: true });
  const first = await Promise.all([
    registeringClient.query({ query: ROOT_NAMES }),
    registeringClient.query({ query: CHILDREN, variables: { id: ids.infrastructure } }),
  ]);
  const registering = exchanges.splice(0);
  const persisted = client({ batched: true, persisted: true });
  const second = await Promise.all([
    persisted.query({ query: ROOT_NAMES }),
    persisted.query({ query: CHILDREN, variables: { id: ids.infrastructure } }),
  ]);
  const byHash = exchanges.splice(0);

  assert.ok(registering.every((e) => e.method === 'POST' && e.status === 200), JSON.stringify(registering));
  assert.ok(registering.some((e) => e.texts.every((hasText) => !hasText)), 'first the hashes alone');
  assert.ok(registering.some((e) => e.texts.every((hasText) => hasText)), 'then the texts, once');
  assert.deepEqual(byHash.map((e) => `${e.method} ${e.status} ${e.operations}`), ['POST 200 2'], 'afterwards one batch of hashes');
  assert.deepEqual(byHash[0].texts, [false, false], 'no query text');
  assert.deepEqual(second.map((r) => r.data), first.map((r) => r.data));
  assert.deepEqual(second[0].data, await fresh(ROOT_NAMES));
  assert.deepEqual(second[1].data, await fresh(CHILDREN, { id: ids.infrastructure }));
});

test('delta sync with writers at work ends in exactly the fresh tree', async () => {
  const CHANGES = gql`query Changes($since: String) {
    categoryChanges(since: $since, first: 10) { categories { ${TREE_FIELDS} } syncToken hasMore } }`;
  const sync = client();
  const copy = new Map();
  let since = null;
  async function poll() {
    let more = true;
    while (more) {
      const { data } = await sync.query({ query: CHANGES, variables: { since }, fetchPolicy: 'no-cache' });
      data.categoryChanges.categories.forEach((c) => copy.set(c.id, c));
      since = data.categoryChanges.syncToken;
      more = data.categoryChanges.hasMore;
    }
  }
  await poll();
  const writer = client();
  const writes = (async () => {
    for (let i = 0; i < 6; i += 1) {
      await writer.mutate({ mutation: gql`mutation($n: String!, $p: ID) { createCategory(input: { name: $n, parentId: $p }) { category { id } } }`,
        variables: { n: `Sync ${i}`, p: i % 2 ? ids.storage : null } });
      await writer.mutate({ mutation: gql`mutation($id: ID!, $n: String) { updateCategory(id: $id, input: { name: $n }) { category { id } } }`,
        variables: { id: ids.ec2, n: `EC2 v${i}` } });
    }
    await writer.mutate({ mutation: gql`mutation($id: ID!) { deleteCategory(id: $id, cascade: true) { category { id } } }`, variables: { id: ids.compute } });
  })();
  const polls = (async () => {
    for (let i = 0; i < 4; i += 1) await poll();
  })();
  await Promise.all([writes, polls]);
  await poll();

  assert.deepEqual(treeOf(copy), await freshTree());
  assert.equal(copy.get(ids.compute).isActive, false, 'a deleted category stays, inactive');
});

/** The active categories of a sync copy as categoryTree nests them: name order ignoring case, ties by id. */
function treeOf(copy) {
  const key = (name) => name.trim().normalize('NFC').toLowerCase();
  const utf8 = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  const byParent = new Map();
  for (const c of copy.values()) {
    if (!c.isActive) continue;
    const list = byParent.get(c.parentId ?? null) ?? [];
    list.push(c);
    byParent.set(c.parentId ?? null, list);
  }
  const nodes = (parentId) => (byParent.get(parentId) ?? [])
    .sort((a, b) => utf8(key(a.name), key(b.name)) || utf8(a.id, b.id))
    .map((c) => ({ id: c.id, name: c.name, version: c.version, children: nodes(c.id) }));
  return nodes(null);
}

async function freshTree() {
  const data = await fresh(TREE);
  const strip = (list) => list.map((c) => ({ id: c.id, name: c.name, version: c.version, children: strip(c.children ?? []) }));
  return strip(data.categoryTree);
}
