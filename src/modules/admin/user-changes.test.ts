import { describe, expect, it } from 'vitest';
import { updateChanges } from './user-changes.js';
import type { UserDto } from './user-schemas.js';

const user: UserDto = {
  id: 7, email: 'a@b.cn', name: '张三', departmentId: 2, managerId: null, roleIds: [1, 3], status: 'active',
  locale: 'zh-CN', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', lastLoginAt: null,
};

describe('updateChanges', () => {
  it.each([
    ['nothing', {}, {}],
    ['same values', { name: '张三', departmentId: 2, managerId: null, roleIds: [3, 1, 3], status: 'active' as const }, {}],
    ['name', { name: '李四' }, { name: ['张三', '李四'] }],
    ['clearing the department', { departmentId: null }, { departmentId: [2, null] }],
    ['roles, sorted', { roleIds: [5, 1] }, { roleIds: [[1, 3], [1, 5]] }],
    ['password never in clear', { password: 'secret-pass' }, { password: '[changed]' }],
    ['status', { status: 'disabled' as const }, { status: ['active', 'disabled'] }],
  ])('%s', (_name, patch, expected) => {
    expect(updateChanges(user, patch)).toEqual(expected);
  });
});
