/**
 * Plain HTTP plumbing shared by every listener: the callback listener (server/), the sandbox
 * platform (sandbox/) and the headless console (src/headless). It knows nothing of WeChat.
 */
export { HttpListener } from './http-listener';
export { BodyTooLargeError, readBody } from './read-body';
