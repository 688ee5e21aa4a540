// A dashboard as urql with Graphcache runs it, against a running gateway (GATEWAY_URL, default
// http://127.0.0.1:8080; end-to-end.sh starts the packaged jar's `serve`): a normalized cache by
// __typename:id (the types without an id are embedded: `keys` below), relayPagination, and every mutation with
// the cache updated from its payload alone (no updaters, no refetch): Graphcache writes a payload's
// `query { categoryTree { id } }` into its root Query entity by itself. After every step the cached tree must
// equal what a fresh client fetches from the network; any difference fails. Each run works in its own fresh
// organization (dev tokens of `serve`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, fetchExchange, gql } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { relayPagination } from '@urql/exchange-graphcache/extras';

const base = (process.env.GATEWAY_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const organization = `urql-${randomUUID()}`;
const token = await tokenFor(organization, 'editor');

async function tokenFor(org, role) {
  const response = await fetch(`${base}/dev/token?org=${encodeURIComponent(org)}&role=${role}`);
  assert.equal(response.status, 200, 'the dev identity provider of serve gives tokens');
  return (await response.json()).token;
}

/** The gateway's types without an id: Graphcache keeps them inside their parent (key null). */
const EMBEDDED = ['PageInfo', 'CategoryConnection', 'CategoryEdge', 'CategoryChanges', 'TemplateConnection',
  'TemplateEdge', 'TemplateCategory', 'UserError', 'CreateCategoryPayload', 'UpdateCategoryPayload',
  'MoveCategoryPayload', 'DeleteCategoryPayload', 'RestoreCategoryPayload', 'InstantiateTemplatePayload',
  'SaveTemplatePayload'];

function client() {
  return new Client({
    url: `${base}/graphql`,
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
    preferGetMethod: false,
    exchanges: [
      cacheExchange({
        keys: Object.fromEntries(EMBEDDED.map((type) => [type, () => null])),
        resolvers: { Query: { categories: relayPagination() } },
      }),
      fetchExchange,
    ],
  });
}

async function run(urql, query, variables = {}, requestPolicy = 'cache-first') {
  const result = await urql.query(query, variables, { requestPolicy }).toPromise();
  assert.equal(result.error, undefined, String(result.error));
  return result.data;
}

/** What a fresh client gets from the network for a query. */
function fresh(query, variables = {}) {
  return run(client(), query, variables, 'network-only');
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
const NODE = `${TREE_FIELDS} children { id }`;
const ROOTS = 'query { categoryTree(maxDepth: 4) { id } }';

const dashboard = client();
await run(dashboard, TREE);

async function mutate(mutation, variables) {
  const result = await dashboard.mutation(gql(mutation), variables).toPromise();
  assert.equal(result.error, undefined, String(result.error));
  const payload = Object.values(result.data)[0];
  assert.deepEqual(payload.userErrors ?? [], [], JSON.stringify(payload));
  return payload;
}

async function cachedTreeEqualsAFreshFetch(step) {
  const cached = dashboard.readQuery(TREE, {});
  assert.ok(cached?.data, `${step}: the cached tree is complete`);
  assert.equal(cached.stale, false, `${step}: the cached tree is not stale`);
  assert.deepEqual(cached.data, await fresh(TREE), `${step}: the cached tree equals a fresh fetch`);
}

const ids = {};

test('every mutation updates the cached tree from its payload alone, root-list changes included', async () => {
  const create = `mutation($name: String!, $parentId: ID) { createCategory(input: { name: $name, parentId: $parentId }) {
      category { ${NODE} } parent { ${NODE} } ${ROOTS} userErrors { code message } } }`;
  const rename = `mutation($id: ID!, $name: String!) { updateCategory(id: $id, input: { name: $name }) {
      category { ${NODE} } parent { ${NODE} } ${ROOTS} userErrors { code message } } }`;
  const move = `mutation($id: ID!, $to: ID) { moveCategory(id: $id, newParentId: $to) {
      category { ${NODE} } parent { ${NODE} } previousParent { ${NODE} } ${ROOTS} userErrors { code message } } }`;

  ids.infrastructure = (await mutate(create, { name: 'Infrastructure' })).category.id;
  await cachedTreeEqualsAFreshFetch('create a root');
  ids.compute = (await mutate(create, { name: 'Compute', parentId: ids.infrastructure })).category.id;
  ids.ec2 = (await mutate(create, { name: 'EC2', parentId: ids.compute })).category.id;
  ids.storage = (await mutate(create, { name: 'Storage', parentId: ids.infrastructure })).category.id;
  ids.people = (await mutate(create, { name: 'people', parentId: null })).category.id;
  await cachedTreeEqualsAFreshFetch('create children and a second root');

  await mutate(rename, { id: ids.ec2, name: 'Amazon EC2' });
  await mutate(rename, { id: ids.people, name: 'Apps' });
  await cachedTreeEqualsAFreshFetch('rename (the order among siblings and roots changes)');

  await mutate(move, { id: ids.ec2, to: ids.storage });
  await cachedTreeEqualsAFreshFetch('move under another parent');
  await mutate(move, { id: ids.compute, to: null });
  await cachedTreeEqualsAFreshFetch('move to the roots');
  await mutate(move, { id: ids.people, to: ids.compute });
  await cachedTreeEqualsAFreshFetch('move from the roots');

  const deleted = await mutate(`mutation($id: ID!) { deleteCategory(id: $id, cascade: true) {
      category { ${NODE} } parent { ${NODE} } deletedCategories { ${NODE} } ${ROOTS} userErrors { code message } } }`,
  { id: ids.infrastructure });
  assert.deepEqual(deleted.deletedCategories.map((c) => c.id), [ids.ec2, ids.storage, ids.infrastructure]);
  await cachedTreeEqualsAFreshFetch('cascade delete of a root');

  const restored = await mutate(`mutation($id: ID!) { restoreCategory(id: $id, cascade: true) {
      category { ${NODE} } parent { ${NODE} } restoredCategories { ${NODE} } ${ROOTS} userErrors { code message } } }`,
  { id: ids.infrastructure });
  assert.deepEqual(restored.restoredCategories.map((c) => c.id), [ids.infrastructure, ids.storage, ids.ec2]);
  await cachedTreeEqualsAFreshFetch('cascade restore of a root');

  const instantiate = `mutation($templateId: ID!, $parentId: ID) { instantiateTemplate(templateId: $templateId, version: 1, parentId: $parentId) {
      categories { ${NODE} } parent { ${NODE} } ${ROOTS} userErrors { code message } } }`;
  await mutate(instantiate, { templateId: 'tpl-cloud-baseline', parentId: ids.compute });
  await cachedTreeEqualsAFreshFetch('instantiate a template under a category');
  await mutate(instantiate, { templateId: 'tpl-team', parentId: null });
  await cachedTreeEqualsAFreshFetch('instantiate a template as roots');
});

test('relayPagination walks every category once, in the order of a fresh listing', async () => {
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
  let page = await run(paging, PAGE, {});
  let pages = 1;
  while (page.categories.pageInfo.hasNextPage) {
    page = await run(paging, PAGE, { after: page.categories.pageInfo.endCursor });
    pages += 1;
  }
  const merged = paging.readQuery(PAGE, {}).data.categories;
  const all = await fresh(gql`{ categories(first: 100, filter: { includeInactive: true }) { totalCount edges { node { id name } } } }`);

  assert.ok(pages > 2, 'more than two pages');
  assert.deepEqual(merged.edges.map((e) => e.node), all.categories.edges.map((e) => e.node));
  assert.equal(merged.totalCount, all.categories.edges.length);
  assert.equal(merged.pageInfo.hasNextPage, false);
});
