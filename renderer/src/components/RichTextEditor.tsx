// A rich-text section (executive summary, recommendation, decision, a template's own sections): a ProseMirror editor
// whose schema is what the record format keeps (richtext/schema.ts). The document lives in the editor while the
// person types; it becomes Markdown only when the editor store reads it to save.

import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Slice } from 'prosemirror-model';
import { closeHistory } from 'prosemirror-history';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { handlePaste as pasteCells, isInTable } from 'prosemirror-tables';
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import 'prosemirror-tables/style/tables.css';
import { formatWords } from '../format.ts';
import { LIMITS } from '../../../electron/core/domain/record.ts';
import type { RichBlock, RichInline, RichTextRun } from '../../../electron/core/domain/markdown.ts';
import {
  defuseStyles,
  docFromMarkdown,
  docWordCount,
  markdownLength,
  markdownOfDoc,
  markdownWordCount,
  pastedBlocks,
} from '../richtext/convert.ts';
import { fragmentOf } from '../richtext/doc.ts';
import { commands, type CommandName, editorPlugins, enclosingList } from '../richtext/editing.ts';
import { markTypes, nodeTypes } from '../richtext/schema.ts';
import { isSectionKey, richTextOf, type RichTextKey } from '../stores/editor/draft.ts';
import { editorSelectors } from '../stores/editor/selectors.ts';
import { useEditorStore } from '../stores/editor/store.ts';
import { tooLongMessage } from './paste-limit.ts';

/** Each tool's icon is drawn by the style sheet; its name is the button's text, for screen readers. */
const TOOLS: { command: CommandName; label: string; shortcut?: string; table?: boolean }[] = [
  { command: 'bold', label: 'Bold', shortcut: 'Control+B' },
  { command: 'italic', label: 'Italic', shortcut: 'Control+I' },
  { command: 'bulletList', label: 'Bulleted list', shortcut: 'Control+Shift+8' },
  { command: 'numberedList', label: 'Numbered list', shortcut: 'Control+Shift+7' },
  { command: 'insertTable', label: 'Insert table' },
  { command: 'addRow', label: 'Add row below', table: true },
  { command: 'addColumn', label: 'Add column to the right', table: true },
  { command: 'deleteRow', label: 'Delete row', table: true },
  { command: 'deleteColumn', label: 'Delete column', table: true },
  { command: 'deleteTable', label: 'Delete table', table: true },
];

type ToolState = Record<CommandName, { pressed?: boolean; enabled: boolean }>;

/** Words are counted once typing pauses, not on every key. */
const COUNT_DELAY_MS = 300;

function toolState(state: EditorState): ToolState {
  const { $from, from, to, empty } = state.selection;
  const marks = state.storedMarks ?? $from.marks();
  const hasMark = (type: typeof markTypes.strong) =>
    empty ? type!.isInSet(marks) !== undefined : state.doc.rangeHasMark(from, to, type!);
  const list = enclosingList(state)?.node.type;
  const result = {} as ToolState;
  for (const tool of TOOLS) result[tool.command] = { enabled: commands[tool.command](state) };
  result.bold.pressed = hasMark(markTypes.strong);
  result.italic.pressed = hasMark(markTypes.em);
  result.bulletList.pressed = list === nodeTypes.bullet_list;
  result.numberedList.pressed = list === nodeTypes.ordered_list;
  return result;
}

const sameTools = (a: ToolState, b: ToolState) =>
  TOOLS.every(({ command }) => a[command].enabled === b[command].enabled && a[command].pressed === b[command].pressed);

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

/** What a paste or drop of blocks would add, as a slice that joins the paragraphs it lands between. */
function sliceOf(blocks: readonly RichBlock[], state: EditorState): Slice {
  if (
    state.selection.$from.parent.type === nodeTypes.cell_text &&
    !(blocks.length === 1 && blocks[0]!.kind === 'table')
  ) {
    // A cell holds one line of text: whatever is pasted into it becomes that line.
    const doc = fragmentOf([{ kind: 'table', header: [blocks.flatMap(lineOf)], rows: [] }]);
    const cellText = doc.firstChild!.firstChild!.firstChild!.firstChild!;
    return new Slice(cellText.content, 0, 0);
  }
  const fragment = fragmentOf(blocks);
  const first = blocks[0]?.kind === 'paragraph' ? 1 : 0;
  const last = blocks.at(-1)?.kind === 'paragraph' ? 1 : 0;
  return new Slice(fragment, first, last);
}

