import { randomBytes } from 'node:crypto';

/** A fresh script/style nonce for a webview's CSP: 128 random bits. */
export function nonce(): string {
  return randomBytes(16).toString('hex');
}
