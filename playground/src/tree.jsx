import { useMemo, useState } from 'react';
import { childCountOf, findTrees, isNode } from './tree-data.js';


const DEFAULT_EXPANDED_DEPTH = 2; // roots and their children start expanded

function TreeNode({ node, depth, keyPath, expanded, toggle }) {
  const children = Array.isArray(node.children) ? node.children.filter(isNode) : [];
  const count = childCountOf(node);
  const explicit = expanded[keyPath];
  const open = explicit === undefined ? depth < DEFAULT_EXPANDED_DEPTH : explicit;
  const inactive = node.isActive === false;
  return (
    <li
      className={'tree-node' + (inactive ? ' tree-node--inactive' : '')}
      data-testid="tree-node"
      data-expanded={children.length ? String(open) : undefined}
      data-inactive={inactive ? 'true' : undefined}
      role="treeitem"
      aria-expanded={children.length ? open : undefined}
    >
      <div className="tree-row" style={{ paddingLeft: `${depth * 14}px` }}>
        {children.length ? (
          <button
            type="button"
            className="tree-toggle"
            data-testid="tree-node-toggle"
            aria-label={(open ? 'Collapse ' : 'Expand ') + node.name}
            onClick={() => toggle(keyPath, !open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle tree-toggle--leaf" aria-hidden="true">•</span>
        )}
        <span className="tree-node-name" data-testid="tree-node-name" title={node.id ? `id: ${node.id}` : undefined}>
          {String(node.name)}
        </span>
        <span className="tree-node-count" data-testid="tree-node-count" title="child count">
          {count}
        </span>
        {inactive ? <span className="tree-node-badge">inactive</span> : null}
      </div>
      {open && children.length ? (
        <ul role="group">
          {children.map((child, i) => (
            <TreeNode
              key={child.id ?? i}
              node={child}
              depth={depth + 1}
              keyPath={`${keyPath}/${child.id ?? i}`}
              expanded={expanded}
              toggle={toggle}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function TreeView({ result }) {
  const trees = useMemo(() => (result ? findTrees(result) : []), [result]);
  const [expanded, setExpanded] = useState({});
  const [lastResult, setLastResult] = useState(result);
  if (lastResult !== result) {
    // a new result resets expansion to the defaults
    setLastResult(result);
    setExpanded({});
  }
  const toggle = (keyPath, open) => setExpanded((e) => ({ ...e, [keyPath]: open }));

  return (
    <section className="tree-view" data-testid="tree-view" aria-label="Tree view of the latest result">
      <header className="tree-view-header">Tree view</header>
      {trees.length === 0 ? (
        <p className="tree-view-empty" data-testid="tree-view-empty">
          {result
            ? 'The latest result holds no categories with children. Run WholeTree to see the tree.'
            : 'Run an operation; categories with children in the result are drawn here.'}
        </p>
      ) : (
        trees.map((tree) => (
          <div className="tree" key={tree.path}>
            <div className="tree-path">{tree.path}</div>
            <ul role="tree">
              {tree.roots.map((root, i) => (
                <TreeNode
                  key={root.id ?? i}
                  node={root}
                  depth={0}
                  keyPath={`${tree.path}/${root.id ?? i}`}
                  expanded={expanded}
                  toggle={toggle}
                />
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
