// Builds antd tree data (TreeSelect, Tree) from flat parent-linked lists.
export interface TreeNode {
  value: string;
  key: string;
  title: string;
  children?: TreeNode[];
}

export function buildTree<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  parentOf: (item: T) => string | null | undefined,
  titleOf: (item: T) => string,
): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const item of items) nodes.set(idOf(item), { value: idOf(item), key: idOf(item), title: titleOf(item) });
  const roots: TreeNode[] = [];
  for (const item of items) {
    const node = nodes.get(idOf(item))!;
    const parentId = parentOf(item);
    const parent = parentId ? nodes.get(parentId) : undefined;
    if (parent && parent !== node) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
