import type { Bilingual } from '../../../shared/api/areas/common';
import { reachFailed, skipped, type DoctorCheckDef } from './check-context';
import { describeBodyDifference, describeProbeError } from './describe-response';

/** Every configured MP_verify file must be served byte-exact at the domain root (docs/wechat-protocol.md §8.1). */
export const mpVerifyCheck: DoctorCheckDef = {
  id: 'mp_verify',
  title: { zh: 'MP_verify 校验文件可访问', en: 'MP_verify file reachable' },
  async run(ctx) {
    if (ctx.verifyFiles.length === 0) {
      return skipped(
        {
          zh: '没有配置 MP_verify 文件；公众号后台要求时，在“公众号 → 开发者设置”里上传。',
          en: 'No MP_verify file configured; upload it in Accounts → Developer settings when the mp backend asks for it.',
        },
        'developer_settings',
      );
    }
    const skip = reachFailed(ctx);
    if (skip) return skip;
    const problems: Bilingual[] = [];
    for (const f of ctx.verifyFiles) {
      const url = `${ctx.tunnel.publicUrl}/${encodeURIComponent(f.fileName)}`;
      const r = await ctx.get(url);
      if (!r.ok) {
        const d = describeProbeError(url, r);
        problems.push({ zh: `${f.fileName}：${d.zh}`, en: `${f.fileName}: ${d.en}` });
        continue;
      }
      const diff = r.status === 200 ? describeBodyDifference(Buffer.from(f.content, 'utf8'), r) : null;
      if (r.status !== 200)
        problems.push({ zh: `${f.fileName}：HTTP ${r.status}`, en: `${f.fileName}: HTTP ${r.status}` });
      else if (diff) problems.push({ zh: `${f.fileName}：${diff.zh}`, en: `${f.fileName}: ${diff.en}` });
    }
    const facts = { files: ctx.verifyFiles.length, failing: problems.length };
    if (problems.length === 0) {
      return {
        status: 'pass',
        saw: {
          zh: `${ctx.verifyFiles.length} 个文件都能通过公网地址原样取到。`,
          en: `All ${ctx.verifyFiles.length} file(s) come back byte-exact through the public URL.`,
        },
        facts,
      };
    }
    return {
      status: 'fail',
      saw: { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') },
      fix: {
        zh: '确认公网地址的根路径转发到 MPDesk，且文件内容与后台下载的一致（不要加换行）。',
        en: 'Make sure the root of the public URL forwards to MPDesk and the file content equals the download (no added newline).',
      },
      fixAt: 'developer_settings',
      facts,
    };
  },
};
