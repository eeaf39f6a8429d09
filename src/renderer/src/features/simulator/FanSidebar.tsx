import { useEffect, useId, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { ConversationDto } from '../../../../shared/api/areas/conversations';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, routeHref } from '../../shell/router';
import { newOpenid, OPENID_RE } from './compose';

/** Where the simulator posts: the local listener, or the tunnel's public URL (the whole path WeChat takes). */
export type SendTarget = 'local' | 'public';

/** The fans played so far, the one being played (an OpenID to type), and where messages go. */
export function FanSidebar({
  account,
  openid,
  conversations,
  target,
  onTarget,
  publicUrl,
}: {
  account: AccountDto;
  openid: string;
  conversations: ConversationDto[] | undefined;
  target: SendTarget;
  onTarget: (t: SendTarget) => void;
  publicUrl: string | null;
}) {
  const { t } = useI18n();
  const uid = useId();
  const [openidDraft, setOpenidDraft] = useState(openid);
  useEffect(() => setOpenidDraft(openid), [openid]);
  const selectFan = (id: string) => navigate(routeHref('simulator', account.id, id));
  const fans = conversations ?? [];
  const listed = fans.some((c) => c.openid === openid);
  return (
    <aside className="card sim-side">
      <div className="sim-side-head">
        <h2 className="section-title">{t('sim.fans')}</h2>
        <button type="button" className="btn btn-sm" onClick={() => selectFan(newOpenid())}>
          {t('sim.fans.new')}
        </button>
      </div>
      <ul className="sim-fans" aria-label={t('sim.fans.label')}>
        {!listed && (
          <li>
            <a className="sim-fan" href={routeHref('simulator', account.id, openid)} aria-current="true">
              <code>{openid}</code>
              <span className="sim-muted">{t('sim.fans.count', { count: 0 })}</span>
            </a>
          </li>
        )}
        {fans.map((c) => (
          <li key={c.openid}>
            <a
              className="sim-fan"
              href={routeHref('simulator', account.id, c.openid)}
              aria-current={c.openid === openid ? 'true' : undefined}
            >
              <code>{c.openid}</code>
              <span className="sim-muted sim-ellipsis">{c.lastSummary}</span>
            </a>
          </li>
        ))}
        {fans.length === 0 && listed && <li className="sim-muted">{t('sim.fans.empty')}</li>}
      </ul>
      <form
        className="field"
        onSubmit={(e) => {
          e.preventDefault();
          if (OPENID_RE.test(openidDraft)) selectFan(openidDraft);
        }}
      >
        <label className="field-label" htmlFor={`${uid}-openid`}>
          {t('sim.openid')}
        </label>
        <div className="field-row">
          <input
            id={`${uid}-openid`}
            className="input mono"
            value={openidDraft}
            aria-invalid={!OPENID_RE.test(openidDraft) || undefined}
            aria-describedby={`${uid}-openid-hint`}
            onChange={(e) => setOpenidDraft(e.target.value)}
            onBlur={() => OPENID_RE.test(openidDraft) && openidDraft !== openid && selectFan(openidDraft)}
          />
        </div>
        <div className="field-hint" id={`${uid}-openid-hint`}>
          {OPENID_RE.test(openidDraft) ? t('sim.openid.hint') : t('sim.v.openid')}
        </div>
      </form>
      <fieldset className="fieldset">
        <legend className="field-label">{t('sim.target')}</legend>
        <label className="sim-radio">
          <input
            type="radio"
            name={`${uid}-target`}
            checked={target === 'local'}
            onChange={() => onTarget('local')}
          />
          {t('sim.target.local')}
        </label>
        <label className="sim-radio">
          <input
            type="radio"
            name={`${uid}-target`}
            checked={target === 'public'}
            disabled={!publicUrl}
            onChange={() => onTarget('public')}
          />
          {publicUrl ? t('sim.target.public') : t('sim.target.publicOff')}
        </label>
        <div className="field-hint">
          {target === 'public' && publicUrl ? <code>{publicUrl}</code> : t('sim.target.hint')}
        </div>
      </fieldset>
    </aside>
  );
}
