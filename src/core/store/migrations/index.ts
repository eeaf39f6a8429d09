import type { Migration } from '../migration';
import { m001Foundation } from './001-foundation';
import { m002CallbackLog } from './002-callback-log';
import { m003ApiLogTokens } from './003-api-log-tokens';
import { m004TunnelDoctor } from './004-tunnel-doctor';
import { m005Oauth } from './005-oauth';
import { m006MenuDrafts } from './006-menu-drafts';
import { m007Component } from './007-component';
import { m008CallbackIndexes } from './008-callback-indexes';
import { m009ConversationProjection } from './009-conversation-projection';
import { m010ConversationsFromLog } from './010-conversations-from-log';
import { m011ExchangesFromLog } from './011-exchanges-from-log';
import { m012FanIndexInMemory } from './012-fan-index-in-memory';
import { m013WriteTimingBatches } from './013-write-timing-batches';
import { m014RetriesIndex } from './014-retries-index';
import { m015ReplyBodyOnce } from './015-reply-body-once';
import { m016ListIndexesOnSummary } from './016-list-indexes-on-summary';
import { m020Fans } from './020-fans';
import { m025OauthExchangesByCode } from './025-oauth-exchanges-by-code';
import { m026OauthGateway } from './026-oauth-gateway';
import { m030RuleKeywords } from './030-rule-keywords';
import { m031TokenErrorDetails } from './031-token-error-details';
import { m032FanActivityPositions } from './032-fan-activity-positions';

/**
 * The main database's schema history, applied in order. Append only; never edit a shipped step.
 * Reserved ids while issues are in flight: 2 callback log + conversations, 3 api log + tokens,
 * 4 tunnel + doctor, 5 rules/forwarding.
 */
export const MIGRATIONS: readonly Migration[] = [
  m001Foundation,
  m002CallbackLog,
  m003ApiLogTokens,
  m004TunnelDoctor,
  m005Oauth,
  m006MenuDrafts,
  m007Component,
  m008CallbackIndexes,
  m009ConversationProjection,
  m010ConversationsFromLog,
  m011ExchangesFromLog,
  m012FanIndexInMemory,
  m013WriteTimingBatches,
  m014RetriesIndex,
  m015ReplyBodyOnce,
  m016ListIndexesOnSummary,
  m020Fans,
  m025OauthExchangesByCode,
  m026OauthGateway,
  m030RuleKeywords,
  m031TokenErrorDetails,
  m032FanActivityPositions,
];
