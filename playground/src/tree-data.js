// A node is an object with a `name` and a `children` key; a tree is an array of
// such nodes. findTrees walks a GraphQL result and returns each such array with
// the JSON path it sits at (not descending into trees it already found).
export const isNode = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && 'name' in v && 'children' in v;

export function findTrees(value, path = [], out = []) {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => v === null || isNode(v)) && value.some(isNode)) {
      out.push({ path: path.join('.'), roots: value.filter(isNode) });
      return out;
    }
    value.forEach((v, i) => findTrees(v, [...path, i], out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) findTrees(v, [...path, k], out);
  }
  return out;
}

export const childCountOf = (node) =>
  typeof node.childCount === 'number' ? node.childCount : Array.isArray(node.children) ? node.children.length : 0;

