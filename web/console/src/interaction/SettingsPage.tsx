import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { api } from '../api.js';
import { useAgencies } from '../orgs/useOrgs.js';
import { errorText } from '../shared/feedback.js';
import { AgencySelect, ScreenHeader } from '../shared/ScreenHeader.js';
import { useSelectedAgency } from '../shared/useAgency.js';
import { useLoad } from '../shared/useLoad.js';
import { SettingsForm } from './SettingsForm.js';
import type { InteractionSettings } from './types.js';

/** 互动设置 (/messages/settings): reply limits per type in working days, review, due-soon warning, retention. */
export default function SettingsPage() {
  const agencies = useAgencies();
  const [agency, setAgency] = useSelectedAgency(agencies.data);
  const settings = useLoad(async () => (agency ? api.get<InteractionSettings>('/api/v1/interaction/settings?org=' + encodeURIComponent(agency)) : null), agency ?? '');
  const [stale, setStale] = useState<string | null>(null);
  const data = settings.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <ScreenHeader title="互动设置">
        <AgencySelect id="settings-agency" agencies={agencies} value={agency} onChange={setAgency} />
      </ScreenHeader>
      {Boolean(settings.error) && <Alert type="error" showIcon title={errorText(settings.error)} />}
      {stale && (
        <Alert
          type="warning"
          showIcon
          title={stale}
          description="他人已修改设置。重新加载后可看到最新设置，再作修改。"
          action={
            <Button
              size="small"
              onClick={() => {
                setStale(null);
                settings.reload();
              }}
            >
              重新加载
            </Button>
          }
        />
      )}
      {agency && data && (
        <SettingsForm
          key={`${agency}:${data.version}`}
          agency={agency}
          data={data}
          onSaved={() => {
            setStale(null);
            settings.reload();
          }}
          onStale={setStale}
        />
      )}
    </Space>
  );
}
