// `sync`: one pass with the shared folder (hand over, collect signatures, claim references, publish), or its status.

import path from 'node:path';
import { DeskError } from '../../core/domain/index.ts';
import { call, type Command, EXIT, printJson, stringOption } from '../command.ts';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Sync with the shared folder once, or show the sync status',
  usage: '[--folder DIR] [--status | --verify]',
  description:
    'Runs one pass with the shared folder and prints a summary line; exit status 1 when anything failed (the work ' +
    'stays queued for the next pass). --folder also saves DIR as this device\u2019s shared folder.',
  options: { folder: { type: 'string' }, status: { type: 'boolean' }, verify: { type: 'boolean' } },
  optionHelp: [
    ['--folder DIR', 'the shared folder (a network share or a OneDrive/SharePoint-synced folder); saved in Settings'],
    ['--status', 'show the state (synced, waiting, offline since, conflicts) without syncing'],
    [
      '--verify',
      'read every published bundle whole and check it again (signed manifest, hashes, PDF seal, signatures); exit 1 when any fails',
    ],
  ],
  positionals: { min: 0, max: 0, names: '' },
  writes: true,
  sync: 'always',
  async run(context) {
    const folderOption = stringOption(context.values, 'folder');
    const folder = folderOption ? path.resolve(folderOption) : undefined;
    const desk = await context.openDesk();
    // Saved first: the engine reads the folder from Settings at the start of every pass.
    if (folder) await call(desk, 'settings.update', { patch: { sharedFolder: folder } });
    if (context.values.status === true) {
      const status = await call(desk, 'sync.status', {});
      if (context.json) printJson(context, status);
      else {
        context.print(
          `Shared folder: ${status.folder ?? 'none chosen yet (choose one with --folder DIR, or in Settings)'}`,
        );
        context.print(
          `State: ${status.state}; ${status.waiting} waiting; ${status.referencesPending} reference(s) pending; ` +
            `${status.conflicts} conflict(s)` +
            (status.offlineSince ? `; offline since ${status.offlineSince}` : '') +
            (status.lastSyncedAt ? `; last synced ${status.lastSyncedAt}` : ''),
        );
        if (status.lastError) context.print(`Last error: ${status.lastError.message}`);
      }
      return EXIT.ok;
    }
    if (context.values.verify === true) {
      const result = await call(desk, 'sync.verifyShare', {});
      if (context.json) printJson(context, result);
      else {
        const records = `${result.checked} published record${result.checked === 1 ? '' : 's'}`;
        context.print(
          result.problems.length === 0
            ? `Checked ${records}: all verify.`
            : `Checked ${records}: ${result.problems.length} do not verify.`,
        );
        for (const problem of result.problems)
          context.print(`${problem.reference ?? problem.path}: ${problem.reason} (${problem.path})`);
      }
      return result.problems.length > 0 ? EXIT.failed : EXIT.ok;
    }
    const summary = await call(desk, 'sync.now', {});
    if (context.json) printJson(context, summary);
    else {
      context.print(
        `${summary.ok ? 'Synced' : 'Sync stopped'} with ${summary.folder ?? 'no shared folder'}: ${summary.handedOver.length} handed over, ` +
          `${summary.received.length} received, ${summary.claimed.length} reference(s) claimed, ` +
          `${summary.published.length} published, ${summary.newConflicts} new conflict(s), ${summary.waiting} waiting.`,
      );
    }
    if (summary.error)
      throw new DeskError(summary.error.code, `Sync stopped: ${summary.error.message} (the work stays queued).`);
    for (const failure of summary.failures)
      context.warn(`${failure.kind} of ${failure.recordId}: ${failure.error.message}`);
    return summary.failures.length > 0 ? EXIT.failed : EXIT.ok;
  },
};
