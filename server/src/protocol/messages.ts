// Everything the VS Code client and the language server agree on beyond plain LSP. The client imports
// this file only (never the engine). Each custom request or notification goes here with a line saying
// which way it travels.

/** The `source` of every diagnostic the server publishes (server → client). */
export const DIAGNOSTIC_SOURCE = 'vpce-lens';

/** The code action kind of "fix all" (client → server in `textDocument/codeAction` `only`; server → client as the action's kind). */
export const FIX_ALL_KIND = 'source.fixAll.vpce-lens';

/** The configuration section the server pulls with `workspace/configuration` (server → client request). */
export const SETTINGS_SECTION = 'vpceLens';

/** Standalone endpoint-policy files when `vpceLens.policyFiles` is not set (the same default as the CLI's). */
export { DEFAULT_POLICY_FILES } from '../core/settings.js';

/** `vpceLens.*` settings, as the client answers `workspace/configuration` (client → server, reply). */
export interface LensSettings {
  /** Regions the stacks deploy to. */
  regions?: string[];
  /** Per-rule severity: error, warning, info or off. */
  rules?: Record<string, string>;
  /** Globs of standalone endpoint-policy files (JSON), relative to the workspace folder. */
  policyFiles?: string[];
  /** Service short names (s3, sqs, ecr.api) the "Trace to …" CodeLens offers besides the likely ones. */
  traceServices?: string[];
}

/** `initializationOptions` of `initialize` (client → server, once at start). */
export interface InitializationOptions {
  /** Milliseconds between the last change and the lint; 150 by default, 0 for benchmarks. */
  debounceMs?: number;
  /** The settings, for clients that cannot answer `workspace/configuration` (Neovim 0.7's `init_options`). */
  vpceLens?: LensSettings;
  /**
   * `vpceLens` is what the client would answer to `workspace/configuration` for every document (one
   * workspace folder or none): the first lint uses it without waiting for that round trip.
   */
  settingsForEveryDocument?: boolean;
  /**
   * False in VS Code's Restricted Mode: the server then reads no workspace file beyond the open documents' own
   * neighbours (no walk for the templates that deploy an open one). Absent: trusted (editors without the notion).
   */
  workspaceTrusted?: boolean;
}

/** The user trusted the workspace (client → server notification, no params): the reads Restricted Mode left out are made. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'vpceLens/workspaceTrusted';

/** `Diagnostic.data` (server → client with diagnostics; client → server again in `codeAction` context). */
export interface DiagnosticData {
  ruleId: string;
  /** The finding's own data: what its quick fix needs. */
  data?: Record<string, unknown>;
  /** The logical id of the resource the finding is about. */
  resource?: string;
}
