// A dashboard as relay-runtime 21 runs it, against a running gateway (GATEWAY_URL, default
// http://127.0.0.1:8080; end-to-end.sh starts the packaged jar's `serve`), with the artifacts relay-compiler
// writes from src/dashboard.js (`npm run compile`). Relay normalizes by id; the one setting it needs here is
// getDataID that maps the Query type to Relay's root record, so that a payload's `query { categoryTree { id } }`
// (the roots after the write) lands where the tree query reads its roots instead of under the mutation. Every
// mutation then updates the store from its payload alone (no refetch), and after every step the store's tree
// must equal what a fresh fetch returns; any difference fails. Also: @refetchable, @connection paging, and
// @appendNode and @deleteEdge on a listing in creation order. Each
// run works in its own fresh organization (dev tokens of `serve`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import relay from 'relay-runtime';
import TreeQuery from './__generated__/dashboardTreeQuery.graphql.js';
import CreateCategory from './__generated__/dashboardCreateCategoryMutation.graphql.js';
import RenameCategory from './__generated__/dashboardRenameCategoryMutation.graphql.js';
import MoveCategory from './__generated__/dashboardMoveCategoryMutation.graphql.js';
import DeleteCategory from './__generated__/dashboardDeleteCategoryMutation.graphql.js';
import RestoreCategory from './__generated__/dashboardRestoreCategoryMutation.graphql.js';
import InstantiateTemplate from './__generated__/dashboardInstantiateTemplateMutation.graphql.js';
import CategoryRefetch from './__generated__/dashboardCategoryRefetchQuery.graphql.js';
import PageQuery from './__generated__/dashboardPageQuery.graphql.js';
import AllQuery from './__generated__/dashboardAllQuery.graphql.js';
import ChildrenQuery from './__generated__/dashboardChildrenQuery.graphql.js';
import AppendChild from './__generated__/dashboardAppendChildMutation.graphql.js';
import DeleteEdge from './__generated__/dashboardDeleteEdgeMutation.graphql.js';

const { ConnectionHandler, Environment, Network, RecordSource, Store, ROOT_ID, commitMutation, createOperationDescriptor,
  fetchQuery, getRequest } = relay;

const base = (process.env.GATEWAY_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
const organization = `relay-${randomUUID()}`;
const token = await tokenFor(organization, 'editor');

async function tokenFor(org, role) {
  const response = await fetch(`${base}/dev/token?org=${encodeURIComponent(org)}&role=${role}`);
  assert.equal(response.status, 200, 'the dev identity provider of serve gives tokens');
  return (await response.json()).token;
}

/**
 * The setting the gateway's payloads need (docs/api.md, "Relay"): the Query object a payload returns in `query`
 * is the root record, as for Apollo's ROOT_QUERY. Everything else keeps Relay's default (the `id` field).
 */
function getDataID(fieldValue, typeName) {
  return typeName === 'Query' ? ROOT_ID : fieldValue.id;
}

/** A Relay environment of the organization `bearer` belongs to; `withSetting: false` leaves getDataID as Relay has it. */
function environment({ bearer = token, withSetting = true } = {}) {
  const network = Network.create(async (request, variables) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query: request.text, variables }),
    });
    assert.equal(response.status, 200, `${request.name}: HTTP ${response.status}`);
    return response.json();
  });
  return new Environment({ network, store: new Store(new RecordSource()), ...(withSetting ? { getDataID } : {}) });
}

/** What a fresh environment gets from the network for a query. */
async function fresh(query, variables = {}, bearer = token) {
  return fetchQuery(environment({ bearer }), query, variables, { fetchPolicy: 'network-only' }).toPromise();
}

function commit(env, mutation, variables) {
  return new Promise((resolve, reject) => commitMutation(env, { mutation, variables, onCompleted: resolve, onError: reject }));
}

const dashboard = environment();
const tree = createOperationDescriptor(getRequest(TreeQuery), {});
dashboard.retain(tree);
await fetchQuery(dashboard, TreeQuery, {}).toPromise();

function mutate(mutation, variables) {
  return new Promise((resolve, reject) => {
    commitMutation(dashboard, {
      mutation,
      variables,
      onCompleted: (data, errors) => {
        if (errors?.length) {
          reject(new Error(JSON.stringify(errors)));
          return;
        }
        const payload = Object.values(data)[0];
        assert.deepEqual(payload.userErrors, [], JSON.stringify(payload));
        resolve(payload);
      },
      onError: reject,
    });
  });
}

/** The tree as the dashboard's store holds it now: complete, and equal to a fresh fetch. */
async function storedTreeEqualsAFreshFetch(step) {
  const snapshot = dashboard.lookup(tree.fragment);
  assert.equal(snapshot.isMissingData, false, `${step}: the stored tree is complete`);
  assert.deepEqual(plain(snapshot.data), plain(await fresh(TreeQuery)), `${step}: the stored tree equals a fresh fetch`);
}

/** Relay's snapshots are frozen objects with the same fields; compare them as JSON data. */
function plain(data) {
  return JSON.parse(JSON.stringify(data));
}

const ids = {};

