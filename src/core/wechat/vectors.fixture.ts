/**
 * Test vectors from docs/wechat-protocol.md §13, verbatim. Shared by the unit tests and the bench; not
 * imported by production code.
 */
export const V0 = {
  token: 'test',
  timestamp: '1410685589',
  nonce: 'test',
  signature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443ff',
  badSignature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443fe',
};

export const V1 = {
  appId: 'wxb11529c136998cb6',
  token: 'pamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  keyHex: '69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051',
  ivHex: '69b71d79f8218a39259a7a29aabb2dba',
  timestamp: '1458300676',
  nonce: '260774613',
  msgSignature: '4f3ad57b6989f09f4eb392acce4f9e93942ed890',
  signature: '62ec41eb19c7dce895f002d79b70ddbb5acf314e',
  openid: 'asdasdasdsadasd',
  encrypt:
    'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==',
  random: 'd43123b161a4ba84',
  msgLen: 293,
  padByte: 21,
  xml: '<xml><URL><![CDATA[http://wechat.laravel.so/server]]></URL><ToUserName><![CDATA[asdasdasd]]></ToUserName><FromUserName><![CDATA[asdasdasdsadasd]]></FromUserName><CreateTime>1234567898</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content><MsgId>12345</MsgId></xml>',
};

/** The V1 request as §13 assembles it. */
export const V1_REQUEST = {
  path: `/wx?signature=${V1.signature}&timestamp=${V1.timestamp}&nonce=${V1.nonce}&openid=${V1.openid}&encrypt_type=aes&msg_signature=${V1.msgSignature}`,
  body: `<xml>\n    <ToUserName><![CDATA[asdasdasd]]></ToUserName>\n    <Encrypt><![CDATA[${V1.encrypt}]]></Encrypt>\n</xml>\n`,
};

export const V2 = {
  token: 'pamtest',
  aesKey: V1.aesKey,
  appId: V1.appId,
  timestamp: '1409304348',
  nonce: 'xxxxxx',
  random: 'aaaabbbbccccdddd',
  cases: [
    {
      plain: '我是中文abcd123',
      encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
      msgSignature: '82c962d39941aa48552f90ef55aa323dc620cc10',
    },
    {
      plain:
        '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>',
      encrypt:
        'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
      msgSignature: 'ea88b765074e41eb8c7a75b449db34fa2fd560d5',
    },
  ],
};

export const V3 = {
  token: '123456',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  appId: 'wx49f0ab532d5d035a',
  decrypt: {
    timestamp: '1411525903',
    nonce: '461056294',
    msgSignature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
    encrypt:
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
    xml: '<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<FromUserName><![CDATA[messense]]></FromUserName>\n<CreateTime>1411525903</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<MsgId>4363689963896700987</MsgId>\n<AgentID>1</AgentID>\n</xml>',
    padByte: 1,
  },
  reply: {
    random: '1234567890123456',
    nonce: '461056294',
    timestamp: '1411525903',
    xml: '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
    envelope: [
      '<xml>',
      '<Encrypt><![CDATA[9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3]]></Encrypt>',
      '<MsgSignature><![CDATA[407518b7649e86ef23978113f92d27afa9296533]]></MsgSignature>',
      '<TimeStamp>1411525903</TimeStamp>',
      '<Nonce><![CDATA[461056294]]></Nonce>',
      '</xml>',
    ].join('\n'),
  },
  echo: {
    timestamp: '1411443780',
    nonce: '437374425',
    badNonce: '437374424',
    msgSignature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96',
    echostr: '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==',
    plain: '5927782489442352469',
  },
};

export const V4 = {
  random: '0123456789abcdef',
  timestamp: '1458300677',
  nonce: '987654321',
  xml: '<xml><ToUserName><![CDATA[asdasdasdsadasd]]></ToUserName><FromUserName><![CDATA[asdasdasd]]></FromUserName><CreateTime>1458300677</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello back]]></Content></xml>',
  encrypt:
    'Q3stYC6hdFzMh9T8HCvyDMi9bShgmE5Ap1ziJsGG3IarGs9Tg2s7l3UZkpSrCh7MVyrb6/RhaZfE1mln5UGFBqIrdpC28ibaOC6+ylA8JVTahi5turV+mHgl5/sPHn0K0oH3MSo4+DtkSW2H3qhjgP7cQftbc2qoNT8q26eY7pLctDtYQdGOP02yELdQ4Gb26xPvumMlEwaiR+p2UWVGUBunlTU90uF82lkea4Xyk/zXYbRgP2JXRswg48rSCoj1xMoMSZoiRIQilgXafqJjmoHBKaZ2yBg90vmUUaxQ+9Q5zVEd4hHCfLeWMZfTLvwoKe8ZxfHJH6prI1BXuZv8Fn4aMgNpRkSgrTwozZ6mnlqFmD6KSm+NXgzqj6YJ6O6i',
  msgSignature: '4ad5d3f480dce8ca3aab606b2d93c7c9227641ef',
  padByte: 26,
};

export const V5 = {
  random: '0123456789abcdef',
  plain: 'x'.repeat(26),
  encrypt:
    'Q3stYC6hdFzMh9T8HCvyDHDxbrF7f8TfmYxXSN1y2Vbjja9RgRLcXPjzJF67v90V3+cSUeXVsBz9zy9FS6aOlAKOGPMkX9CsY1Hcm0RGBpai3w0JQLugbmmRSSjGXHj+',
};

export const V6 = {
  token: 'RMNlACHlV5ThzfRlVS4D4',
  timestamp: 'timestamp',
  nonce: 'nonce',
  encrypt: 'encrypt',
  msgSignature: '8edac0945683c119ee71c9f6256d76c48aa08a96',
};

export const V7 = { parts: ['123', '345'], sha1: '9f537aeb751ec72605f57f94a2f6dc3e3958e1dd' };
