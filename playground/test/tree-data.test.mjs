// Unit test of the tree detection used by the tree view (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childCountOf, findTrees } from '../src/tree-data.js';

test('findTrees finds arrays of nodes with name and children', () => {
  const result = {
    data: {
      categoryTree: [
        { id: '1', name: 'Infrastructure Costs', childCount: 7, children: [{ id: '2', name: 'Compute', children: [] }] },
        { id: '3', name: 'Personnel', children: null },
      ],
      other: { list: [{ name: 'no children key' }] },
      nested: { page: [{ node: { name: 'x', children: [] } }] },
    },
  };
  const trees = findTrees(result);
  assert.deepEqual(
    trees.map((t) => [t.path, t.roots.map((r) => r.name)]),
    [
      ['data.categoryTree', ['Infrastructure Costs', 'Personnel']],
    ],
  );
  assert.equal(childCountOf(trees[0].roots[0]), 7, 'childCount wins');
  assert.equal(childCountOf(trees[0].roots[0].children[0]), 0);
  assert.equal(childCountOf({ name: 'a', children: [{}, {}] }), 2, 'falls back to children.length');
});

test('findTrees ignores results without trees', () => {
  assert.deepEqual(findTrees({ data: { category: { name: 'x', ancestors: [{ id: '1', name: 'a' }] } } }), []);
  assert.deepEqual(findTrees({ errors: [{ message: 'no' }] }), []);
  assert.deepEqual(findTrees(null), []);
});
