// Builds antd tree data (TreeSelect, Tree) from flat parent-linked lists.
import type { Id } from '../api-types';

export interface TreeNode {
  /** The original id (number or string), so a picked value goes back to the API unchanged. */
  value: Id;
  key: string;
  title: string;
  children?: TreeNode[];
}

export function buildTree<T>(
  items: readonly T[],
  idOf: (item: T) => Id,
  parentOf: (item: T) => Id | null | undefined,
  titleOf: (item: T) => string,
): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const item of items) {
    const id = idOf(item);
    nodes.set(String(id), { value: id, key: String(id), title: titleOf(item) });
  }
  const roots: TreeNode[] = [];
  for (const item of items) {
    const node = nodes.get(String(idOf(item)))!;
    const parentId = parentOf(item);
    const parent = parentId === null || parentId === undefined ? undefined : nodes.get(String(parentId));
    if (!parent || parent === node) {
      roots.push(node);
      continue;
    }
    parent.children = [...(parent.children ?? []), node];
  }
  return roots;
}
