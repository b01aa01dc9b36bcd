// Publication pack (zip), in the register's toolbar: the office's website pages for every published decision, as one
// download, made as the other exports are.

import { recordsSelectors } from '../../stores/records/selectors.ts';
import { useRecordsStore } from '../../stores/records/store.ts';

export function PublicationPackButton() {
  const { exporting, notice } = useRecordsStore(recordsSelectors.pack);
  const publicationPackRequested = useRecordsStore((s) => s.publicationPackRequested);
  return (
    <div className="publication-pack">
      <button
        type="button"
        className="button"
        aria-disabled={exporting}
        aria-describedby="publication-pack-hint"
        onClick={() => void publicationPackRequested()}
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
