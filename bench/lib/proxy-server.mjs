// A proxy child for `npm run bench proxy`: one BrumProxy (from dist/) in front of the target given as
// argv[2], with the real request ring and a stub page client; prints its port.
import { BrumProxy } from '../../dist/browser/proxy/server.js';
import { stubPageClient } from '../../dist/browser/proxy/endpoint.js';
import { BrowserState } from '../../dist/core/browser/state.js';

const state = new BrowserState(Date.now, (error) => {
  throw error;
});
const proxy = new BrumProxy({
  target: process.argv[2],
  processId: () => 'bench-1',
  describeProcess: () => ({ text: 'bench (bench-1): running', retry: true }),
  secret: 'bench-secret-0123456789',
  endpoint: stubPageClient,
  feed: state,
  now: Date.now,
});
console.log(await proxy.listen(0));
process.on('SIGINT', () => process.exit(0));
