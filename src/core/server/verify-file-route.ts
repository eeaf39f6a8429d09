import { admitPrefix, reject, textAnswer, type LoggedRoute } from './pipeline';
import { UNVERIFIED_BODY_KEEP } from './unverified';

const VERIFY_FILE = /^\/(MP_verify_[0-9a-zA-Z]{16}\.txt)$/;

/**
 * `GET /MP_verify_<code>.txt`: the domain-verification file of docs/wechat-protocol.md §8.1, served
 * verbatim from the account that configured it. WeChat fetches it unsigned, so it stays WeChat's.
 */
export function verifyFileRoute(files: {
  verifyFile(name: string): { accountId: string; content: string } | undefined;
}): LoggedRoute {
  return {
    match: (p) => VERIFY_FILE.test(p),
    admit: admitPrefix(UNVERIFIED_BODY_KEEP),
    handle: (req) => {
      // match() admitted the path, so the name is there; an empty one would name no file (404).
      const name = VERIFY_FILE.exec(req.pathname)?.[1] ?? '';
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return {
          answer: reject(
            405,
            'method_not_allowed',
            'method not allowed',
            `${req.method} on a verification file`,
          ),
        };
      }
      const f = files.verifyFile(name);
      if (!f) return { answer: reject(404, 'not_found', 'not found', `no account has the file ${name}`) };
      return {
        answer: textAnswer(f.content, 'ok', 'verify_file', name),
        facts: { accountId: f.accountId, replyPlain: f.content },
      };
    },
  };
}

/**
 * Any other path: a logged 404, so scanners, typos and a browser's own requests (favicon.ico,
 * robots.txt) show up in the callback log too, as not WeChat's. The listener's own `/` and
 * `/health` answer unlogged (callback-routes.ts).
 */
export function notFoundRoute(): LoggedRoute {
  return {
    match: (p) => p !== '/' && p !== '/health',
    admit: admitPrefix(UNVERIFIED_BODY_KEEP),
    handle: (req) => ({
      answer: reject(
        404,
        'not_found',
        `no route for ${req.pathname}`,
        `no route for ${req.method} ${req.pathname}`,
      ),
      facts: { notWechat: true },
    }),
  };
}
