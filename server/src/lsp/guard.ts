// Handlers never throw at the client: an error is logged to the connection's console and the request
// gets an empty answer, so one bad input costs one hover, not the session.

import type { Connection } from 'vscode-languageserver/node';
import { errorText } from './linter.js';

export function guarded<P extends unknown[], R>(connection: Connection, name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (err) {
      connection.console.error(`${name} failed: ${errorText(err)}`);
      return fallback;
    }
  };
}
