import { useId, useState, type FormEvent } from 'react';
import { bareScene, type RuleReply, type RuleTestResult } from '../../../../shared/api/areas/rules';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { ReplyContent } from '../simulator/ReplyContent';
import type { ReplyView } from '../simulator/reply-view';
import '../simulator/simulator.css';

const PROBES = ['text', 'subscribe', 'click', 'scan', 'image'] as const;
type ProbeKind = (typeof PROBES)[number];

export function replyViewOf(r: RuleReply): ReplyView {
  switch (r.type) {
    case 'text':
      return { kind: 'text', content: r.content };
    case 'image':
      return { kind: 'image', mediaId: r.mediaId };
    case 'transfer':
      return { kind: 'transfer' };
    case 'news':
      return {
        kind: 'news',
        articles: r.articles.map((a) => ({
          title: a.title,
          description: a.description ?? '',
          picUrl: a.picUrl ?? '',
          url: a.url ?? '',
        })),
      };
  }
}

/** "What would reply to this?" (`rules.test`): which rules answer and what the fan would see. */
/** A follow's EventKey for a typed scene: one qrscene_ in front, however it was typed (§2.4). */
function subscribeKey(value: string): string | undefined {
  const scene = bareScene(value);
  return scene ? `qrscene_${scene}` : undefined;
}

export function TryIt({ accountId, onMatched }: { accountId: string; onMatched: (ids: string[]) => void }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const uid = useId();
  const [kind, setKind] = useState<ProbeKind>('text');
  const [value, setValue] = useState('');
  const [result, setResult] = useState<RuleTestResult>();
  const [failure, setFailure] = useState<string>();

  const run = async (e: FormEvent) => {
    e.preventDefault();
    const probe =
      kind === 'text'
        ? { msgType: 'text', content: value }
        : kind === 'image'
          ? { msgType: 'image' }
          : {
              msgType: 'event',
              event: kind === 'subscribe' ? 'subscribe' : kind.toUpperCase(),
              eventKey: kind === 'subscribe' ? subscribeKey(value) : value,
            };
    const r = await api.call('rules.test', { accountId, probe });
    if (r.ok) {
      setResult(r.value);
      setFailure(undefined);
      onMatched(r.value.matched.map((m) => m.ruleId));
    } else setFailure(errorText(r.error));
  };

  return (
    <section className="card rules-try" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`} className="section-title">
        {t('rules.try')}
      </h2>
      <p className="field-hint">{t('rules.try.intro')}</p>
      <form className="rules-try-form" onSubmit={run}>
        <label className="visually-hidden" htmlFor={`${uid}-kind`}>
          {t('rules.try.type')}
        </label>
        <select
          id={`${uid}-kind`}
          className="select"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as ProbeKind);
            setResult(undefined);
          }}
        >
          {PROBES.map((p) => (
            <option key={p} value={p}>
              {t(`rules.try.${p}`)}
            </option>
          ))}
        </select>
        {kind !== 'image' && (
          <>
            <label className="visually-hidden" htmlFor={`${uid}-value`}>
              {kind === 'text'
                ? t('rules.try.content')
                : kind === 'subscribe'
                  ? t('rules.try.eventKey.subscribe')
                  : t('rules.try.eventKey')}
            </label>
            <input
              id={`${uid}-value`}
              className="input"
              value={value}
              placeholder={
                kind === 'text'
                  ? t('rules.try.content')
                  : kind === 'subscribe'
                    ? t('rules.try.eventKey.subscribe')
                    : t('rules.try.eventKey')
              }
              onChange={(e) => setValue(e.target.value)}
            />
          </>
        )}
        <button type="submit" className="btn btn-primary">
          {t('rules.try.run')}
        </button>
      </form>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      {result && (
        <div className="rules-try-result" role="status" data-testid="try-result">
          {result.matched.length === 0 ? (
            <p className="field-hint">{t('rules.try.none')}</p>
          ) : (
            <>
              <div>
                <span className="field-label">{t('rules.try.matched')}: </span>
                {result.matched.map((m, i) => (
                  <span key={m.ruleId}>
                    {i > 0 && ', '}
                    <strong>{m.name}</strong> <span className="badge">{t(`rules.kind.${m.kind}`)}</span>
                    {m.keyword && (
                      <span className="field-hint" data-testid="try-keyword">
                        {' '}
                        {t('rules.try.keyword', {
                          match: t(`rules.match.${m.keyword.match}`),
                          text: m.keyword.text,
                        })}
                      </span>
                    )}
                  </span>
                ))}
              </div>
              {result.passive && (
                <div className="rules-preview">
                  <span className="field-hint">{t('rules.try.passive')}</span>
                  <div className="sim-phone-mini">
                    <ReplyContent reply={replyViewOf(result.passive)} />
                  </div>
                </div>
              )}
              {result.followUps.length > 0 && (
                <div className="rules-preview">
                  <span className="field-hint">{t('rules.try.followUps')}</span>
                  {result.followUps.map((r, i) => (
                    <div className="sim-phone-mini" key={i}>
                      <ReplyContent reply={replyViewOf(r)} />
                    </div>
                  ))}
                </div>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
