import type { Bilingual } from '../../../shared/api/areas/common';
import type { CallbackOutcome, CallbackReason } from '../../../shared/api/areas/callbacks';
import { refuse } from '../../server/component-answer';
import { HTML_TYPE, type Handled } from '../../server/pipeline';
import type { ComponentParts } from './component-parts';

/**
 * `GET /component/<id>/authorized?auth_code=…&expires_in=600`: MPDesk's own redirect_uri for the
 * §11.5 page. The admin confirmed; the code is exchanged at once (api_query_auth).
 */
export async function authorizedRedirect(
  c: ComponentParts,
  id: string,
  method: string,
  q: Map<string, string> | undefined,
): Promise<Handled> {
  const page = (
    status: number,
    text: Bilingual,
    outcome: CallbackOutcome,
    reason: CallbackReason,
    detail: string,
  ): Handled => ({
    answer: {
      status,
      body: `<!doctype html><meta charset="utf-8"><title>MPDesk</title><h1 data-outcome="${outcome}">${esc(text.zh)} / ${esc(text.en)}</h1>`,
      type: HTML_TYPE,
      outcome,
      reason,
      detail,
    },
  });
  if (!c.platforms.keys(id))
    return refuse(404, 'unknown_account', 'unknown platform', `no third-party platform "${id}"`);
  if (method !== 'GET')
    return refuse(
      405,
      'method_not_allowed',
      'method not allowed',
      `${method}: the authorization page redirects with GET`,
    );
  const code = q?.get('auth_code');
  if (!code)
    return page(
      400,
      { zh: '没有 auth_code，管理员可能取消了授权', en: 'No auth_code: the admin may have cancelled' },
      'rejected',
      'bad_request',
      'redirect without auth_code (§11.5)',
    );
  try {
    const { appid } = await c.authorizers.exchangeCode(id, code, 'redirect');
    return page(
      200,
      { zh: `授权成功：${appid}`, en: `Authorized: ${appid}` },
      'ok',
      'acknowledged',
      `auth_code exchanged (api_query_auth): ${appid}`,
    );
  } catch (e) {
    const msg = (e as Error)?.message ?? String(e);
    return page(
      502,
      { zh: '换取授权信息失败', en: `Could not exchange the auth_code: ${msg}` },
      'error',
      'internal_error',
      `api_query_auth failed: ${msg}`,
    );
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
