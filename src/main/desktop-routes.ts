/**
 * The renderer's hash routes (src/renderer/src/shell/router.ts) that the desktop shell opens from
 * a notification, the tray or the menu. desktop-routes.test.ts reads each back with the renderer's
 * own parsers, so a renamed screen or filter fails there.
 */
const seg = (s: string) => encodeURIComponent(s);

export const desktopRoutes = {
  dashboard: (accountId?: string | null) => (accountId ? `#/dashboard/${seg(accountId)}` : '#/dashboard'),
  settings: () => '#/settings',
  /** One callback open in the inspector. */
  callback: (id: number) => `#/callbacks/?id=${id}`,
  /** The inspector filtered to failures. */
  callbackErrors: () => '#/callbacks/?errors=1',
  /** A fan's message that waits for a reply: their thread in the message centre. */
  fanMessage: (m: { accountId: string; openid: string }) => `#/messages/${seg(m.accountId)}/${seg(m.openid)}`,
  /** The message centre (the threads with unread messages first among the newest). */
  fanMessages: () => '#/messages',
};
