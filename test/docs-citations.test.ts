import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupOf } from './helpers/indexed';

/**
 * The repository explains itself: every `docs/<page>.md §N` a tracked file cites must exist as a
 * heading of that page, and nothing may cite a file outside the repository (the notes the docs were
 * written from are not in a clone). See docs/architecture.md §8.
 */
const ROOT = path.resolve(__dirname, '..');
const SCANNED = /^(src|test|bench|scripts|\.ci|docs)\/|^[^/]+\.(ts|mts|mjs|cjs|js|json|ya?ml|md)$|^\.[^/]+$/;
const SKIPPED = /(^|\/)package-lock\.json$|\.(png|jpe?g|gif|ico|icns|webp|woff2?)$/;

function trackedFiles(): string[] {
  let listed: string[];
  try {
    listed = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
  } catch {
    listed = walk(ROOT, '');
  }
  return listed.filter((f) => f && SCANNED.test(f) && !SKIPPED.test(f) && fs.existsSync(path.join(ROOT, f)));
}

/** Without git (an unpacked archive): the same folders, walked. */
function walk(dir: string, rel: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'out', 'reports', 'dist', 'test-results', '.git'].includes(e.name)) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(path.join(dir, e.name), r));
    else out.push(r);
  }
  return out;
}

export interface Citation {
  file: string;
  line: number;
  page: string;
  section: string;
}

const SECTION = String.raw`§\d+(?:\.\d+)*(?: V\d+)?`;
/** `docs/<page>.md` then a list of sections: `§1, §2.1, §4.1-§4.2`, `§5/§6/§12`, `§13 V1`. */
const AFTER = new RegExp(
  String.raw`docs/([A-Za-z0-9_-]+)\.md((?:(?:\s*(?:,|-|–|/|and|or)\s*|\s+)${SECTION})+)`,
  'g',
);
/** A section before the page: `§10.1 of docs/<page>.md`. */
const BEFORE = new RegExp(String.raw`(${SECTION}) of docs/([A-Za-z0-9_-]+)\.md`, 'g');

/** Comment leaders at line starts become spaces, so a list broken over two comment lines reads as one. */
function joinCommentLines(text: string): string {
  return text.replace(/\n[ \t]*(?:\*(?!\/)|\/\/|#|--)?[ \t]*/g, (m) => ' '.repeat(m.length));
}

export function findCitations(file: string, text: string): Citation[] {
  const flat = joinCommentLines(text);
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const out: Citation[] = [];
  for (const m of flat.matchAll(AFTER)) {
    const page = groupOf(m, 1, 'the cited page');
    for (const s of groupOf(m, 2, 'the cited sections').matchAll(new RegExp(SECTION, 'g')))
      out.push({ file, line: lineOf(m.index), page, section: s[0].slice(1) });
  }
  for (const m of flat.matchAll(BEFORE)) {
    const section = groupOf(m, 1, 'the cited section');
    out.push({
      file,
      line: lineOf(m.index),
      page: groupOf(m, 2, 'the cited page'),
      section: section.slice(1),
    });
  }
  return out;
}

/** The section numbers a page's headings carry: `## 4. Title`, `### 4.2 Title`, `## §4`, `### V1 — …`. */
export function headingNumbers(markdown: string): Set<string> {
  const out = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const m = /^#{1,6}\s+§?(\d+(?:\.\d+)*|V\d+)\.?(?:\s|$)/.exec(line);
    if (m) out.add(groupOf(m, 1, 'the heading number'));
  }
  return out;
}

/** What a citation expects: `13 V1` needs both the section and the vector's heading. */
function missingIn(headings: Set<string>, section: string): string[] {
  return section.split(' ').filter((part) => !headings.has(part));
}

// Built from pieces so that this file does not cite what it forbids.
const OUTSIDE = new RegExp(
  [
    String.raw`(?:\.\./)+shared/[\w.-]+\.md`,
    String.raw`/work/${'shared'}`,
    String.raw`wechat-reference\.md`,
    String.raw`\b${'ARCHITECTURE'}\.md`,
    String.raw`\b${'TOOLCHAIN'}\.md`,
  ].join('|'),
  'g',
);

export function findOutsideReferences(text: string): string[] {
  return [...text.matchAll(OUTSIDE)].map((m) => m[0]);
}

const files = trackedFiles();
const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]));
const pages = new Map<string, Set<string> | null>();
function headingsOf(page: string): Set<string> | null {
  if (!pages.has(page)) {
    const p = path.join(ROOT, 'docs', `${page}.md`);
    pages.set(page, fs.existsSync(p) ? headingNumbers(fs.readFileSync(p, 'utf8')) : null);
  }
  return pages.get(page)!;
}

