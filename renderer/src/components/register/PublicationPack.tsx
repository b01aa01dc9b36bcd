// Publication pack (zip), in the register's toolbar: the office's website pages for every published decision, as one
// download, made as the other exports are.

import { useState } from 'react';
import { api } from '../../api.ts';
import { downloadFile } from '../../download.ts';

export function PublicationPackButton() {
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'saved' | 'error'; message: string } | null>(null);

  async function exportPack() {
    if (exporting) return;
    setExporting(true);
    setNotice(null);
    try {
      const file = await api.call('export.publicationPack', {});
      downloadFile(file);
      setNotice({ kind: 'saved', message: `Exported ${file.fileName}.` });
    } catch (error) {
      setNotice({ kind: 'error', message: `The publication pack was not exported. ${api.messageOf(error)}` });
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="publication-pack">
      <button
        type="button"
        className="button"
        aria-disabled={exporting}
        aria-describedby="publication-pack-hint"
        onClick={() => void exportPack()}
      >
        {exporting ? 'Exporting…' : 'Publication pack (zip)'}
      </button>
      <span id="publication-pack-hint" className="visually-hidden">
        The pages and PDFs for the office&rsquo;s website: the register and every published decision.
      </span>
      <span role="status" className="export-done">
        {notice?.kind === 'saved' ? notice.message : ''}
      </span>
      <span role="alert" className="export-status">
        {notice?.kind === 'error' && <span className="error-text">{notice.message}</span>}
      </span>
    </div>
  );
}
