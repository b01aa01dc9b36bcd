// Settings: the office's template (names, numbering, signatories, marking, logo), this device, and the shared folder.

import { type ChangeEvent, useEffect, useState } from 'react';
import { logoProblem as imageProblem, type Settings } from '../../../electron/core/domain/settings.ts';
import { ProtectiveMarking } from '../../../electron/core/domain/template.ts';
import { settingsSelectors } from '../stores/settings/selectors.ts';
import { useSettingsStore } from '../stores/settings/store.ts';
import { ErrorSummary } from './settings/ErrorSummary.tsx';
import { NumberSetting, SettingInput } from './settings/fields.tsx';
import { NumberingSettings } from './settings/NumberingSettings.tsx';
import { CategoriesSettings, SectionsSettings } from './settings/SectionsSettings.tsx';
import { SignatoriesSettings } from './settings/SignatoriesSettings.tsx';
import { TemplateFileSettings } from './TemplateFileSettings.tsx';
import { TrustSettings } from './TrustSettings.tsx';

/** The logo is kept in every record's export; the template allows 500 KB. */
const MAX_LOGO_BYTES = 500 * 1024;
const MARKINGS = ProtectiveMarking.options;
const MARKING_LABELS: Record<(typeof MARKINGS)[number], string> = {
  OFFICIAL: 'OFFICIAL',
  'OFFICIAL-SENSITIVE': 'OFFICIAL-SENSITIVE',
  NONE: 'None (no marking printed)',
};

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

