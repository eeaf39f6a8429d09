import type { Migration } from '../migration';

/**
 * A 关键词回复 rule has several keywords, each 全匹配 or 半匹配, as in the mp backend's 自动回复
 * (shared/api/areas/rules.ts): the one `{ match, pattern }` of a keyword rule becomes
 * `{ keywords: [{ text, match }] }`, its case sensitivity kept. Only the JSON in `trig` changes.
 */
export const m030RuleKeywords: Migration = {
  id: 30,
  name: 'several keywords per keyword rule',
  sql: `
    UPDATE reply_rules
    SET trig = CASE
      WHEN json_extract(trig, '$.caseSensitive') = 1 THEN json_object(
        'kind', 'keyword',
        'keywords', json_array(json_object(
          'text', json_extract(trig, '$.pattern'),
          'match', coalesce(json_extract(trig, '$.match'), 'contains'))),
        'caseSensitive', json('true'))
      ELSE json_object(
        'kind', 'keyword',
        'keywords', json_array(json_object(
          'text', json_extract(trig, '$.pattern'),
          'match', coalesce(json_extract(trig, '$.match'), 'contains'))))
      END
    WHERE kind = 'keyword' AND json_type(trig, '$.pattern') = 'text';
  `,
};
