// A modal dialog on the native <dialog>: the browser keeps the focus inside it, Escape closes it, focus returns after.

import { type ReactNode, type RefObject, useEffect, useId, useRef } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  /** Escape or the Close button; leave out for a dialog that must be answered (a conflict). */
  onClose?: () => void;
  className?: string;
  /** What takes the focus on opening (a confirmation's answer); otherwise the browser's choice, the first control. */
  initialFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}

export function Dialog({ open, title, onClose, className, initialFocus, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // jsdom has neither showModal nor close: there the open attribute alone shows and hides it.
    const shown = dialog.hasAttribute('open');
    if (open && !shown) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      initialFocus?.current?.focus();
    } else if (!open && shown) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open, initialFocus]);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className ?? ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
    >
      {open && (
        <>
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            {onClose && (
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
            )}
          </div>
          <div className="dialog-body">{children}</div>
        </>
      )}
    </dialog>
  );
}
