// The status-bar item: the regions the active document is checked against, as the server resolved them
// (editor setting, else the project file), with the project file and rule overrides in its tooltip.
// A click opens the regions setting.

import { StatusBarAlignment, window, type Disposable, type StatusBarItem, type TextEditor } from 'vscode';
import type { SettingsInEffect } from '../../server/src/protocol/editor';

export class RegionStatus implements Disposable {
  private readonly item: StatusBarItem;
  private readonly byUri = new Map<string, SettingsInEffect>();
  private readonly listener: Disposable;

  constructor() {
    this.item = window.createStatusBarItem('vpceLens.regions', StatusBarAlignment.Right, 100);
    this.item.name = 'VPC Endpoint Lens regions';
    this.item.command = { title: 'Open the regions setting', command: 'workbench.action.openSettings', arguments: ['vpceLens.regions'] };
    this.listener = window.onDidChangeActiveTextEditor((e) => this.render(e));
  }

  update(settings: SettingsInEffect): void {
    this.byUri.set(settings.uri, settings);
    this.render(window.activeTextEditor);
  }

  private render(editor: TextEditor | undefined): void {
    const s = editor ? this.byUri.get(editor.document.uri.toString()) : undefined;
    if (!s) return this.item.hide();
    this.item.text = `$(globe) ${s.regions.length ? s.regions.join(', ') : 'no region'}`;
    const lines = [
      s.regions.length ? `VPC Endpoint Lens checks service names against ${s.regions.join(', ')} (from the ${s.regionsFrom}).` : 'VPC Endpoint Lens: no region set, so the region-mismatch rule stays silent.',
      s.configFile ? `Project file: ${s.configFile}` : 'No project file (.vpce-lens.yaml).',
      Object.keys(s.overrides).length ? `Rule overrides: ${Object.entries(s.overrides).map(([id, l]) => `${id} ${l}`).join(', ')}` : 'No rule overrides.',
      'Click to open the regions setting.',
    ];
    this.item.tooltip = lines.join('\n');
    this.item.accessibilityInformation = { label: `VPC Endpoint Lens regions: ${s.regions.length ? s.regions.join(', ') : 'none'}` };
    this.item.show();
  }

  dispose(): void {
    this.listener.dispose();
    this.item.dispose();
  }
}
