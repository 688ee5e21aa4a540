// Code a dashboard writes against the generated types (target/codegen/gateway-types.ts): tsc fails on it when
// DateTime or JSON are typed `unknown` (or `any`), when createdAt is optional on one node type, or when an
// operation's result type is missing.
import type {
  BreadcrumbsQuery,
  DashboardChangesQuery,
  NodeDatesQuery,
  RenameWithMetadataMutationVariables,
  RestListTemplatesQuery,
  WholeTreeQuery,
} from '../../../target/codegen/gateway-types';

type IsExactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type JsonValue = { [key: string]: unknown } | unknown[] | string | number | boolean | null;
const expect = <T extends true>(value: T): T => value;

type GraphNode = NonNullable<NodeDatesQuery['node']>;
type CategoryNode = Extract<GraphNode, { __typename: 'Category' }>;
type TemplateNode = Extract<GraphNode, { __typename: 'Template' }>;

expect<IsExactly<CategoryNode['createdAt'], string>>(true);
expect<IsExactly<TemplateNode['createdAt'], string>>(true);
expect<IsExactly<TemplateNode['expiresAt'], string | null>>(true);
expect<IsExactly<CategoryNode['metadata'], JsonValue>>(true);
expect<IsExactly<RestListTemplatesQuery['templates']['edges'][number]['node']['createdAt'], string>>(true);

/** Both node types give a Date, whichever the id names. */
export function createdOf(node: GraphNode): Date {
  return new Date(node.createdAt);
}

export function budgetOf(node: CategoryNode): number | undefined {
  const metadata = node.metadata;
  return metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) && typeof metadata.budget === 'number'
    ? metadata.budget
    : undefined;
}

export const rename: RenameWithMetadataMutationVariables = { id: 'cat-1', name: 'Compute', metadata: { budget: 1200 } };

export function names(tree: WholeTreeQuery): string[] {
  return tree.categoryTree.flatMap((root) => [root.name, ...root.children.map((child) => child.name)]);
}

export function breadcrumb(result: BreadcrumbsQuery): string {
  return result.category?.ancestors.map((a) => a.name).join(' › ') ?? '';
}

export function lastSeen(changes: DashboardChangesQuery): number {
  return changes.categoryChanges.categories.reduce((max, c) => Math.max(max, c.version), 0);
}
