/**
 * The demo sales team: two groups (华东销售组, 华南销售组) of ten, each led by a 销售经理
 * (sales_manager) with nine 销售代表 (sales_rep) reporting to them. All sign in with
 * `sales01@demo.relata.local` … `sales20@demo.relata.local` / `demo12345`. Pure.
 */
export const DEMO_PASSWORD = 'demo12345';
export const DEMO_EMAIL_DOMAIN = 'demo.relata.local';
export const DEMO_DEPARTMENTS = ['华东销售组', '华南销售组'] as const;

export interface DemoUser {
  /** Position in the roster (0-based); owners in generated customers refer to it. */
  index: number;
  email: string;
  name: string;
  role: 'sales_manager' | 'sales_rep';
  department: (typeof DEMO_DEPARTMENTS)[number];
  /** Roster index of the manager, or null for a manager. */
  managerIndex: number | null;
}

const NAMES = [
  '王磊', '李娜', '张伟', '刘洋', '陈静', '杨帆', '黄丽', '赵敏', '吴强', '周婷',
  '徐杰', '孙悦', '马超', '朱琳', '胡斌', '郭芳', '何涛', '林雪', '高峰', '罗欣',
];

export const DEMO_USERS: readonly DemoUser[] = NAMES.map((name, index) => {
  const group = index < 10 ? 0 : 1;
  const leader = group * 10;
  return {
    index,
    email: `sales${String(index + 1).padStart(2, '0')}@${DEMO_EMAIL_DOMAIN}`,
    name,
    role: index === leader ? 'sales_manager' : 'sales_rep',
    department: DEMO_DEPARTMENTS[group]!,
    managerIndex: index === leader ? null : leader,
  };
});

const TEAMMATES: readonly (readonly number[])[] = DEMO_USERS.map((user) =>
  DEMO_USERS.filter((other) => other.department === user.department && other.index !== user.index).map((other) => other.index),
);

/** Roster indexes of the same group as `index` (its possible team mates), excluding itself. */
export function teammatesOf(index: number): readonly number[] {
  return TEAMMATES[index] ?? [];
}
