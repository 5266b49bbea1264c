// What the client needs to know about settings and documents. The settings themselves are read by the
// server (workspace/configuration); the client only names the section so changes reach it at once.
import type { DocumentFilter } from 'vscode-languageclient/node';

export const CLIENT_ID = 'vpceLens';
export const CLIENT_NAME = 'VPC Endpoint Lens';
/** Settings section sent to the server on every change (vpceLens.regions, .rules, .policyFiles, .trace.server). */
export const CONFIG_SECTION = 'vpceLens';

/**
 * Schemes whose YAML/JSON documents the server lints. Besides files on disk and unsaved editors, the
 * virtual file systems of virtual workspaces (GitHub Repositories, vscode-test-web, Live Share): the
 * server only ever sees the text sent to it, so it needs no disk. Diff and git views are left out on purpose.
 */
export const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-test-web', 'memfs', 'vsls'] as const;
// terraform: the id the HashiCorp extension gives .tf files (and this extension too, without it).
export const LANGUAGES = ['yaml', 'json', 'terraform'] as const;

export function documentSelector(): DocumentFilter[] {
  return LANGUAGES.flatMap((language) => DOCUMENT_SCHEMES.map((scheme) => ({ language, scheme })));
}
