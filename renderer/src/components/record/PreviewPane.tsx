// The record as it will print, beside the form: the export's own HTML, refreshed after saves.

import { useEffect } from 'react';
import { editorSelectors } from '../../stores/editor/selectors.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { previewSelectors, usePreviewStore } from '../../stores/preview/store.ts';
import { PreviewFrame } from '../PreviewFrame.tsx';

export function PreviewPane() {
  const record = useEditorStore(editorSelectors.record);
  const html = usePreviewStore(previewSelectors.html);
  const status = usePreviewStore(previewSelectors.status);
  const error = usePreviewStore(previewSelectors.error);
  const previewNeeded = usePreviewStore((s) => s.previewNeeded);
  const id = record?.id;
  const revision = record?.revision;

  // Each save makes a revision; the preview follows the saved record, a moment behind the typing.
  useEffect(() => {
    if (id && revision) void previewNeeded(id, revision);
  }, [id, revision, previewNeeded]);

  return (
    <section className="preview-pane" aria-labelledby="preview-heading">
      <h3 id="preview-heading" className="visually-hidden">
        Preview of the printed record
      </h3>
      {status === 'failed' && (
        <div className="notice notice-error" role="alert">
          <p>The preview could not be made. {error}</p>
        </div>
      )}
      {html ? (
        <PreviewFrame html={html} title="Preview of the printed record" />
      ) : (
        <p className="muted preview-waiting">{status === 'loading' ? 'Preparing the preview…' : ''}</p>
      )}
    </section>
  );
}
