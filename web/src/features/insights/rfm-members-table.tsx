import { Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatMoney } from './rfm-heat-grid';
import { type RfmMemberDto, type RfmMemberSelection, useRfmMembers } from './insights-api';

/** The customers of the selected segment or cell, highest spend first, each linking to its detail page. */
export function RfmMembersTable({ selection }: { selection: RfmMemberSelection }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const members = useRfmMembers(selection, page);
  return (
    <Table<RfmMemberDto>
      data-testid="rfm-members"
      rowKey="id"
      size="small"
      loading={members.isPending}
      dataSource={members.data?.items ?? []}
      pagination={{ current: page, pageSize: 20, total: members.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      columns={[
        {
          title: t('insights.rfm.customer'),
          key: 'name',
          render: (_, row) => (
            <Link to={`/customers/${row.id}`} data-testid={`rfm-member-${row.id}`}>
              {row.name ?? `#${row.id}`}
            </Link>
          ),
        },
        { title: t('insights.rfm.scores'), key: 'scores', render: (_, row) => `${row.r} / ${row.f} / ${row.m}` },
        { title: t('insights.rfm.recencyDays'), dataIndex: 'recencyDays', align: 'right' },
        { title: t('insights.rfm.frequency'), dataIndex: 'frequency', align: 'right' },
        { title: t('insights.rfm.monetary'), dataIndex: 'monetary', align: 'right', render: (value: string) => formatMoney(value, locale) },
      ]}
    />
  );
}
