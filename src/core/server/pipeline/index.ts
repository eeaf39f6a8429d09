/**
 * The logged pipeline of the callback listener (docs/architecture.md §4): routes return one
 * `Answer` with the `Facts` their row keeps; the pipeline reads, times, records, commits, writes
 * and settles. See route.ts for the route interface.
 */
export {
  bodyLength,
  HTML_TYPE,
  refused,
  reject,
  SUCCESS,
  TEXT_TYPE,
  textAnswer,
  XML_TYPE,
  type Answer,
  type AnswerBody,
  type Facts,
  type Handled,
} from './answer';
export {
  REPLAY_AS_HEADER,
  REPLAY_OF_HEADER,
  type InboundRequest,
  type ReplayOf,
  type RequestHead,
} from './inbound';
export { CallbackPipeline, CLIENT_GONE_STATUS, DEFAULT_BODY_LIMIT, type PipelineDeps } from './pipeline';
export { admitPrefix, type Admitted, type LoggedRoute } from './route';
export { round, StageTimer, type Stage } from './stage-timer';
