import type { CallbackRoute } from './callback-routes';
import type { WxRoute } from './wx-route';

const VERIFY_FILE = /^\/(MP_verify_[0-9a-zA-Z]{16}\.txt)$/;

/**
 * `GET /MP_verify_<code>.txt`: the domain-verification file of docs/wechat-protocol.md §8.1, served
 * verbatim from the account that configured it. Logged like every callback request.
 */
export function verifyFileRoute(
  files: { verifyFile(name: string): { accountId: string; content: string } | undefined },
  wx: WxRoute,
): CallbackRoute {
  return {
    match: (p) => VERIFY_FILE.test(p),
    handle: (req, res, url) =>
      wx.answerLogged(req, res, url, () => {
        const name = VERIFY_FILE.exec(url.pathname)![1];
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          return {
            status: 405,
            body: 'method not allowed',
            outcome: 'rejected',
            reason: 'method_not_allowed',
            detail: `${req.method} on a verification file`,
          };
        }
        const f = files.verifyFile(name);
        if (!f)
          return {
            status: 404,
            body: 'not found',
            outcome: 'rejected',
            reason: 'not_found',
            detail: `no account has the file ${name}`,
          };
        return {
          status: 200,
          body: f.content,
          outcome: 'ok',
          reason: 'verify_file',
          detail: name,
          accountId: f.accountId,
        };
      }),
  };
}

/** Any other path: a logged 404, so scanners and typos show up in the callback log too. */
export function notFoundRoute(wx: WxRoute): CallbackRoute {
  return {
    match: (p) => p !== '/' && p !== '/health',
    handle: (req, res, url) =>
      wx.answerLogged(req, res, url, () => ({
        status: 404,
        body: `no route for ${url.pathname}`,
        outcome: 'rejected',
        reason: 'not_found',
        detail: `no route for ${req.method} ${url.pathname}`,
      })),
  };
}
