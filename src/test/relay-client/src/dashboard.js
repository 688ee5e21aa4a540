// The dashboard's operations as relay-compiler reads them (`npm run compile` writes their artifacts to
// __generated__/, which suite.test.mjs imports; this file itself is never executed).
// The tree is selected without fragments so that the store's copy can be compared with a fresh fetch as plain
// data. Every mutation selects what the cached tree holds of each category it changes, and
// `query { categoryTree(maxDepth: 4) { id } }`: the roots after the write, which the environment's getDataID
// writes into the root record (see suite.test.mjs).
import { graphql } from 'relay-runtime';

graphql`
  query dashboardTreeQuery {
    categoryTree(maxDepth: 4) {
      id name parentId isActive childCount version
      children {
        id name parentId isActive childCount version
        children {
          id name parentId isActive childCount version
          children {
            id name parentId isActive childCount version
            children { id name parentId isActive childCount version }
          }
        }
      }
    }
  }
`;

graphql`
  mutation dashboardCreateCategoryMutation($name: String!, $parentId: ID) {
    createCategory(input: { name: $name, parentId: $parentId }) {
      category { id name parentId isActive childCount version children { id } }
      parent { id name parentId isActive childCount version children { id } }
      query { categoryTree(maxDepth: 4) { id } }
      userErrors { code message }
    }
  }
`;

graphql`
  mutation dashboardRenameCategoryMutation($id: ID!, $name: String!) {
    updateCategory(id: $id, input: { name: $name }) {
      category { id name parentId isActive childCount version children { id } }
      parent { id name parentId isActive childCount version children { id } }
      query { categoryTree(maxDepth: 4) { id } }
      userErrors { code message }
    }
  }
`;

graphql`
  mutation dashboardMoveCategoryMutation($id: ID!, $to: ID) {
    moveCategory(id: $id, newParentId: $to) {
      category { id name parentId isActive childCount version children { id } }
      parent { id name parentId isActive childCount version children { id } }
      previousParent { id name parentId isActive childCount version children { id } }
      query { categoryTree(maxDepth: 4) { id } }
      userErrors { code message }
    }
  }
`;

graphql`
  mutation dashboardDeleteCategoryMutation($id: ID!) {
    deleteCategory(id: $id, cascade: true) {
      category { id name parentId isActive childCount version children { id } }
      parent { id name parentId isActive childCount version children { id } }
      deletedCategories { id name parentId isActive childCount version children { id } }
      query { categoryTree(maxDepth: 4) { id } }
      userErrors { code message }
    }
  }
`;

graphql`
  mutation dashboardRestoreCategoryMutation($id: ID!) {
    restoreCategory(id: $id, cascade: true) {
      category { id name parentId isActive childCount version children { id } }
      parent { id name parentId isActive childCount version children { id } }
      restoredCategories { id name parentId isActive childCount version children { id } }
      query { categoryTree(maxDepth: 4) { id } }
      userErrors { code message }
    }
  }
`;

graphql`
  mutation dashboardInstantiateTemplateMutation($templateId: ID!, $parentId: ID) {
    instantiateTemplate(templateId: $templateId, version: 1, parentId: $parentId) {
      categories { id name parentId isActive childCount version children { id } }
      parent { id name parentId isActive childCount version children { id } }
      query { categoryTree(maxDepth: 4) { id } }
      userErrors { code message }
    }
  }
`;

// @refetchable: relay-compiler generates dashboardCategoryRefetchQuery, node(id:) { ...this fragment }.
graphql`
  fragment dashboard_category on Category @refetchable(queryName: "dashboardCategoryRefetchQuery") {
    id name parentId isActive childCount version
  }
`;

// @connection paging: every page fetched with `after` is merged into one connection record.
graphql`
  query dashboardPageQuery($after: String) {
    categories(first: 4, after: $after, filter: { includeInactive: true })
      @connection(key: "dashboardPage_categories", filters: ["filter"]) {
      totalCount
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

graphql`
  query dashboardAllQuery {
    categories(first: 100, filter: { includeInactive: true }) {
      totalCount
      edges { node { id name } }
    }
  }
`;

// A listing in creation order, where a created category belongs at the end (@appendNode) and a deleted one
// leaves (@deleteEdge): the connection is updated from the payload without refetching it.
graphql`
  query dashboardChildrenQuery($parentId: ID!) {
    categories(first: 100, filter: { parentId: $parentId }, orderBy: CREATED_AT_ASC)
      @connection(key: "dashboardChildren_categories", filters: ["filter", "orderBy"]) {
      edges { node { id name } }
    }
  }
`;

graphql`
  mutation dashboardAppendChildMutation($name: String!, $parentId: ID!, $connections: [ID!]!) {
    createCategory(input: { name: $name, parentId: $parentId }) {
      category @appendNode(connections: $connections, edgeTypeName: "CategoryEdge") { id name }
      userErrors { code message }
    }
  }
`;

graphql`
  mutation dashboardDeleteEdgeMutation($id: ID!, $connections: [ID!]!) {
    deleteCategory(id: $id, cascade: true) {
      deletedCategories { id @deleteEdge(connections: $connections) }
      userErrors { code message }
    }
  }
`;
