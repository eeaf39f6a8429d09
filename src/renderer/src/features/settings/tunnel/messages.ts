import { defineMessages } from '../../../i18n/define-messages';

/**
 * Settings → Tunnel. ngrok in ngrok's own words (Authtoken, Domains, region); the external tools in
 * theirs (frp's localPort, natapp's 本地端口, cpolar's `cpolar http`, 花生壳's 内网主机/内网端口).
 */
export const tunnelMessages = defineMessages(
  {
    'tunnel.title': 'Tunnel',
    'tunnel.intro':
      'WeChat only calls public addresses on port 80 or 443. A tunnel gives the callback listener ({listener}) such an address; only the callback listener is exposed, never this console.',
    'tunnel.provider': 'How WeChat reaches this computer',
    'tunnel.provider.none': 'None',
    'tunnel.provider.none.desc': 'Local only: the Sandbox works, WeChat cannot reach you.',
    'tunnel.provider.ngrok': 'ngrok',
    'tunnel.provider.ngrok.desc': 'Built in: needs a free ngrok account and its authtoken.',
    'tunnel.provider.external': 'My own public URL',
    'tunnel.provider.external.desc':
      'frp, natapp, cpolar, 花生壳 (Oray) or your own nginx already forwards here.',

    'tunnel.ngrok.authtoken': 'Authtoken',
    'tunnel.ngrok.authtoken.hint':
      'Sign in at dashboard.ngrok.com → Getting Started → Your Authtoken, and copy it. It does what “ngrok config add-authtoken” does, but is kept sealed in MPDesk’s secret store, not in ngrok.yml.',
    'tunnel.ngrok.authtoken.set': 'Set (never shown again)',
    'tunnel.ngrok.authtoken.replace': 'Replace',
    'tunnel.ngrok.authtoken.remove': 'Remove',
    'tunnel.ngrok.authtoken.keep': 'Keep the saved one',
    'tunnel.ngrok.authtoken.removed': 'Will be removed when you save',
    'tunnel.ngrok.domain': 'Static domain',
    'tunnel.ngrok.domain.hint':
      'From dashboard.ngrok.com → Domains (one is free, e.g. your-name.ngrok-free.app). With it the URL stays the same on every start, so the mp backend needs updating only once. Empty: a new random URL each time.',
    'tunnel.ngrok.region': 'Region',
    'tunnel.ngrok.region.hint':
      'Where ngrok’s edge runs. From mainland China, ap (Singapore) or jp is usually fastest; the setup doctor measures the round trip.',
    'tunnel.region.auto': 'Automatic (nearest)',
    'tunnel.region.us': 'us — United States',
    'tunnel.region.us-cal-1': 'us-cal-1 — California',
    'tunnel.region.eu': 'eu — Europe',
    'tunnel.region.ap': 'ap — Asia/Pacific (Singapore)',
    'tunnel.region.au': 'au — Australia',
    'tunnel.region.sa': 'sa — South America',
    'tunnel.region.jp': 'jp — Japan',
    'tunnel.region.in': 'in — India',

    'tunnel.external.url': 'Public URL',
    'tunnel.external.url.hint':
      'The address the outside world uses, e.g. https://wx.example.com. The server URL to paste is this plus /wx/<path>.',
    'tunnel.external.port':
      'This URL uses port {port}: WeChat only calls ports 80 (http) and 443 (https), so verification would fail. Serve the public side on 80 or 443.',
    'tunnel.external.how': 'Point your tool at 127.0.0.1:{port} (the callback listener):',
    'tunnel.external.frp':
      'frp: in frpc.toml add a [[proxies]] with type = "http", localIP = "127.0.0.1", localPort = {port} and your customDomains; the public URL is http(s)://that domain.',
    'tunnel.external.natapp':
      'natapp: create a Web tunnel at natapp.cn with local address 127.0.0.1 and local port {port}, run the client, and paste the http://….natappfree.cc it prints.',
    'tunnel.external.cpolar': 'cpolar: run “cpolar http {port}” and paste the https://… address it shows.',
    'tunnel.external.oray':
      '花生壳 (Oray): add an HTTP/HTTPS mapping with internal host 127.0.0.1 and internal port {port}; paste its external address (it must be on 80/443).',
    'tunnel.external.nginx':
      "Your own nginx: a server listening on 80/443 with location / '{' proxy_pass http://127.0.0.1:{port}; '}' (MPDesk on that server, or reached from it by ssh -R).",

    'tunnel.startOnLaunch': 'Start the tunnel when MPDesk starts',
    'tunnel.save': 'Save',
    'tunnel.saveAndStart': 'Save and start',
    'tunnel.saved': 'Saved',
    'tunnel.saveFailed': 'Not saved: {reason}',
    'tunnel.dirty': 'You have unsaved changes.',

    'tunnel.start': 'Start tunnel',
    'tunnel.stop': 'Stop tunnel',
    'tunnel.blocked.noProvider': 'Start is off: no tunnel is chosen, so WeChat cannot reach this computer.',
    'tunnel.blocked.noAuthtoken': 'Start is off: ngrok needs your authtoken.',
    'tunnel.blocked.noUrl': 'Start is off: enter your public URL first.',
    'tunnel.blocked.listener': 'Start is off: the callback listener is not running (restart MPDesk).',
    'tunnel.blocked.fix.provider': 'Choose a tunnel',
    'tunnel.blocked.fix.authtoken': 'Enter the authtoken',
    'tunnel.blocked.fix.externalUrl': 'Enter the public URL',
    'tunnel.offline.fixHere': 'Fix it in Settings → Tunnel',

    'tunnel.alarm.title': 'The public URL changed: the mp backend still points at the old one',
    'tunnel.alarm.body':
      'Was {from}, now {to}. Until the server URL in mp.weixin.qq.com (Settings & Development → Basic configuration → Server configuration) is updated, WeChat keeps calling the old address and nothing arrives here.',
    'tunnel.alarm.paste': 'New server URL for {name}',
    'tunnel.alarm.ack': 'I have updated the mp backend',
    'tunnel.alarm.short': 'Public URL changed: paste {url} into the mp backend’s server configuration.',
    'tunnel.alarm.open': 'Show what to paste',
  },
  {
    'tunnel.title': '隧道',
    'tunnel.intro':
      '微信只访问 80 或 443 端口的公网地址。隧道为回调监听（{listener}）提供这样的地址；只暴露回调监听，不会暴露本控制台。',
    'tunnel.provider': '微信如何访问这台电脑',
    'tunnel.provider.none': '不使用',
    'tunnel.provider.none.desc': '仅本机：沙箱号可用，微信无法访问。',
    'tunnel.provider.ngrok': 'ngrok',
    'tunnel.provider.ngrok.desc': '内置：需要免费的 ngrok 账号及其 authtoken。',
    'tunnel.provider.external': '我自己的公网地址',
    'tunnel.provider.external.desc': '已用 frp、natapp、cpolar、花生壳或自己的 nginx 转发到本机。',

    'tunnel.ngrok.authtoken': 'Authtoken',
    'tunnel.ngrok.authtoken.hint':
      '登录 dashboard.ngrok.com → Getting Started → Your Authtoken 复制。作用与 “ngrok config add-authtoken” 相同，但加密保存在 MPDesk 的密钥存储中，不写入 ngrok.yml。',
    'tunnel.ngrok.authtoken.set': '已设置（不再显示）',
    'tunnel.ngrok.authtoken.replace': '更换',
    'tunnel.ngrok.authtoken.remove': '移除',
    'tunnel.ngrok.authtoken.keep': '保留已保存的',
    'tunnel.ngrok.authtoken.removed': '保存后将移除',
    'tunnel.ngrok.domain': '固定域名',
    'tunnel.ngrok.domain.hint':
      '在 dashboard.ngrok.com → Domains 中获取（免费账号可领一个，如 your-name.ngrok-free.app）。填写后每次启动地址不变，公众号后台只需修改一次；留空则每次启动都是新的随机地址。',
    'tunnel.ngrok.region': '区域',
    'tunnel.ngrok.region.hint':
      'ngrok 边缘节点所在地区。在中国大陆通常 ap（新加坡）或 jp 最快；配置检查会测量往返时间。',
    'tunnel.region.auto': '自动（最近）',
    'tunnel.region.us': 'us — 美国',
    'tunnel.region.us-cal-1': 'us-cal-1 — 美国加州',
    'tunnel.region.eu': 'eu — 欧洲',
    'tunnel.region.ap': 'ap — 亚太（新加坡）',
    'tunnel.region.au': 'au — 澳大利亚',
    'tunnel.region.sa': 'sa — 南美',
    'tunnel.region.jp': 'jp — 日本',
    'tunnel.region.in': 'in — 印度',

    'tunnel.external.url': '公网地址',
    'tunnel.external.url.hint':
      '外部访问用的地址，例如 https://wx.example.com。要填写的服务器地址(URL)为它加上 /wx/<路径>。',
    'tunnel.external.port':
      '该地址使用 {port} 端口：微信只访问 80（http）和 443（https）端口，服务器验证会失败。请让公网入口使用 80 或 443。',
    'tunnel.external.how': '让你的工具转发到 127.0.0.1:{port}（回调监听）：',
    'tunnel.external.frp':
      'frp：在 frpc.toml 中添加 [[proxies]]，type = "http"、localIP = "127.0.0.1"、localPort = {port}，并填写 customDomains；公网地址为 http(s)://该域名。',
    'tunnel.external.natapp':
      'natapp：在 natapp.cn 开通 Web 隧道，本地地址 127.0.0.1，本地端口 {port}；运行客户端后填写它显示的 http://….natappfree.cc。',
    'tunnel.external.cpolar': 'cpolar：运行 “cpolar http {port}”，填写它显示的 https://… 地址。',
    'tunnel.external.oray':
      '花生壳：添加 HTTP/HTTPS 映射，内网主机 127.0.0.1，内网端口 {port}；填写它的外网访问地址（须为 80/443 端口）。',
    'tunnel.external.nginx':
      "自己的 nginx：在监听 80/443 的 server 中配置 location / '{' proxy_pass http://127.0.0.1:{port}; '}'（MPDesk 运行在该服务器上，或经 ssh -R 从该服务器转发到这里）。",

    'tunnel.startOnLaunch': 'MPDesk 启动时自动启动隧道',
    'tunnel.save': '保存',
    'tunnel.saveAndStart': '保存并启动',
    'tunnel.saved': '已保存',
    'tunnel.saveFailed': '保存失败：{reason}',
    'tunnel.dirty': '有未保存的更改。',

    'tunnel.start': '启动隧道',
    'tunnel.stop': '停止隧道',
    'tunnel.blocked.noProvider': '无法启动：尚未选择隧道方式，微信无法访问这台电脑。',
    'tunnel.blocked.noAuthtoken': '无法启动：ngrok 需要你的 authtoken。',
    'tunnel.blocked.noUrl': '无法启动：请先填写公网地址。',
    'tunnel.blocked.listener': '无法启动：回调监听没有运行（请重启 MPDesk）。',
    'tunnel.blocked.fix.provider': '选择隧道方式',
    'tunnel.blocked.fix.authtoken': '填写 authtoken',
    'tunnel.blocked.fix.externalUrl': '填写公网地址',
    'tunnel.offline.fixHere': '前往“设置 → 隧道”修改',

    'tunnel.alarm.title': '公网地址已变化：公众号后台仍指向旧地址',
    'tunnel.alarm.body':
      '原地址 {from}，现为 {to}。在 mp.weixin.qq.com「设置与开发 → 基本配置 → 服务器配置」中更新服务器地址(URL)之前，微信仍会访问旧地址，这里收不到任何消息。',
    'tunnel.alarm.paste': '{name} 的新服务器地址',
    'tunnel.alarm.ack': '我已在公众号后台更新',
    'tunnel.alarm.short': '公网地址已变化：请把 {url} 填到公众号后台的服务器配置。',
    'tunnel.alarm.open': '查看要填写的内容',
  },
);