test('every mutation updates the stored tree from its payload alone, root-list changes included', async () => {
  ids.infrastructure = (await mutate(CreateCategory, { name: 'Infrastructure', parentId: null })).category.id;
  await storedTreeEqualsAFreshFetch('create a root');
  ids.compute = (await mutate(CreateCategory, { name: 'Compute', parentId: ids.infrastructure })).category.id;
  ids.ec2 = (await mutate(CreateCategory, { name: 'EC2', parentId: ids.compute })).category.id;
  ids.storage = (await mutate(CreateCategory, { name: 'Storage', parentId: ids.infrastructure })).category.id;
  ids.people = (await mutate(CreateCategory, { name: 'people', parentId: null })).category.id;
  await storedTreeEqualsAFreshFetch('create children and a second root');

  await mutate(RenameCategory, { id: ids.ec2, name: 'Amazon EC2' });
  await mutate(RenameCategory, { id: ids.people, name: 'Apps' });
  await storedTreeEqualsAFreshFetch('rename (the order among siblings and roots changes)');

  await mutate(MoveCategory, { id: ids.ec2, to: ids.storage });
  await storedTreeEqualsAFreshFetch('move under another parent');
  await mutate(MoveCategory, { id: ids.compute, to: null });
  await storedTreeEqualsAFreshFetch('move to the roots');
  await mutate(MoveCategory, { id: ids.people, to: ids.compute });
  await storedTreeEqualsAFreshFetch('move from the roots');

  const deleted = await mutate(DeleteCategory, { id: ids.infrastructure });
  assert.deepEqual(deleted.deletedCategories.map((c) => c.id), [ids.ec2, ids.storage, ids.infrastructure]);
  await storedTreeEqualsAFreshFetch('cascade delete of a root');

  const restored = await mutate(RestoreCategory, { id: ids.infrastructure });
  assert.deepEqual(restored.restoredCategories.map((c) => c.id), [ids.infrastructure, ids.storage, ids.ec2]);
  await storedTreeEqualsAFreshFetch('cascade restore of a root');

  await mutate(InstantiateTemplate, { templateId: 'tpl-cloud-baseline', parentId: ids.compute });
  await storedTreeEqualsAFreshFetch('instantiate a template under a category');
  await mutate(InstantiateTemplate, { templateId: 'tpl-team', parentId: null });
  await storedTreeEqualsAFreshFetch('instantiate a template as roots');
});

test('without the getDataID setting, a root created through a payload leaves the stored roots stale', async () => {
  const bearer = await tokenFor(`relay-default-${randomUUID()}`, 'editor');
  const relayAsItComes = environment({ bearer, withSetting: false });
  const operation = createOperationDescriptor(getRequest(TreeQuery), {});
  relayAsItComes.retain(operation);
  await fetchQuery(relayAsItComes, TreeQuery, {}).toPromise();
  await commit(relayAsItComes, CreateCategory, { name: 'Infrastructure', parentId: null });

  assert.deepEqual(plain(relayAsItComes.lookup(operation.fragment).data).categoryTree, [],
    'Relay keeps the payload\'s query under the mutation: this is why the setting is needed');
  assert.equal((await fresh(TreeQuery, {}, bearer)).categoryTree.length, 1);
});

test('@refetchable: refetching a category another client renamed updates it in the stored tree', async () => {
  await commit(environment(), RenameCategory, { id: ids.ec2, name: 'EC2 instances' });
  assert.notDeepEqual(plain(dashboard.lookup(tree.fragment).data), plain(await fresh(TreeQuery)), 'the store does not know yet');

  await fetchQuery(dashboard, CategoryRefetch, { id: ids.ec2 }).toPromise();

  await storedTreeEqualsAFreshFetch('refetch of the renamed category (the only child of its parent)');
});

test('@connection paging merges every page into one connection, in the order of a fresh listing', async () => {
  const paging = environment();
  const first = createOperationDescriptor(getRequest(PageQuery), { after: null });
  paging.retain(first);
  let page = await fetchQuery(paging, PageQuery, { after: null }).toPromise();
  let pages = 1;
  while (page.categories.pageInfo.hasNextPage) {
    page = await fetchQuery(paging, PageQuery, { after: page.categories.pageInfo.endCursor }).toPromise();
    pages += 1;
  }
  const merged = plain(paging.lookup(first.fragment).data).categories;
  const all = await fresh(AllQuery);

  assert.ok(pages > 2, 'more than two pages');
  const node = ({ id, name }) => ({ id, name });
  assert.deepEqual(merged.edges.map((e) => node(e.node)), all.categories.edges.map((e) => node(e.node)));
  assert.equal(merged.totalCount, all.categories.edges.length);
  assert.equal(merged.pageInfo.hasNextPage, false);
});

test('@appendNode and @deleteEdge keep a listing in creation order equal to a fresh fetch', async () => {
  const variables = { parentId: ids.storage };
  const listing = createOperationDescriptor(getRequest(ChildrenQuery), variables);
  dashboard.retain(listing);
  await fetchQuery(dashboard, ChildrenQuery, variables).toPromise();
  const connections = [ConnectionHandler.getConnectionID(ROOT_ID, 'dashboardChildren_categories',
    { filter: { parentId: ids.storage }, orderBy: 'CREATED_AT_ASC' })];
  const storedListing = async (step) => {
    const snapshot = dashboard.lookup(listing.fragment);
    assert.equal(snapshot.isMissingData, false, `${step}: the stored listing is complete`);
    const nodes = (data) => plain(data).categories.edges.map((e) => ({ id: e.node.id, name: e.node.name }));
    assert.deepEqual(nodes(snapshot.data), nodes(await fresh(ChildrenQuery, variables)), `${step}: the stored listing equals a fresh fetch`);
  };

  ids.glacier = (await mutate(AppendChild, { name: 'Glacier', parentId: ids.storage, connections })).category.id;
  await mutate(AppendChild, { name: 'Archive', parentId: ids.storage, connections });
  await storedListing('@appendNode of two children (the second sorts first by name, last by creation)');

  await mutate(DeleteEdge, { id: ids.glacier, connections });
  await storedListing('@deleteEdge of a deleted child');
});
