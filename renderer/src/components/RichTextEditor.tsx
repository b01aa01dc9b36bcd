// A rich-text section (executive summary, recommendation, decision): bold, italic and lists, typed at full speed.
// The text lives in the editable element while typing; it becomes Markdown only when the editor store saves it.

import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { formatWords } from '../format.ts';
import { LIMITS } from '../../../electron/core/domain/record.ts';
import { blocksToHtml, editorWordCount, fillEditor, markdownFromEditor, markdownLength, markdownWordCount, pastedBlocks } from '../richtext/convert.ts';
import { isSectionKey, richTextOf, type RichTextKey } from '../stores/editor/draft.ts';
import { editorSelectors } from '../stores/editor/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';
import { tooLongMessage } from './paste-limit.ts';

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList';

/** Each tool's icon is drawn by the style sheet; its name is the button's text, for screen readers. */
const TOOLS: { command: Command; label: string; shortcut: string }[] = [
  { command: 'bold', label: 'Bold', shortcut: 'Control+B' },
  { command: 'italic', label: 'Italic', shortcut: 'Control+I' },
  { command: 'insertUnorderedList', label: 'Bulleted list', shortcut: 'Control+Shift+8' },
  { command: 'insertOrderedList', label: 'Numbered list', shortcut: 'Control+Shift+7' },
];

/** Formatting the stored subset cannot hold; refused as it is typed rather than lost on saving. */
const REFUSED_INPUT = /^format(Underline|StrikeThrough|Superscript|Subscript|FontColor|BackColor|FontName|Justify)/;

/** Words are counted once typing pauses, not on every key. */
const COUNT_DELAY_MS = 300;

export interface RichTextEditorProps {
  /** The section edited: a built-in one, or a template's rich-text section by its path ("sections.options"). */
  field: RichTextKey;
  /** The section's name, for the toolbar's label ("Formatting for EXECUTIVE SUMMARY"). */
  label: string;
  /** The id of the element that labels the section (its heading). */
  labelId: string;
  /** The ids of hints that describe it. */
  describedBy?: string;
  readOnly: boolean;
}

function run(command: Command) {
  document.execCommand(command);
}

/** Typing "- ", "* " or "1. " at the start of a paragraph starts a list, as in Word. */
function startsList(root: HTMLElement): Command | null {
  const selection = document.getSelection();
  if (!selection?.isCollapsed || !selection.anchorNode || !root.contains(selection.anchorNode)) return null;
  let block: Node | null = selection.anchorNode;
  while (block && block.parentNode !== root) block = block.parentNode;
  if (!(block instanceof HTMLParagraphElement || block instanceof HTMLDivElement)) return null;
  const text = block.textContent ?? '';
  const caretAtEnd = selection.anchorNode.nodeType !== Node.TEXT_NODE || selection.anchorOffset === (selection.anchorNode.textContent ?? '').length;
  if (!caretAtEnd) return null;
  if (text === '-' || text === '*') return 'insertUnorderedList';
  if (text === '1.') return 'insertOrderedList';
  return null;
}

function insideList(root: HTMLElement): boolean {
  const node = document.getSelection()?.anchorNode ?? null;
  const element = node instanceof Element ? node : node?.parentElement;
  const item = element?.closest('li');
  return item !== null && item !== undefined && root.contains(item);
}

