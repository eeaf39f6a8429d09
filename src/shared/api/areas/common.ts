import { z } from 'zod';

/** Text shown to the user in both UI languages; the renderer picks one. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Secrets are write-only: responses only say whether one is set (docs/architecture.md §5). */
export interface SecretState {
  isSet: boolean;
}

export const idSchema = z
  .string({ error: 'validation.required' })
  .min(1, { error: 'validation.required' })
  .max(64);
export const noInput = z.strictObject({}).optional();
export const byId = z.strictObject({ id: idSchema });

/** Paging for list methods: a cursor (opaque string) or an offset, and a bounded limit. */
export const pageInput = {
  limit: z.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(200).optional(),
};
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
  total?: number;
}
