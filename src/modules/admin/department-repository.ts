import type { Sql } from '../../platform/db/index.js';
import type { DepartmentDto } from './department-schemas.js';

/** Serialises structural changes of the tree, so concurrent moves cannot close a cycle. */
const DEPARTMENT_TREE_LOCK = 727372011;

const SELECT_DEPARTMENT = 'SELECT id, name, parent_id AS "parentId", sort_order AS "sortOrder" FROM departments';

export async function listDepartments(sql: Sql): Promise<DepartmentDto[]> {
  return (await sql.query<DepartmentDto>(`${SELECT_DEPARTMENT} ORDER BY sort_order, id`)).rows;
}

export async function findDepartment(sql: Sql, id: number, lock = false): Promise<DepartmentDto | undefined> {
  return (await sql.query<DepartmentDto>(`${SELECT_DEPARTMENT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0];
}

/** Appends the department after its siblings. */
export async function insertDepartment(sql: Sql, name: string, parentId: number | null): Promise<DepartmentDto> {
  const inserted = await sql.query<DepartmentDto>(
    `INSERT INTO departments (name, parent_id, sort_order)
     VALUES ($1, $2, (SELECT coalesce(max(sort_order), 0) + 1 FROM departments WHERE parent_id IS NOT DISTINCT FROM $2))
     RETURNING id, name, parent_id AS "parentId", sort_order AS "sortOrder"`,
    [name, parentId],
  );
  return inserted.rows[0]!;
}

export async function updateDepartment(sql: Sql, id: number, name: string, parentId: number | null): Promise<DepartmentDto> {
  const updated = await sql.query<DepartmentDto>(
    `UPDATE departments SET name = $2, parent_id = $3 WHERE id = $1
     RETURNING id, name, parent_id AS "parentId", sort_order AS "sortOrder"`,
    [id, name, parentId],
  );
  return updated.rows[0]!;
}

export async function deleteDepartment(sql: Sql, id: number): Promise<void> {
  await sql.query('DELETE FROM departments WHERE id = $1', [id]);
}

/** Users (active or disabled) and sub-departments that keep a department from being deleted. */
export async function departmentUsage(sql: Sql, id: number): Promise<{ users: number; children: number }> {
  const row = await sql.query<{ users: number; children: number }>(
    `SELECT (SELECT count(*)::int FROM users WHERE department_id = $1) AS users,
            (SELECT count(*)::int FROM departments WHERE parent_id = $1) AS children`,
    [id],
  );
  return row.rows[0] ?? { users: 0, children: 0 };
}

export async function lockDepartmentTree(sql: Sql): Promise<void> {
  await sql.query('SELECT pg_advisory_xact_lock($1)', [DEPARTMENT_TREE_LOCK]);
}

/** Whether `id` is `parentId` or one of its ancestors (UNION stops on old cycles). */
export async function ancestryIncludes(sql: Sql, parentId: number, id: number): Promise<boolean> {
  const found = await sql.query(
    `WITH RECURSIVE chain AS (
       SELECT id, parent_id FROM departments WHERE id = $1
       UNION SELECT d.id, d.parent_id FROM departments d JOIN chain c ON d.id = c.parent_id)
     SELECT 1 FROM chain WHERE id = $2`,
    [parentId, id],
  );
  return (found.rowCount ?? 0) > 0;
}
