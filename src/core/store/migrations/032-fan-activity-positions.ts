import type { Migration } from '../migration';

/**
 * Each fan remembers the newest callback log row applied to it. The fans store applies a batch of
 * log rows in slices of fans, one transaction each, so a large batch never holds the event loop
 * (services/fans/fan-activity.ts); the watermark in `fan_activity` moves only with the last slice.
 * After a crash between slices, the rows past the watermark are read again, and this column keeps
 * the fans already done from counting their messages twice. 0: nothing applied (fans stored by a
 * sync, or before this step, when the watermark alone told).
 */
export const m032FanActivityPositions: Migration = {
  id: 32,
  name: 'fan activity positions',
  sql: `ALTER TABLE fans ADD COLUMN activity_pos INTEGER NOT NULL DEFAULT 0;`,
};
