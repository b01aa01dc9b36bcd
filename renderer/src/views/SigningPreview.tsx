// The record as it prints (export.preview): the export's own HTML in a sandboxed frame that can run nothing.

export interface SigningPreviewProps {
  html: string;
  /** The frame's accessible name, e.g. "Record of Decision OPCC.D.021.18 as it will print". */
  title: string;
}

export function SigningPreview({ html, title }: SigningPreviewProps) {
  // sandbox="" with no allowances: no scripts, no forms, no navigation, an origin of its own. The page's policy
  // admits the form's one inline stylesheet by its hash (electron/web/server.ts).
  return <iframe className="signing-preview-frame" title={title} sandbox="" srcDoc={html} />;
}
