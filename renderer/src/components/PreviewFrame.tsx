// The printed form (the export's own HTML) in a sandboxed frame that can run nothing: preview, history, signing mode.

export interface PreviewFrameProps {
  html: string;
  /** The frame's accessible name, e.g. "Record of Decision OPCC.D.021.18 as it will print". */
  title: string;
  className?: string;
}

export function PreviewFrame({ html, title, className = 'preview-frame' }: PreviewFrameProps) {
  // sandbox="" with no allowances: no scripts, no forms, no navigation, an origin of its own. The page's policy
  // admits the form's one inline stylesheet by its hash (electron/web/server.ts).
  return <iframe className={className} title={title} sandbox="" srcDoc={html} />;
}
