// Showing a panel that is already open again. VS Code opens an editor it moves to another group as a
// preview, and a preview replaces the group's preview: revealing a panel beside the template, when it was
// elsewhere, could close the other panel (the map moved beside the template closed the trace panel moved
// there just before). A panel shown again stays where it is, pinned, as the rule panel does.

import { ViewColumn, type WebviewPanel } from 'vscode';

export function revealInPlace(panel: WebviewPanel): void {
  panel.reveal(panel.viewColumn ?? ViewColumn.Beside, true);
}
