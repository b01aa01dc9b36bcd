// The renderer's page as every shell serves it (the web bridge over HTTP, the app over app://): its content
// security policy, the types of its files, and the one way a request path is mapped to a file of the built renderer.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FORM_STYLE } from './export/html.ts';

/**
 * The printed form's sandboxed frames (history, conflicts, signing; srcdoc or blob:) inherit the page's policy, so the printed form's one inline
 * stylesheet is allowed by its hash: that exact text, and no other inline style.
 */
const FORM_STYLE_HASH = `'sha256-${createHash('sha256').update(FORM_STYLE, 'utf8').digest('base64')}'`;

/**
 * No inline script, no remote anything. Styles come from files only (and the form's own, by hash); blob: frames are
 * for the document preview.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${FORM_STYLE_HASH}`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "frame-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a request path to a file inside the renderer folder, or null. Refuses encoded or literal "..", dot files,
 * backslashes and NUL outright, then checks the resolved (and symlink-resolved) path is still inside the folder.
 */
export async function resolveStaticFile(root: string, rawPath: string): Promise<{ path: string; size: number } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\\') || decoded.includes('\0')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment.startsWith('.') || segment.includes(':'))) return null;
  const candidate = path.resolve(root, ...(segments.length > 0 ? segments : ['index.html']));
  if (!candidate.startsWith(root + path.sep)) return null;
  try {
    const real = await fs.promises.realpath(candidate);
    if (!real.startsWith(root + path.sep)) return null;
    const stat = await fs.promises.stat(real);
    return stat.isFile() ? { path: real, size: stat.size } : null;
  } catch {
    return null;
  }
}
