// "VPC Endpoint Lens: Add CloudFormation tags to yaml.customTags": Red Hat's YAML extension reports
// "Unresolved tag: !Ref" until yaml.customTags lists CloudFormation's short forms. This merges them into the
// setting where it takes effect (the workspace's when the workspace sets it, else the user's), keeping every
// existing entry.
import { ConfigurationTarget, window, workspace } from 'vscode';
import type { CommandFactory } from '.';
import { cloudFormationCustomTags, mergeCustomTags } from '../custom-tags';

export const addYamlCustomTags: CommandFactory = {
  enabled: (ctx) => async () => {
    const config = workspace.getConfiguration('yaml');
    const inspected = config.inspect<unknown>('customTags');
    // Registered settings have a default (the YAML extension's is []); without that extension VS Code refuses
    // to write the key, and nothing would read it anyway.
    if (inspected?.defaultValue === undefined) {
      void window.showInformationMessage(
        "yaml.customTags is not a known setting here: Red Hat's YAML extension (redhat.vscode-yaml), which reads it, is not installed.",
      );
      return;
    }
    const inWorkspace = inspected?.workspaceValue !== undefined;
    const target = inWorkspace ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
    const current = inWorkspace ? inspected?.workspaceValue : inspected?.globalValue;
    let result: ReturnType<typeof mergeCustomTags>;
    try {
      result = mergeCustomTags(current, cloudFormationCustomTags());
    } catch (err) {
      void window.showErrorMessage(`VPC Endpoint Lens: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const { merged, added } = result;
    const where = inWorkspace ? 'workspace settings' : 'user settings';
    if (added.length === 0) {
      void window.showInformationMessage(`yaml.customTags already lists CloudFormation's tags (${where}).`);
      return;
    }
    try {
      await config.update('customTags', merged, target);
    } catch (err) {
      void window.showErrorMessage(`VPC Endpoint Lens: could not update yaml.customTags: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    ctx.output.info(`added ${added.length} entries to yaml.customTags in ${where}: ${added.join(', ')}`);
    void window.showInformationMessage(`Added ${added.length} CloudFormation tags to yaml.customTags (${where}).`);
  },
};
