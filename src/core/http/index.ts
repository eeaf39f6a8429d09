/**
 * Plain HTTP plumbing shared by every listener: the callback listener (server/), the sandbox
 * platform (sandbox/) and the headless console (src/headless). It knows nothing of WeChat.
 */
export { HttpListener, type RequestHandler } from './http-listener';
export { BodyTooLargeError, ClientGoneError, readBody } from './read-body';
export { CountedLog } from './counted-log';