/** A block's text runs on one line (for a table cell). */
function lineOf(block: RichBlock, index: number): RichTextRun[] {
  const space = { kind: 'text' as const, text: ' ', bold: false, italic: false };
  const runs = (content: readonly RichInline[]) => content.map((run) => (run.kind === 'break' ? space : run));
  const lead = index > 0 ? [space] : [];
  if (block.kind === 'paragraph') return [...lead, ...runs(block.content)];
  if (block.kind === 'table') return [...lead, ...[block.header, ...block.rows].flat(2)];
  return [...lead, ...block.items.flatMap((item, i) => [...(i > 0 ? [space] : []), ...runs(item.content)])];
}

export function RichTextEditor({ field, label, labelId, describedBy, readOnly }: RichTextEditorProps) {
  const mountRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  /** The record whose text the editor holds: a new record starts a new history, the same one keeps its undo. */
  const loadedFor = useRef<string | null>(null);
  const readOnlyRef = useRef(readOnly);
  /** Set when the text is read to be saved: the next edit starts a new undo step, so undo goes back save by save. */
  const savePoint = useRef(false);
  // A template's section has its own, smaller limit; its ids follow its path ("field-sections-options").
  const limit = isSectionKey(field) ? LIMITS.sectionText : LIMITS.richText;
  const id = `field-${field.replace(/\./g, '-')}`;
  const wordsId = `${id.slice('field-'.length)}-words`;
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
  const [tools, setTools] = useState<ToolState | null>(null);

  // The handlers the editor calls reach the latest props and state through this.
  const latest = useRef({ field, limit, richTextEdited });
  latest.current = { field, limit, richTextEdited };

  // The editor is made once; records and their text come and go through its state.
  useLayoutEffect(() => {
    /** Whether `adding` characters fit in the section in place of the selection; if not, says so and refuses them. */
    function fits(state: EditorState, adding: number): boolean {
      const { from, to } = state.selection;
      const replaced = state.doc.textBetween(from, to, '\n').length;
      const room = latest.current.limit - (markdownOfDoc(state.doc).length - replaced);
      if (adding <= room) {
        setPasteRefused(null);
        return true;
      }
      setPasteRefused(tooLongMessage(adding, latest.current.limit, room, 'section'));
      return false;
    }

    /** Puts pasted or dropped blocks in, unless the section would then be over its limit: then it says so instead. */
    function insertBlocks(view: EditorView, blocks: RichBlock[], event: ClipboardEvent | null, at?: number): boolean {
      if (blocks.length === 0) return true;
      const chosen =
        at === undefined ? view.state.tr : view.state.tr.setSelection(TextSelection.near(view.state.doc.resolve(at)));
      const state = view.state.apply(chosen);
      if (!fits(state, markdownLength(blocks))) return true;
      const slice = sliceOf(blocks, state);
      // A table pasted into a table fills its cells from the one the cursor is in, as Word does.
      if (
        event &&
        at === undefined &&
        isInTable(state) &&
        blocks.length === 1 &&
        blocks[0]!.kind === 'table' &&
        pasteCells(view, event, slice)
      )
        return true;
      view.dispatch(chosen.replaceSelection(slice).scrollIntoView().setMeta('uiEvent', 'paste'));
      return true;
    }

    const view = new EditorView(
      { mount: mountRef.current! },
      {
        state: EditorState.create({ doc: docFromMarkdown(''), plugins: editorPlugins() }),
        editable: () => !readOnlyRef.current,
        // ProseMirror reads a paste's HTML before handlePaste sees it: only its own (copied from a section) needs
        // reading, and then without style attributes, which the page's policy would refuse one by one as errors.
        transformPastedHTML: (html) => (html.includes('data-pm-slice') ? defuseStyles(html) : ''),
        handlePaste(view, event, slice) {
          const html = event.clipboardData?.getData('text/html') ?? '';
          const text = event.clipboardData?.getData('text/plain') ?? '';
          // Copied from this editor (or another section): ProseMirror keeps its structure as it was, read through
          // the schema, if it fits.
          if (html.includes('data-pm-slice'))
            return !fits(view.state, slice.content.textBetween(0, slice.content.size, '\n').length);
          return insertBlocks(view, pastedBlocks({ html, text }), event);
        },
        handleDrop(view, event, _slice, moved) {
          // Text dragged within the editor moves (ProseMirror's own drop); text from outside is read like a paste.
          if (moved || !event.dataTransfer) return false;
          const html = event.dataTransfer.getData('text/html');
          if (html.includes('data-pm-slice')) return false;
          const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
          if (!at) return false;
          event.preventDefault();
          return insertBlocks(
            view,
            pastedBlocks({ html, text: event.dataTransfer.getData('text/plain') }),
            null,
            at.pos,
          );
        },
        dispatchTransaction(this: EditorView, tr: Transaction) {
          if (savePoint.current && tr.docChanged) {
            closeHistory(tr);
            savePoint.current = false;
          }
          const next = this.state.apply(tr);
          this.updateState(next);
          const tools = toolState(next);
          setTools((previous) => (previous && sameTools(previous, tools) ? previous : tools));
          if (!tr.docChanged || tr.getMeta('loaded')) return;
          setPasteRefused(null);
          latest.current.richTextEdited(latest.current.field);
          if (countTimer.current) clearTimeout(countTimer.current);
          countTimer.current = setTimeout(() => setWords(docWordCount(this.state.doc)), COUNT_DELAY_MS);
        },
      },
    );
    viewRef.current = view;
    return () => {
      if (countTimer.current) clearTimeout(countTimer.current);
      viewRef.current = null;
      view.destroy();
    };
  }, []);

  // The saved text goes into the editor when the record is opened or replaced, never while the person types. A
  // restored version, a side chosen in a conflict or kept edits brought back replace the text as one step that Undo
  // takes back; another record starts afresh.
  useLayoutEffect(() => {
    const view = viewRef.current!;
    const { draft, record } = useEditorStore.getState();
    const markdown = draft ? richTextOf(draft, field) : '';
    const doc = docFromMarkdown(markdown);
    const recordId = record?.id ?? null;
    if (loadedFor.current !== null && loadedFor.current === recordId) {
      if (!view.state.doc.eq(doc))
        view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, doc.content).setMeta('loaded', true));
    } else {
      view.updateState(EditorState.create({ doc, plugins: editorPlugins() }));
      setTools(toolState(view.state));
    }
    loadedFor.current = recordId;
    setWords(markdownWordCount(markdown));
  }, [contentVersion, field]);

  useEffect(() => {
    readOnlyRef.current = readOnly;
    // Editable or not is read on each update: one with nothing in it makes the view read it again.
    viewRef.current?.setProps({});
  }, [readOnly]);

  useEffect(
    () =>
      richTextMounted(field, () => {
        savePoint.current = true;
        return markdownOfDoc(viewRef.current!.state.doc);
      }),
    [field, richTextMounted],
  );

  function toolChosen(command: CommandName) {
    const view = viewRef.current;
    if (!view || readOnly) return;
    commands[command](view.state, view.dispatch, view);
    view.focus();
  }

  // The table tools show inside a table, where Delete table applies.
  const inTable = tools?.deleteTable.enabled ?? false;
  const shown = TOOLS.filter((tool) => !tool.table || inTable);

  function toolbarKey(event: KeyboardEvent<HTMLDivElement>) {
    const index = Math.min(toolIndex, shown.length - 1);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: shown.length - 1,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key]! + shown.length) % shown.length;
    setToolIndex(next);
    event.currentTarget.querySelectorAll('button')[next]?.focus();
  }

  return (
    <div className={`rich-text${readOnly ? ' is-readonly' : ''}`}>
      {!readOnly && (
        <div className="rich-toolbar" role="toolbar" aria-label={`Formatting for ${label}`} onKeyDown={toolbarKey}>
          {shown.map((tool, index) => {
            const state = tools?.[tool.command];
            return (
              <button
                key={tool.command}
                type="button"
                tabIndex={index === Math.min(toolIndex, shown.length - 1) ? 0 : -1}
                className={`tool tool-${tool.command}${tool.table ? ' tool-table' : ''}`}
                aria-pressed={
                  tool.command in { bold: 1, italic: 1, bulletList: 1, numberedList: 1 }
                    ? (state?.pressed ?? false)
                    : undefined
                }
                // Unavailable here (a list inside a table cell), but still found by the arrow keys and announced.
                aria-disabled={state && !state.enabled ? true : undefined}
                aria-keyshortcuts={tool.shortcut}
                title={tool.shortcut ? `${tool.label} (${tool.shortcut.replace('Control', 'Ctrl')})` : tool.label}
                // Keeps the selection in the text, so the command applies to it.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => toolChosen(tool.command)}
              >
                <span className="visually-hidden">{tool.label}</span>
              </button>
            );
          })}
        </div>
      )}
      <div
        ref={mountRef}
        id={id}
        className="rich-editor"
        role="textbox"
        aria-multiline="true"
        aria-labelledby={labelId}
        aria-describedby={[describedBy, wordsId].filter(Boolean).join(' ')}
        aria-readonly={readOnly || undefined}
        spellCheck
        lang="en-GB"
        onBlur={fieldLeft}
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
