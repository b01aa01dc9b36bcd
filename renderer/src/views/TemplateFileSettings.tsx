// Settings → Template file: export the office's template for IT, import one, or start from a template shipped with the
// app; and the versions of the template this device holds. Each button acts at once, outside Save settings.

import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { formatDate } from '../format.ts';
import { useSettingsStore } from '../stores/settings/store.ts';
import { Dialog } from '../components/Dialog.tsx';

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

/** The largest template file the application reads (its import refuses more). */
const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

export function TemplateFileSettings() {
  const template = useSettingsStore((s) => s.settings?.template ?? null);
  const shipped = useSettingsStore((s) => s.shipped);
  const versions = useSettingsStore((s) => s.versions);
  const notice = useSettingsStore((s) => s.templateNotice);
  const busy = useSettingsStore((s) => s.templateBusy);
  // An import replaces the form's template: changes to it not yet saved would be lost, so the page says so first.
  const unsaved = useSettingsStore(
    (s) =>
      s.draft !== null &&
      s.settings !== null &&
      JSON.stringify(s.draft.template) !== JSON.stringify(s.settings.template),
  );
  const templateFilesRequested = useSettingsStore((s) => s.templateFilesRequested);
  const templateExportRequested = useSettingsStore((s) => s.templateExportRequested);
  const templateImportRequested = useSettingsStore((s) => s.templateImportRequested);
  const [chosen, setChosen] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const headingId = useId();

  useEffect(() => {
    void templateFilesRequested();
  }, [templateFilesRequested]);

  if (!template) return null;
  const choice = shipped?.find((t) => t.id === chosen) ?? null;

  async function fileChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_TEMPLATE_BYTES) {
      setFileProblem('This file is too large to be a template file (over 2 MB). Choose the .json file IT gave you.');
      return;
    }
    let text: string;
    try {
      text = await readText(file);
    } catch {
      setFileProblem('The file could not be read. Try another copy of it.');
      return;
    }
    if (!text.trim()) {
      setFileProblem('The file is empty. Choose the .json file IT gave you.');
      return;
    }
    await templateImportRequested({ text });
  }

  return (
    <section className="settings-group template-file" aria-labelledby={headingId}>
      <h3 id={headingId}>Template file</h3>
      <p className="hint">
        The form new records use is version {template.version} of {template.officeName} ({template.id}). Export it for
        IT to roll out to the other computers, or replace it with a file from IT or a template shipped with Decision
        Desk. Existing records keep the version they were made with.
      </p>
      {unsaved && (
        <p className="notice notice-info" id="template-file-unsaved">
          The form has changes to the template that are not saved yet. Save settings first to keep them: an imported or
          shipped template replaces them.
        </p>
      )}
      <div className="template-file-actions">
        <button type="button" className="button" aria-disabled={busy} onClick={() => void templateExportRequested()}>
          Export template file…
        </button>
        <label className="button file-button">
          Import template file…
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            aria-describedby={
              [fileProblem ? 'template-file-problem' : '', unsaved ? 'template-file-unsaved' : '']
                .filter(Boolean)
                .join(' ') || undefined
            }
            disabled={busy}
            onChange={(event) => void fileChosen(event)}
          />
        </label>
      </div>
      {fileProblem && (
        <p id="template-file-problem" className="field-error" role="alert">
          {fileProblem}
        </p>
      )}
      <div className="field">
        <label htmlFor="template-shipped">Start from a shipped template</label>
        <p className="hint" id="template-shipped-hint">
          {choice ? choice.description : 'Templates modelled on real offices; choose one to see what it has.'}
        </p>
        <div className="template-shipped-row">
          <select
            id="template-shipped"
            aria-describedby="template-shipped-hint"
            value={chosen}
            onChange={(event) => setChosen(event.target.value)}
          >
            <option value="">Choose a template…</option>
            {(shipped ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.officeName} ({t.area})
              </option>
            ))}
          </select>
          <button type="button" className="button" disabled={!choice || busy} onClick={() => setConfirming(true)}>
            Use this template…
          </button>
        </div>
      </div>
      <div role="status">
        {notice?.kind === 'done' && (
          <div className="notice notice-saved">
            <p>{notice.message}</p>
          </div>
        )}
      </div>
      <div role="alert">
        {notice?.kind === 'error' && (
          <div className="notice notice-error">
            <p>
              {notice.problems.length > 0
                ? 'The template was not imported. The file has these problems:'
                : notice.message}
            </p>
            {notice.problems.length > 0 && (
              <ul>
                {notice.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {versions && versions.length > 0 && (
        <table className="template-versions">
          <caption>Versions held on this computer</caption>
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Version</th>
              <th scope="col">Held since</th>
              <th scope="col">Used for</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.hash}>
                <td>
                  {v.id} <span className="muted">({v.hash.slice(0, 12)})</span>
                </td>
                <td>{v.version}</td>
                <td>{formatDate(v.storedAt)}</td>
                <td>
                  {[
                    v.current ? 'New records' : '',
                    v.legacy ? 'Records made before template versions were kept' : '',
                    v.damaged ?? '',
                  ]
                    .filter(Boolean)
                    .join('; ') || 'Records made with it'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog
        open={confirming && choice !== null}
        title="Use this shipped template?"
        onClose={() => setConfirming(false)}
        className="confirm-dialog"
        initialFocus={confirm}
      >
        <p>
          {choice?.officeName}&rsquo;s template replaces this office&rsquo;s form for new records: its names, numbering,
          signatories, sections and categories. Records made already keep the version they were made with. Changes to
          the template not yet saved in the form are lost.
        </p>
        <div className="dialog-actions">
          <button
            ref={confirm}
            type="button"
            className="button button-primary"
            onClick={() => {
              setConfirming(false);
              if (choice) void templateImportRequested({ shipped: choice.id });
            }}
          >
            Use this template
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </section>
  );
}
