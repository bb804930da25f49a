/** Every error code the API can answer with, its HTTP status and its wording in both languages. */
export const errorCatalogue = {
  'request.invalid': { status: 400, zh: '请求参数无效：{reason}', en: 'Invalid request: {reason}' },
  'request.malformed_json': { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.unknown_property': { status: 400, zh: '不允许的属性：{field}', en: 'Property not allowed: {field}' },
  'request.too_large': { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  'request.unsupported_media_type': {
    status: 415,
    zh: '不支持的内容类型',
    en: 'Unsupported content type',
  },
  'request.not_found': { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  'request.rate_limited': { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests, retry later' },
  'request.idempotency_conflict': {
    status: 409,
    zh: '相同的幂等键正在处理中',
    en: 'A request with this Idempotency-Key is still in progress',
  },
  'request.idempotency_mismatch': {
    status: 422,
    zh: '幂等键已用于不同的请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  'auth.required': { status: 401, zh: '请先登录', en: 'Authentication required' },
  'auth.invalid_credentials': { status: 401, zh: '邮箱或密码错误', en: 'Wrong email or password' },
  'auth.token_invalid': { status: 401, zh: '登录已失效，请重新登录', en: 'The token is invalid or expired' },
  'auth.user_disabled': { status: 401, zh: '账号已停用', en: 'This account is disabled' },
  'permission.denied': { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  'permission.field_read_only': { status: 403, zh: '字段不可编辑：{field}', en: 'Field is read-only: {field}' },
  'permission.field_masked': {
    status: 403,
    zh: '该字段仅可查看脱敏值',
    en: 'You may only see the masked value of this field',
  },
  'record.not_found': { status: 404, zh: '记录不存在', en: 'Record not found' },
  'field.unknown': { status: 400, zh: '未知字段：{field}', en: 'Unknown field: {field}' },
  'field.not_writable': { status: 400, zh: '字段不可写：{field}', en: 'Field is not writable: {field}' },
  'field.required': { status: 400, zh: '必填字段：{field}', en: 'Required field: {field}' },
  'field.invalid_value': { status: 400, zh: '字段值无效：{field}（{reason}）', en: 'Invalid value for {field}: {reason}' },
  'field.not_filterable': { status: 400, zh: '字段不可筛选：{field}', en: 'Field cannot be filtered: {field}' },
  'field.not_sortable': { status: 400, zh: '字段不可排序：{field}', en: 'Field cannot be sorted: {field}' },
  'field.invalid_operator': {
    status: 400,
    zh: '字段 {field} 不支持运算符 {op}',
    en: 'Operator {op} is not supported for {field}',
  },
  'custom_field.key_taken': { status: 409, zh: '字段标识已存在：{key}', en: 'Field key already exists: {key}' },
  'custom_field.not_found': { status: 404, zh: '自定义字段不存在', en: 'Custom field not found' },
  'custom_field.type_change': { status: 400, zh: '字段类型不可修改', en: 'A field type cannot be changed' },
  'user.email_taken': { status: 409, zh: '邮箱已被使用', en: 'This email is already in use' },
  'user.not_found': { status: 404, zh: '用户不存在', en: 'User not found' },
  'user.manager_cycle': { status: 400, zh: '上级设置形成循环', en: 'The manager chain would form a cycle' },
  'user.cannot_disable_self': { status: 409, zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  'user.cannot_remove_own_admin': {
    status: 409,
    zh: '不能移除自己的管理员角色',
    en: 'You cannot remove your own administrator role',
  },
  'department.not_found': { status: 404, zh: '部门不存在', en: 'Department not found' },
  'department.not_empty': {
    status: 409,
    zh: '部门下仍有成员或子部门',
    en: 'The department still has users or sub-departments',
  },
  'department.cycle': { status: 400, zh: '上级部门设置形成循环', en: 'The parent chain would form a cycle' },
  'role.not_found': { status: 404, zh: '角色不存在', en: 'Role not found' },
  'role.in_use': { status: 409, zh: '角色仍被用户或 API 密钥使用', en: 'The role is still used by users or API keys' },
  'role.system': { status: 409, zh: '系统角色不可修改', en: 'A system role cannot be changed' },
  'role.unknown_object': { status: 400, zh: '未知对象：{object}', en: 'Unknown object: {object}' },
  'role.unknown_field': { status: 400, zh: '对象 {object} 没有字段 {key}', en: 'Object {object} has no field {key}' },
  'role.duplicate_grant': { status: 400, zh: '权限重复：{key}', en: 'Duplicate grant: {key}' },
  'api_key.not_found': { status: 404, zh: 'API 密钥不存在', en: 'API key not found' },
  'merge.not_undoable': { status: 409, zh: '无法撤销此次合并：{reason}', en: 'This merge cannot be undone: {reason}' },
  'segment.invalid_rule': { status: 400, zh: '分群规则无效：{path}（{reason}）', en: 'Invalid segment rule at {path}: {reason}' },
  'segment.not_found': { status: 404, zh: '分群不存在', en: 'Segment not found' },
  'segment.in_use': { status: 409, zh: '该分群被其他分群引用：{segments}', en: 'Other segments refer to this segment: {segments}' },
  'tag.not_found': { status: 404, zh: '标签不存在', en: 'Tag not found' },
  'tag.name_taken': { status: 409, zh: '已有同名标签：{name}', en: 'A tag with this name already exists: {name}' },
  'internal.error': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  'internal.unavailable': { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type Locale = 'zh-CN' | 'en';

/** The message for `code` in `locale`, with `{name}` placeholders filled from `params`. */
export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry = errorCatalogue[code];
  const template = locale === 'en' ? entry.en : entry.zh;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
