// Example operations preloaded as GraphiQL tabs. WholeTree is the first tab and is
// selected on a fresh load, so pressing Run (Ctrl/Cmd+Enter) executes it.
// Every example is validated against schema/schema.graphqls by test/examples.test.mjs.
// The ids in the variables are those of the local demo organization (demo-org), which are
// derived from the names and the same on every start; elsewhere, take ids from WholeTree.

const categoryFields = 'id name depth childCount isActive';

function nestedChildren(levels, indent) {
  const pad = '  '.repeat(indent);
  if (levels === 0) return '';
  return `\n${pad}children {\n${pad}  ${categoryFields}${nestedChildren(levels - 1, indent + 1)}\n${pad}}`;
}

export const wholeTree = `# Whole tree of your organization.
# Run it (Ctrl/Cmd+Enter); the tree
# view on the right draws the result.
query WholeTree {
  categoryTree(maxDepth: 5) {
    ${categoryFields}${nestedChildren(4, 2)}
  }
}
`;

export const breadcrumbs = `# Breadcrumbs of one node: its path and its ancestors from the root down.
query Breadcrumbs($id: ID!) {
  category(id: $id) {
    id
    name
    path
    depth
    ancestors {
      id
      name
    }
  }
}
`;

export const pageWithCursor = `# A page of categories; pass pageInfo.endCursor as $after for the next page.
query PageWithCursor($after: String) {
  categories(first: 10, after: $after, filter: { nameContains: "cost" }) {
    edges {
      cursor
      node {
        id
        name
        parent {
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

export const createCategory = `# Create a category under a parent (needs role editor or admin).
mutation CreateCategory($name: String!, $description: String, $parentId: ID, $metadata: JSON) {
  createCategory(input: { name: $name, description: $description, parentId: $parentId, metadata: $metadata }) {
    category {
      id
      name
      version
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

export const moveCategory = `# Move a category under a new parent. expectedVersion guards against lost updates.
mutation MoveCategory($id: ID!, $newParentId: ID, $expectedVersion: Int!) {
  moveCategory(id: $id, newParentId: $newParentId, expectedVersion: $expectedVersion) {
    category {
      id
      path
      version
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

export const deleteWithCascade = `# Delete a category and everything below it (soft delete: isActive becomes false).
mutation DeleteWithCascade($id: ID!) {
  deleteCategory(id: $id, cascade: true) {
    category {
      id
      isActive
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

export const instantiateTemplate = `# 1. Run Templates to pick a template and its version
# (each version is its own object: id is templateId@version).
query Templates {
  templates(first: 5) {
    edges {
      node {
        id
        templateId
        version
        name
        templateType
      }
    }
  }
}

# 2. Instantiate it under a parent category.
mutation InstantiateTemplate($templateId: ID!, $version: Int, $parentId: ID) {
  instantiateTemplate(templateId: $templateId, version: $version, parentId: $parentId) {
    categories {
      id
      name
    }
    userErrors {
      code
      field
      message
    }
  }
}
`;

const vars = (o) => JSON.stringify(o, null, 2);

// Ids of the demo organization's categories (see DemoData.idOf in the Java sources).
const DEMO = {
  s3Production: 'cat-3ab00512-1146-3bca-bab2-7c05e6aa6874',
  compute: 'cat-cd9ff3ad-e249-3a9f-9d7e-329519b57061',
  lambda: 'cat-d9c1e4f6-be63-3a5b-82c2-0327aac099e1',
  databases: 'cat-92069f21-c7fe-36f3-b108-dfdaeecb8415',
  training: 'cat-ea923fdd-66a6-3ea7-8a7c-cdca64acc416',
  personnel: 'cat-5b79862e-8910-32da-90fa-3c8ca62b1997',
};

export const defaultTabs = [
  { query: wholeTree },
  { query: breadcrumbs, variables: vars({ id: DEMO.s3Production }) },
  { query: pageWithCursor, variables: vars({ after: null }) },
  {
    query: createCategory,
    variables: vars({
      name: 'Playground example',
      description: 'Created from the GraphQL playground',
      parentId: DEMO.compute,
      metadata: { owner: 'playground' },
    }),
  },
  {
    query: moveCategory,
    variables: vars({ id: DEMO.lambda, newParentId: DEMO.databases, expectedVersion: 1 }),
  },
  { query: deleteWithCascade, variables: vars({ id: DEMO.training }) },
  {
    query: instantiateTemplate,
    variables: vars({ templateId: 'tpl-team', version: 1, parentId: DEMO.personnel }),
  },
];