export function SettingsView() {
  const draft = useSettingsStore(settingsSelectors.draft);
  const status = useSettingsStore(settingsSelectors.status);
  const saving = useSettingsStore(settingsSelectors.saving);
  const notice = useSettingsStore(settingsSelectors.notice);
  const hasChanges = useSettingsStore(settingsSelectors.hasChanges);
  const errors = useSettingsStore(settingsSelectors.errors);
  const settingsOpened = useSettingsStore((s) => s.settingsOpened);
  const settingsEdited = useSettingsStore((s) => s.settingsEdited);
  const settingsSaveRequested = useSettingsStore((s) => s.settingsSaveRequested);
  const settingsDiscarded = useSettingsStore((s) => s.settingsDiscarded);
  const [logoProblem, setLogoProblem] = useState<string | null>(null);
  const saved = useSettingsStore((s) => s.settings);

  useEffect(() => {
    void settingsOpened();
  }, [settingsOpened]);

  if (!draft) {
    return (
      <section className="view settings-view" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        {notice ? (
          <div className="notice notice-error" role="alert">
            <p>{notice.message}</p>
          </div>
        ) : (
          <p className="muted">{status === 'failed' ? '' : 'Loading the settings…'}</p>
        )}
      </section>
    );
  }

  const edit = (change: (settings: Settings) => Settings) => settingsEdited(change);
  const editTemplate = (change: Partial<Settings['template']>) =>
    edit((s) => ({ ...s, template: { ...s.template, ...change } }));
  const template = draft.template;
  const editPublication = (change: Partial<Settings['template']['publication']>) =>
    editTemplate({ publication: { ...template.publication, ...change } });
  const editLists = (change: (template: Settings['template']) => Settings['template'], reordered?: boolean) =>
    settingsEdited((s) => ({ ...s, template: change(s.template) }), { reordered });

  async function logoChosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setLogoProblem(null);
    if (!file) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') {
      setLogoProblem('The logo must be a PNG or JPEG image.');
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setLogoProblem(
        `The logo must be under 500 KB; this one is ${Math.ceil(file.size / 1024).toLocaleString('en-GB')} KB.`,
      );
      return;
    }
    let logo: string;
    try {
      logo = await readDataUrl(file);
    } catch {
      setLogoProblem('The file could not be read. Try another copy of the logo.');
      return;
    }
    // Its name and type come from the file's name; what it holds is checked as the application will check it.
    const problem = imageProblem(logo);
    if (problem) setLogoProblem(`${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
    else editTemplate({ logo });
  }

  return (
    <section className="view settings-view" aria-labelledby="settings-heading">
      <div className="view-header">
        <h2 id="settings-heading">Settings</h2>
      </div>
      <form
        className="settings-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void settingsSaveRequested();
        }}
      >
        <ErrorSummary />
        <fieldset className="settings-group">
          <legend>You and this computer</legend>
          <SettingInput
            path="userName"
            label="Your name"
            hint="Recorded in each record's audit trail with what you do."
            value={draft.userName}
            maxLength={200}
            onChange={(userName) => edit((s) => ({ ...s, userName }))}
          />
          <SettingInput
            path="defaultOriginator"
            label="Originator of new records"
            hint="Filled in on each new record, e.g. Chief Executive."
            value={draft.defaultOriginator}
            maxLength={200}
            onChange={(defaultOriginator) => edit((s) => ({ ...s, defaultOriginator }))}
          />
          <SettingInput
            path="deviceName"
            label="Name of this computer"
            hint="Shown in the audit trail and on the shared folder."
            value={draft.deviceName}
            maxLength={100}
            onChange={(deviceName) => edit((s) => ({ ...s, deviceName }))}
          />
          <SettingInput
            path="sharedFolder"
            label="Shared folder"
            hint={
              'The office\u2019s network or OneDrive folder that records are shared through, e.g. \\\\server\\OPCC\\Decisions. It must be the office\u2019s existing shared folder, or an empty folder to start one. Until one is chosen, records wait on this device.'
            }
            value={draft.sharedFolder ?? ''}
            maxLength={1000}
            onChange={(folder) => edit((s) => ({ ...s, sharedFolder: folder.trim() ? folder : null }))}
          />
        </fieldset>

        <fieldset className="settings-group">
          <legend>The office template</legend>
          <p className="hint">What is printed on every Record of Decision. Changes apply to exports from now on.</p>
          <SettingInput
            path="template.area"
            label="Police area"
            value={template.area}
            maxLength={120}
            onChange={(area) => editTemplate({ area })}
          />
          <SettingInput
            path="template.officeName"
            label="Name of the office"
            value={template.officeName}
            maxLength={200}
            onChange={(officeName) => editTemplate({ officeName })}
          />
          <SettingInput
            path="template.commissionerTitle"
            label="Commissioner's title"
            hint="e.g. Police and Crime Commissioner for Kent."
            value={template.commissionerTitle}
            maxLength={200}
            onChange={(commissionerTitle) => editTemplate({ commissionerTitle })}
          />
          <SettingInput
            path="template.planName"
            label="Name of the Police and Crime Plan"
            value={template.planName}
            maxLength={200}
            onChange={(planName) => editTemplate({ planName })}
          />
          <div className="field">
            <label htmlFor="setting-template-protectiveMarking">Protective marking</label>
            <p id="setting-template-protectiveMarking-hint" className="hint">
              Printed at the top and foot of each page of an open record.
            </p>
            <select
              id="setting-template-protectiveMarking"
              aria-describedby="setting-template-protectiveMarking-hint"
              value={template.protectiveMarking}
              onChange={(event) =>
                editTemplate({ protectiveMarking: event.target.value as Settings['template']['protectiveMarking'] })
              }
            >
              {MARKINGS.map((marking) => (
                <option key={marking} value={marking}>
                  {MARKING_LABELS[marking]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="setting-template-confidentialMarking">Marking of confidential records</label>
            <select
              id="setting-template-confidentialMarking"
              value={template.confidentialMarking}
              onChange={(event) =>
                editTemplate({ confidentialMarking: event.target.value as Settings['template']['confidentialMarking'] })
              }
            >
              {MARKINGS.map((marking) => (
                <option key={marking} value={marking}>
                  {MARKING_LABELS[marking]}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${logoProblem || errors['template.logo'] ? ' has-error' : ''}`}>
            <span className="label-like" id="logo-label">
              Logo
            </span>
            <p className="hint" id="logo-hint">
              Printed beside the heading. A PNG or JPEG under 500 KB.
            </p>
            <div className="logo-row">
              {template.logo ? (
                <img className="logo-preview" src={template.logo} alt="The office logo as it is now" />
              ) : (
                <span className="muted">No logo</span>
              )}
              <label className="button file-button">
                {template.logo ? 'Choose another logo' : 'Choose a logo'}
                <input
                  type="file"
                  accept="image/png,image/jpeg"
                  className="visually-hidden"
                  aria-describedby="logo-hint"
                  onChange={(event) => void logoChosen(event)}
                />
              </label>
              {template.logo && (
                <button type="button" className="button" onClick={() => editTemplate({ logo: null })}>
                  Remove the logo
                </button>
              )}
            </div>
            {(logoProblem || errors['template.logo']) && (
              <p className="field-error" role="alert">
                {logoProblem ?? errors['template.logo']}
              </p>
            )}
          </div>
        </fieldset>

        <NumberingSettings template={template} onChange={editLists} />

        <fieldset className="settings-group">
          <legend>Publication</legend>
          <p className="hint">
            How the office&rsquo;s public copies look (the PDF for the website and the publication pack), and when a
            decision is late.
          </p>
          <fieldset className="choice">
            <legend>Signatures on the public copy</legend>
            <div className="choice-options choice-options-stacked">
              <label className="choice-option" htmlFor="setting-template-publication-signatures">
                <input
                  id="setting-template-publication-signatures"
                  type="radio"
                  name="setting-template-publication-signatures"
                  checked={template.publication.signatures === 'image'}
                  onChange={() => editPublication({ signatures: 'image' })}
                />
                <span>As drawn</span>
              </label>
              <label className="choice-option" htmlFor="setting-template-publication-signatures-text">
                <input
                  id="setting-template-publication-signatures-text"
                  type="radio"
                  name="setting-template-publication-signatures"
                  checked={template.publication.signatures === 'text'}
                  onChange={() => editPublication({ signatures: 'text' })}
                />
                <span>
                  As text: &ldquo;Signed electronically by Jane Smith, Chief Finance Officer, 19 September 2018&rdquo;
                </span>
              </label>
            </div>
          </fieldset>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={template.publication.comments}
              onChange={(event) => editPublication({ comments: event.target.checked })}
            />
            <span>Print the officers&rsquo; comments at sign-off on the public copy</span>
          </label>
          <NumberSetting
            path="template.publication.overdueDays"
            label="Late after this many days"
            hint="A decided record not yet published this many days after its decision is listed as late in the register (1 to 365)."
            value={template.publication.overdueDays}
            min={1}
            max={365}
            onChange={(overdueDays) => editPublication({ overdueDays })}
          />
        </fieldset>

        <SignatoriesSettings template={template} onChange={editLists} />

        <SectionsSettings template={template} onChange={editLists} />
        <CategoriesSettings template={template} onChange={editLists} />

        <fieldset className="settings-group">
          <legend>Exports</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.recordOfSigningPage}
              onChange={(event) => edit((s) => ({ ...s, recordOfSigningPage: event.target.checked }))}
            />
            <span>End each PDF with a “Record of signing” page (who signed, when, on which device)</span>
          </label>
        </fieldset>

        <div className="form-actions sticky-actions">
          <button type="submit" className="button button-primary" aria-disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          <button type="button" className="button" disabled={!hasChanges} onClick={settingsDiscarded}>
            Discard changes
          </button>
          <div role="status" className="settings-status">
            {notice?.kind === 'saved' && <span className="saved-text">{notice.message}</span>}
          </div>
          <div role="alert" className="settings-status">
            {notice?.kind === 'error' && <span className="error-text">{notice.message}</span>}
          </div>
        </div>
      </form>
      {/* Outside the settings form: its forms send at once, each on its own, and are not part of Save settings. */}
      <TemplateFileSettings />
      {saved && <TrustSettings template={saved.template} defaultRecorder={saved.userName} />}
    </section>
  );
}