export function RichTextEditor({ field, label, labelId, describedBy, readOnly }: RichTextEditorProps) {
  const editorRef = useRef<HTMLDivElement>(null);
  // A template's section has its own, smaller limit; its ids follow its path ("field-sections-options").
  const limit = isSectionKey(field) ? LIMITS.sectionText : LIMITS.richText;
  const id = `field-${field.replace(/\./g, '-')}`;
  const wordsId = `${id.slice('field-'.length)}-words`;
  const savedRange = useRef<Range | null>(null);
  const countTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const contentVersion = useEditorStore(editorSelectors.contentVersion);
  const richTextMounted = useEditorStore((s) => s.richTextMounted);
  const richTextEdited = useEditorStore((s) => s.richTextEdited);
  const fieldLeft = useEditorStore((s) => s.fieldLeft);
  const [words, setWords] = useState(0);
  /** Why the last paste or drop was refused (too long for the section), until the person types on. */
  const [pasteRefused, setPasteRefused] = useState<string | null>(null);
  /** The toolbar is one stop for Tab; the arrow keys move between its buttons (the ARIA toolbar pattern). */
  const [toolIndex, setToolIndex] = useState(0);
  const [active, setActive] = useState<Record<Command, boolean>>({
    bold: false,
    italic: false,
    insertUnorderedList: false,
    insertOrderedList: false,
  });

  // The saved text goes into the editor when the record is opened or replaced, never while the person types.
  useLayoutEffect(() => {
    const root = editorRef.current!;
    const draft = useEditorStore.getState().draft;
    const markdown = draft ? richTextOf(draft, field) : '';
    fillEditor(root, markdown);
    setWords(markdownWordCount(markdown));
  }, [contentVersion, field]);

  useEffect(() => {
    const root = editorRef.current!;
    return richTextMounted(field, () => markdownFromEditor(root));
  }, [field, richTextMounted]);

  useEffect(() => {
    const root = editorRef.current!;
    const refuse = (event: InputEvent) => {
      if (REFUSED_INPUT.test(event.inputType)) event.preventDefault();
    };
    // The toolbar shows the formatting where the cursor is, and remembers the selection for toolbar clicks.
    const selectionChanged = () => {
      const range = document.getSelection()?.rangeCount ? document.getSelection()!.getRangeAt(0) : null;
      if (!range || !root.contains(range.commonAncestorContainer)) return;
      savedRange.current = range.cloneRange();
      // Not every DOM has the command API (jsdom has none): there the toolbar simply shows nothing pressed.
      const state = (command: Command) => (typeof document.queryCommandState === 'function' ? document.queryCommandState(command) : false);
      setActive((previous) => {
        const next = {
          bold: state('bold'),
          italic: state('italic'),
          insertUnorderedList: state('insertUnorderedList'),
          insertOrderedList: state('insertOrderedList'),
        };
        return (Object.keys(next) as Command[]).some((c) => next[c] !== previous[c]) ? next : previous;
      });
    };
    root.addEventListener('beforeinput', refuse);
    document.addEventListener('selectionchange', selectionChanged);
    return () => {
      root.removeEventListener('beforeinput', refuse);
      document.removeEventListener('selectionchange', selectionChanged);
      if (countTimer.current) clearTimeout(countTimer.current);
    };
  }, []);

  function edited() {
    setPasteRefused(null);
    richTextEdited(field);
    if (countTimer.current) clearTimeout(countTimer.current);
    countTimer.current = setTimeout(() => {
      const root = editorRef.current;
      if (root) setWords(editorWordCount(root));
    }, COUNT_DELAY_MS);
  }

  /** Puts pasted or dropped text in, unless the section would then be over its limit: then it says so instead. */
  function insertBlocks(clipboard: { html: string; text: string }) {
    const blocks = pastedBlocks(clipboard);
    if (blocks.length === 0) return;
    const root = editorRef.current!;
    const selection = document.getSelection();
    const replaced = selection && selection.rangeCount > 0 && root.contains(selection.anchorNode) ? selection.toString().length : 0;
    const room = limit - (markdownFromEditor(root).length - replaced);
    const adding = markdownLength(blocks);
    if (adding > room) {
      setPasteRefused(tooLongMessage(adding, limit, room, 'section'));
      return;
    }
    setPasteRefused(null);
    document.execCommand('insertHTML', false, blocksToHtml(document, blocks));
  }

  function toolChosen(command: Command) {
    const root = editorRef.current!;
    if (readOnly) return;
    if (document.activeElement !== root) {
      root.focus();
      const range = savedRange.current;
      if (range && root.contains(range.commonAncestorContainer)) {
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
      }
    }
    run(command);
  }

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (readOnly) return;
    const root = editorRef.current!;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.shiftKey && !event.altKey) {
      const key = event.key.toLowerCase();
      if (key === 'b' || key === 'i') {
        event.preventDefault();
        run(key === 'b' ? 'bold' : 'italic');
      } else if (key === 'u') {
        event.preventDefault();
      }
      return;
    }
    if (mod && event.shiftKey && (event.code === 'Digit8' || event.code === 'Digit7')) {
      event.preventDefault();
      run(event.code === 'Digit8' ? 'insertUnorderedList' : 'insertOrderedList');
      return;
    }
    if (event.key === 'Tab' && !mod && !event.altKey && insideList(root)) {
      // In a list, Tab nests the item one level and Shift+Tab brings it back; elsewhere Tab moves on as usual.
      event.preventDefault();
      document.execCommand(event.shiftKey ? 'outdent' : 'indent');
      return;
    }
    if (event.key === ' ' && !mod && !event.altKey) {
      const list = startsList(root);
      if (list) {
        event.preventDefault();
        document.execCommand('delete');
        if (list === 'insertOrderedList') document.execCommand('delete');
        run(list);
      }
    }
  }

  return (
    <div className={`rich-text${readOnly ? ' is-readonly' : ''}`}>
      {!readOnly && (
        <div
          className="rich-toolbar"
          role="toolbar"
          aria-label={`Formatting for ${label}`}
          onKeyDown={(event) => {
            const moves: Record<string, number> = { ArrowRight: toolIndex + 1, ArrowLeft: toolIndex - 1, Home: 0, End: TOOLS.length - 1 };
            if (!(event.key in moves)) return;
            event.preventDefault();
            const next = (moves[event.key]! + TOOLS.length) % TOOLS.length;
            setToolIndex(next);
            event.currentTarget.querySelectorAll('button')[next]?.focus();
          }}
        >
          {TOOLS.map((tool, index) => (
            <button
              key={tool.command}
              type="button"
              tabIndex={index === toolIndex ? 0 : -1}
              className={`tool tool-${tool.command}`}
              aria-pressed={active[tool.command]}
              aria-keyshortcuts={tool.shortcut}
              title={`${tool.label} (${tool.shortcut.replace('Control', 'Ctrl')})`}
              // Keeps the selection in the text, so the command applies to it.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => toolChosen(tool.command)}
            >
              <span className="visually-hidden">{tool.label}</span>
            </button>
          ))}
        </div>
      )}
      <div
        ref={editorRef}
        id={id}
        className="rich-editor"
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        aria-describedby={[describedBy, wordsId].filter(Boolean).join(' ')}
        aria-readonly={readOnly || undefined}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        spellCheck
        lang="en-GB"
        tabIndex={0}
        onInput={edited}
        onBlur={fieldLeft}
        onKeyDown={keyDown}
        onPaste={(event) => {
          if (readOnly) return;
          event.preventDefault();
          insertBlocks({ html: event.clipboardData.getData('text/html'), text: event.clipboardData.getData('text/plain') });
        }}
        onDrop={(event) => {
          if (readOnly) return;
          event.preventDefault();
          const at = document.caretRangeFromPoint?.(event.clientX, event.clientY);
          if (at) {
            document.getSelection()?.removeAllRanges();
            document.getSelection()?.addRange(at);
          }
          insertBlocks({ html: event.dataTransfer.getData('text/html'), text: event.dataTransfer.getData('text/plain') });
        }}
      />
      <p id={wordsId} className="word-count">
        {formatWords(words)}
      </p>
      {pasteRefused && (
        <p className="field-error" role="alert">
          {pasteRefused}
        </p>
      )}
    </div>
  );
}
