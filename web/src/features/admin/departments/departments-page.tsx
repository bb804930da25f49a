import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Spin, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../app/api-client';
import { testId } from '../../../app/components/test-id';
import { buildTree } from '../../../app/components/tree-options';
import { useI18n } from '../../../app/i18n/i18n-context';
import { DepartmentNameModal } from './department-name-modal';
import { type Department, useAdminDepartments, useCreateDepartment, useDeleteDepartment, useRenameDepartment } from './departments-api';

type Editing = { mode: 'create'; parent?: Department } | { mode: 'rename'; department: Department };

export function DepartmentsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const departments = useAdminDepartments();
  const create = useCreateDepartment();
  const rename = useRenameDepartment();
  const remove = useDeleteDepartment();
  const [editing, setEditing] = useState<Editing | null>(null);
  // Everything starts expanded (new departments too); only what the user folds stays folded.
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const byKey = useMemo(() => new Map((departments.data ?? []).map((d) => [String(d.id), d])), [departments.data]);
  const allKeys = (departments.data ?? []).map((d) => String(d.id));
  const treeData = useMemo(
    () => buildTree(departments.data ?? [], (d) => d.id, (d) => d.parentId, (d) => d.name),
    [departments.data],
  );

  const submitName = async (name: string) => {
    if (!editing) return;
    try {
      if (editing.mode === 'create') await create.mutateAsync({ name, ...(editing.parent ? { parentId: editing.parent.id } : {}) });
      else await rename.mutateAsync({ id: editing.department.id, name });
      message.success(t('common.saved'));
      setEditing(null);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const deleteDepartment = async (department: Department) => {
    try {
      await remove.mutateAsync(department.id);
      message.success(t('common.deleted'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const renderNode = (id: string, title: string) => {
    const department = byKey.get(id);
    if (!department) return title;
    return (
      <Space size={4} data-testid={`department-node-${id}`}>
        <span>{title}</span>
        <Button size="small" type="text" icon={<PlusOutlined />} title={t('departments.addChild')} data-testid={`department-add-${id}`}
          onClick={(event) => { event.stopPropagation(); setEditing({ mode: 'create', parent: department }); }} />
        <Button size="small" type="text" icon={<EditOutlined />} title={t('common.rename')} data-testid={`department-rename-${id}`}
          onClick={(event) => { event.stopPropagation(); setEditing({ mode: 'rename', department }); }} />
        <Popconfirm
          title={t('departments.deleteConfirm', { name: department.name })}
          okButtonProps={{ ...testId('department-delete-confirm'), danger: true }}
          onConfirm={() => deleteDepartment(department)}
        >
          <Button size="small" type="text" danger icon={<DeleteOutlined />} title={t('common.delete')} data-testid={`department-delete-${id}`}
            onClick={(event) => event.stopPropagation()} />
        </Popconfirm>
      </Space>
    );
  };

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('departments.title')}</Typography.Title>}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })} data-testid="department-new">
          {t('departments.newRoot')}
        </Button>
      }
    >
      {departments.error && <Alert type="error" showIcon message={errorMessage(departments.error)} />}
      {departments.isPending ? (
        <Spin />
      ) : treeData.length === 0 ? (
        <Empty description={t('departments.empty')} />
      ) : (
        <Tree
          data-testid="departments-tree"
          blockNode
          expandedKeys={allKeys.filter((key) => !collapsed.has(key))}
          onExpand={(keys) => {
            const expanded = new Set(keys.map(String));
            setCollapsed(new Set(allKeys.filter((key) => !expanded.has(key))));
          }}
          selectable={false}
          treeData={treeData}
          titleRender={(node) => renderNode(node.key, node.title)}
        />
      )}
      {editing && (
        <DepartmentNameModal
          title={
            editing.mode === 'rename'
              ? t('common.rename')
              : editing.parent
                ? `${t('departments.addChild')} · ${editing.parent.name}`
                : t('departments.newRoot')
          }
          initialName={editing.mode === 'rename' ? editing.department.name : undefined}
          saving={create.isPending || rename.isPending}
          onSubmit={(name) => void submitName(name)}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}
