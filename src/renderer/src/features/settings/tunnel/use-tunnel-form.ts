import { useState } from 'react';
import {
  tunnelConfigureSchema,
  type NgrokRegion,
  type TunnelConfigDto,
  type TunnelProvider,
  type TunnelStatus,
} from '../../../../../shared/api/areas/tunnel';
import type { MethodInput } from '../../../../../shared/api/contract';
import { useApi } from '../../../api/api-context';
import { useI18n } from '../../../i18n/I18nProvider';
import type { TunnelField } from './tunnel-fields';

/** The authtoken is write-only: keep the saved one, type a new one, or remove it. */
export type AuthtokenMode = 'keep' | 'replace' | 'remove';

export interface TunnelFormValues {
  provider: TunnelProvider;
  authtoken: string;
  authtokenMode: AuthtokenMode;
  domain: string;
  region: NgrokRegion;
  externalUrl: string;
  startOnLaunch: boolean;
}

export function initialTunnelValues(c: TunnelConfigDto): TunnelFormValues {
  return {
    provider: c.provider,
    authtoken: '',
    authtokenMode: c.ngrok.authtoken.isSet ? 'keep' : 'replace',
    domain: c.ngrok.domain ?? '',
    region: c.ngrok.region,
    externalUrl: c.external.baseUrl ?? '',
    startOnLaunch: c.startOnLaunch,
  };
}

type ConfigureInput = MethodInput<'tunnel.configure'>;

/** Only what changed, so saving one field never rewrites another (or the authtoken). */
export function toConfigureInput(v: TunnelFormValues, c: TunnelConfigDto): ConfigureInput {
  const out: ConfigureInput = {};
  if (v.provider !== c.provider) out.provider = v.provider;
  if (v.authtokenMode === 'remove' && c.ngrok.authtoken.isSet) out.ngrokAuthtoken = null;
  if (v.authtokenMode === 'replace' && v.authtoken.trim()) out.ngrokAuthtoken = v.authtoken.trim();
  const domain = v.domain.trim() || null;
  if (domain !== c.ngrok.domain) out.ngrokDomain = domain;
  if (v.region !== c.ngrok.region) out.ngrokRegion = v.region;
  const url = v.externalUrl.trim().replace(/\/+$/, '') || null;
  if (url !== c.external.baseUrl) out.externalBaseUrl = url;
  if (v.startOnLaunch !== c.startOnLaunch) out.startOnLaunch = v.startOnLaunch;
  return out;
}

const FIELD_OF: Record<string, TunnelField> = {
  provider: 'provider',
  ngrokAuthtoken: 'authtoken',
  ngrokDomain: 'domain',
  ngrokRegion: 'region',
  externalBaseUrl: 'externalUrl',
};

/** The contract's own schema decides; each problem lands on its field, as a validation key. */
function check(input: ConfigureInput): Partial<Record<TunnelField, string>> {
  const r = tunnelConfigureSchema.safeParse(input);
  const out: Partial<Record<TunnelField, string>> = {};
  for (const i of r.success ? [] : r.error.issues) {
    const field = FIELD_OF[String(i.path[0])];
    if (field) out[field] ??= i.message.startsWith('validation.') ? i.message : 'validation.invalid';
  }
  return out;
}

/** Settings → Tunnel's form: values, their problems, and save (optionally followed by start). */
export function useTunnelForm(status: TunnelStatus, onStatus: (s: TunnelStatus) => void) {
  const { t, issueText, errorText } = useI18n();
  const api = useApi();
  const [values, setValues] = useState(() => initialTunnelValues(status.config));
  const [errors, setErrors] = useState<Partial<Record<TunnelField, string>>>({});
  const [note, setNote] = useState<{ text: string; tone: 'ok' | 'error' }>();
  const [busy, setBusy] = useState(false);
  const input = toConfigureInput(values, status.config);
  const dirty = Object.keys(input).length > 0;

  const set = <K extends keyof TunnelFormValues>(k: K, v: TunnelFormValues[K]) => {
    setValues((prev) => ({ ...prev, [k]: v }));
    setNote(undefined);
  };

  const save = async (thenStart: boolean) => {
    const found = check(input);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    const r = dirty ? await api.call('tunnel.configure', input) : { ok: true as const, value: status };
    if (!r.ok) {
      setBusy(false);
      const fieldErrors: Partial<Record<TunnelField, string>> = {};
      for (const i of r.error.issues ?? []) {
        const field = FIELD_OF[i.path];
        if (field) fieldErrors[field] = i.key;
      }
      setErrors(fieldErrors);
      setNote({ text: t('tunnel.saveFailed', { reason: errorText(r.error) }), tone: 'error' });
      return;
    }
    onStatus(r.value);
    setValues((prev) => ({
      ...prev,
      authtoken: '',
      authtokenMode: r.value.config.ngrok.authtoken.isSet ? 'keep' : 'replace',
    }));
    let final = r.value;
    if (thenStart) {
      const s = await api.call('tunnel.start', undefined);
      if (s.ok) final = s.value;
      else setNote({ text: t('dash.failed', { reason: errorText(s.error) }), tone: 'error' });
    }
    setBusy(false);
    onStatus(final);
    if (!thenStart) setNote({ text: t('tunnel.saved'), tone: 'ok' });
  };

  const fieldError = (f: TunnelField) => {
    const key = errors[f];
    return key ? issueText({ key, message: key }) : undefined;
  };

  return { values, set, dirty, busy, note, save, fieldError };
}

export type TunnelForm = ReturnType<typeof useTunnelForm>;
