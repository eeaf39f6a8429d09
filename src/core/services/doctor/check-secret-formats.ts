import { accountFieldSchemas } from '../../../shared/api/areas/accounts';
import type { Bilingual } from '../../../shared/api/areas/common';
import { checkAesKey, type AesKeyProblem } from '../../wechat';
import type { DoctorCheckDef } from './check-context';

/** Token: 3-32 letters or digits, exactly the mp form's rule (docs/wechat-protocol.md §1). */
export const tokenFormatCheck: DoctorCheckDef = {
  id: 'token_format',
  title: { zh: 'Token 格式', en: 'Token format' },
  run({ account }) {
    const token = account.token;
    if (!token) {
      return {
        status: 'fail',
        saw: { zh: '该账号没有设置 Token。', en: 'The account has no Token.' },
        fix: {
          zh: '在“公众号 → 编辑”中填写与公众号后台相同的令牌(Token)。',
          en: 'Enter the same Token as in the mp backend under Accounts → Edit.',
        },
        fixAt: 'account',
      };
    }
    const facts = { length: token.length };
    if (accountFieldSchemas.token.safeParse(token).success) {
      return {
        status: 'pass',
        saw: { zh: `已设置，${token.length} 个字母或数字。`, en: `Set: ${token.length} letters or digits.` },
        facts,
      };
    }
    const bad = [...new Set(token.replace(/[A-Za-z0-9]/g, ''))].map((c) => JSON.stringify(c)).join(' ');
    return {
      status: 'fail',
      saw: {
        zh: `长度 ${token.length}${bad ? `，含不允许的字符 ${bad}` : ''}。后台要求 3-32 位英文或数字。`,
        en: `Length ${token.length}${bad ? `, with characters that are not allowed: ${bad}` : ''}. The mp backend wants 3-32 letters or digits.`,
      },
      fix: {
        zh: '在两边都换成 3-32 位的字母数字 Token。',
        en: 'Use a 3-32 character letters-and-digits Token on both sides.',
      },
      fixAt: 'account',
      facts,
    };
  },
};

const AES_PROBLEM: Record<AesKeyProblem, Bilingual> = {
  length: { zh: '长度不是 43 位', en: 'it is not 43 characters long' },
  charset: { zh: '含有字母数字以外的字符', en: 'it has characters other than letters and digits' },
  decoded_length: { zh: 'Base64 解码后不是 32 字节', en: 'it does not decode to 32 bytes' },
};

/** EncodingAESKey: 43 alphanumerics decoding to 32 bytes; needed in compatible and safe mode (§1, §4.1). */
export const aesKeyFormatCheck: DoctorCheckDef = {
  id: 'aes_key_format',
  title: { zh: 'EncodingAESKey 格式', en: 'EncodingAESKey format' },
  run({ account }) {
    const key = account.encodingAESKey;
    if (!key) {
      if (account.mode === 'plain') {
        return {
          status: 'pass',
          saw: { zh: '明文模式不需要 EncodingAESKey。', en: 'Plain mode does not need an EncodingAESKey.' },
        };
      }
      return {
        status: 'fail',
        saw: {
          zh: '兼容/安全模式需要 EncodingAESKey，但没有设置。',
          en: 'Compatible and safe modes need an EncodingAESKey, and none is set.',
        },
        fix: {
          zh: '把公众号后台的消息加解密密钥(EncodingAESKey)填到“公众号 → 编辑”，或在那里随机生成后填到后台。',
          en: 'Copy the EncodingAESKey from the mp backend into Accounts → Edit, or generate one there and paste it into the mp backend.',
        },
        fixAt: 'account',
      };
    }
    const problem = checkAesKey(key);
    if (!problem) {
      return {
        status: 'pass',
        saw: { zh: '43 位字母数字，解码为 32 字节。', en: '43 letters or digits, decoding to 32 bytes.' },
      };
    }
    return {
      status: 'fail',
      saw: {
        zh: `EncodingAESKey 无效：${AES_PROBLEM[problem].zh}。`,
        en: `The EncodingAESKey is invalid: ${AES_PROBLEM[problem].en}.`,
      },
      fix: {
        zh: '在公众号后台点“随机生成”，把同一个值填到两边。',
        en: 'Press 随机生成 (generate) in the mp backend and enter the same value on both sides.',
      },
      fixAt: 'account',
      facts: { problem },
    };
  },
};
