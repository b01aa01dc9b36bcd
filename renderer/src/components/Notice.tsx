// News about what just happened, in live regions that exist before the news so screen readers announce it.

import type { ReactNode } from 'react';
import type { NoticeContent } from '../stores/notice.ts';

export interface NoticeAreaProps {
  notice: NoticeContent | null;
  /** Something the person can do about it, e.g. "Load the latest version". */
  action?: ReactNode;
  /** The message's id, so the action can be described by it (a focused Undo then says what it undoes). */
  messageId?: string;
}

export function NoticeArea({ notice, action, messageId }: NoticeAreaProps) {
  const urgent = notice !== null && (notice.kind === 'error' || notice.kind === 'conflict');
  const body = notice && (
    <div className={`notice notice-${notice.kind}`}>
      <p id={messageId}>{notice.message}</p>
      {action}
    </div>
  );
  return (
    <div className="notice-area">
      <div role="status">{urgent ? null : body}</div>
      <div role="alert">{urgent ? body : null}</div>
    </div>
  );
}
