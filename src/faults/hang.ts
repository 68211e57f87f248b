// `hang`: one GET of the app's hang route, a busy loop that never ends. Unlike a freeze, the process
// is running (100 % CPU) and still holds its sockets; it simply never returns to its event loop.
import { request } from 'node:http';
import type { FaultSpec } from '../types.js';
import type { Fault } from './context.js';
import { clock, faultRecord } from './outcome.js';

type HangSpec = Extract<FaultSpec, { kind: 'hang' }>;

/** A route that answers within this long did not hang (a wrong path, an app with no hang route). */
export const HANG_ANSWER_MS = 300;

/**
 * Sends the request and gives up waiting after HANG_ANSWER_MS: no answer by then is the hang. The
 * instance is the balancer's choice, so it is known only when there is one (as for crash via http).
 */
export const hang: Fault<HangSpec> = async (spec, context) => {
  const live = context.instances();
  const targets = live.length === 1 ? live : [];
  const t = clock();
  const answer = await new Promise<string | null>((resolve) => {
    const req = request(context.url(spec.path), { agent: false, signal: context.signal }, (res) => {
      res.resume();
      resolve(`GET ${spec.path} answered ${res.statusCode}: no hang`);
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, HANG_ANSWER_MS);
    req.on('error', (error) => resolve(`GET ${spec.path}: ${error.message}`)); // after the timer: ignored
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
  return faultRecord(spec, context, t, { targets, error: answer });
};
