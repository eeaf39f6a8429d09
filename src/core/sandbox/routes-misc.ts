import type { SandboxContext, SandboxRoute } from './sandbox-context';

/** §12 getcallbackip and the 自动回复 settings reader. */
export function miscRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  return {
    'GET /cgi-bin/getcallbackip': (req) => {
      ctx.authorize(req);
      // The sandbox "calls back" from loopback.
      return { ip_list: ['127.0.0.1'] };
    },
    'GET /cgi-bin/get_current_autoreply_info': (req) => {
      ctx.authorize(req);
      return {
        is_add_friend_reply_open: 1,
        is_autoreply_open: 1,
        add_friend_autoreply_info: { type: 'text', content: '欢迎关注 MPDesk 沙箱号 🎉' },
        message_default_autoreply_info: { type: 'text', content: '沙箱自动回复' },
        keyword_autoreply_info: { list: [] },
      };
    },
  };
}