describe('docs citations', () => {
  it('reads the tracked sources, tests, benches, scripts, CI and config files', () => {
    for (const f of [
      'src/core/create-core.ts',
      'test/integration/layering.test.ts',
      'eslint.config.mjs',
      '.ci/run',
    ])
      expect(files, f).toContain(f);
  });

  it('every cited docs/<page>.md section exists as a heading of that page', () => {
    const citations = [...texts].flatMap(([f, t]) => findCitations(f, t));
    // The code cites the docs in well over a hundred places; far fewer means the scanner broke.
    expect(citations.length).toBeGreaterThan(100);
    const broken = citations.flatMap((c) => {
      const headings = headingsOf(c.page);
      if (!headings) return [`${c.file}:${c.line}: docs/${c.page}.md does not exist`];
      return missingIn(headings, c.section).map(
        (s) => `${c.file}:${c.line}: docs/${c.page}.md has no section ${s} (cited as §${c.section})`,
      );
    });
    expect(broken).toEqual([]);
  });

  it('nothing cites a file outside the repository', () => {
    const outside = [...texts].flatMap(([f, t]) =>
      t.split('\n').flatMap((line, i) => findOutsideReferences(line).map((r) => `${f}:${i + 1}: ${r}`)),
    );
    expect(outside).toEqual([]);
  });

  it('the test vectors the code uses are the ones docs/wechat-protocol.md §13 publishes', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/wechat-protocol.md'), 'utf8');
    const start = doc.indexOf('\n## 13.');
    const s13 = doc.slice(start, doc.indexOf('\n## 14.', start));
    const fixture = fs.readFileSync(path.join(ROOT, 'src/core/wechat/vectors.fixture.ts'), 'utf8');
    // Every literal long enough to be data (keys, signatures, ciphertexts, XML), as written in source.
    const values = [...fixture.matchAll(/'([^'\n]{12,})'/g)].map((m) => groupOf(m, 1, 'a quoted literal'));
    expect(values.length).toBeGreaterThan(30);
    expect(values.filter((v) => !s13.includes(v))).toEqual([]);
  });
});

describe('the citation scanner', () => {
  const page =
    '# T\n\n## 1. One\n\n### 1.2 Sub\n\n## 13. Vectors\n\n### V1 — a vector\n\n```\n## 9. not a heading\n```\n';

  it('reads lists, ranges, sections before the page, and lists broken over comment lines', () => {
    const src = [
      '/** See docs/wechat-protocol.md §1, §2.1,',
      ' * §4.1-§4.2, docs/architecture.md §4). Also §10.1 of docs/wechat-protocol.md and',
      ' * docs/wechat-protocol.md §5/§6/§12, docs/wechat-protocol.md §13 V1. */',
    ].join('\n');
    const got = findCitations('x.ts', src).map((c) => `${c.page} ${c.section}`);
    expect(got.sort()).toEqual(
      [
        'wechat-protocol 1',
        'wechat-protocol 2.1',
        'wechat-protocol 4.1',
        'wechat-protocol 4.2',
        'architecture 4',
        'wechat-protocol 5',
        'wechat-protocol 6',
        'wechat-protocol 12',
        'wechat-protocol 13 V1',
        'wechat-protocol 10.1',
      ].sort(),
    );
  });

  it('finds a missing section: `1` is not satisfied by `1.2`, nor `9` by a line inside a code fence', () => {
    const h = headingNumbers(page);
    expect([...h].sort()).toEqual(['1', '1.2', '13', 'V1']);
    expect(missingIn(h, '1.2')).toEqual([]);
    expect(missingIn(h, '13 V1')).toEqual([]);
    expect(missingIn(h, '9')).toEqual(['9']);
    expect(missingIn(headingNumbers('## 1.2 Sub\n'), '1')).toEqual(['1']);
  });

  it('flags a citation of the notes outside the repository, not the repository own docs or imports', () => {
    expect(findOutsideReferences(`see ../shared/${'ARCHITECTURE'}.md`)).toHaveLength(1);
    expect(findOutsideReferences(`wechat-${'reference'}.md §4.2`)).toHaveLength(1);
    expect(findOutsideReferences(`/work/${'shared'}/${'TOOLCHAIN'}.md`)).toHaveLength(2);
    expect(findOutsideReferences("docs/architecture.md §1; import x from '../../shared/errors'")).toEqual([]);
  });
});
