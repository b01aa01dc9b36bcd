// How the rich-text editor behaves: Word's shortcuts, the list input rules, Tab in lists and tables, undo, and the
// normalising that keeps the document within what the format saves (three list levels, a header row per table).

import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { history, redo, undo } from 'prosemirror-history';
import { InputRule, inputRules, wrappingInputRule } from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import type { Node, NodeType } from 'prosemirror-model';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { type Command, type EditorState, Plugin, Selection, TextSelection, type Transaction } from 'prosemirror-state';
import {
  addColumnAfter,
  addRowAfter,
  deleteColumn,
  deleteRow,
  deleteTable,
  goToNextCell,
  isInTable,
  nextCell,
  selectionCell,
  tableEditing,
} from 'prosemirror-tables';
import { MAX_LIST_DEPTH } from '../../../electron/core/domain/markdown.ts';
import { blocksFromDoc, docFromBlocks } from './doc.ts';
import { markTypes, nodeTypes } from './schema.ts';

const isList = (node: Node) => node.type === nodeTypes.bullet_list || node.type === nodeTypes.ordered_list;

/** The innermost list around the selection's start, with its position; null outside lists. */
export function enclosingList(state: EditorState): { node: Node; pos: number; depth: number } | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (isList(node)) return { node, pos: $from.before(depth), depth };
  }
  return null;
}

/**
 * A list button or shortcut, as Word's: in a list of this kind it takes the items out of the list; in the other
 * kind it changes the kind of the items chosen (the whole list when all of it is chosen, or when it is nested);
 * elsewhere it makes the paragraphs a list.
 */
export function toggleList(type: NodeType): Command {
  const item = nodeTypes.list_item!;
  return (state, dispatch) => {
    const list = enclosingList(state);
    if (list?.node.type === type) return liftListItem(item)(state, dispatch);
    if (!list) return wrapInList(type)(state, dispatch);
    const { from, to } = state.selection;
    const whole = list.node.childCount === 1 || (from <= list.pos + 3 && to >= list.pos + list.node.nodeSize - 3);
    const nested = list.depth > 1;
    if (whole || nested) {
      dispatch?.(state.tr.setNodeMarkup(list.pos, type));
      return true;
    }
    // Some items of a list: out of it, then into a list of the other kind, which sits between the list's halves.
    let lifted: Transaction | null = null;
    if (!liftListItem(item)(state, (tr) => (lifted = tr))) return false;
    const out = lifted as unknown as Transaction;
    let wrapped: Transaction | null = null;
    if (!wrapInList(type)(state.apply(out), (tr) => (wrapped = tr))) return false;
    if (dispatch) {
      const again = wrapped as unknown as Transaction;
      for (const step of again.steps) out.step(step);
      dispatch(out.setSelection(TextSelection.create(out.doc, again.selection.anchor, again.selection.head)));
    }
    return true;
  };
}

/** Into the cell below, adding a row under the last one (Enter in a cell: a cell holds one line). */
const cellBelow: Command = (state, dispatch) => {
  if (!isInTable(state)) return false;
  if (!dispatch) return true;
  let tr = state.tr;
  let below = nextCell(selectionCell(state), 'vert', 1);
  if (!below) {
    addRowAfter(state, (next) => (tr = next));
    below = nextCell(selectionCell(state.apply(tr)), 'vert', 1);
    if (!below) return false;
    below = tr.doc.resolve(below.pos);
  }
  dispatch(tr.setSelection(Selection.near(tr.doc.resolve(below.pos + 1))).scrollIntoView());
  return true;
};

/** Tab in the last cell adds a row, as in Word. */
const nextCellOrNewRow: Command = (state, dispatch) => {
  if (!isInTable(state)) return false;
  if (goToNextCell(1)(state, dispatch)) return true;
  if (!dispatch) return true;
  let tr = state.tr;
  addRowAfter(state, (next) => (tr = next));
  const after = state.apply(tr);
  return goToNextCell(1)(after, (move) =>
    dispatch(
      tr.setSelection(TextSelection.create(tr.doc, move.selection.anchor, move.selection.head)).scrollIntoView(),
    ),
  );
};

const hardBreak: Command = (state, dispatch) => {
  if (state.selection.$from.parent.type !== nodeTypes.paragraph) return false;
  dispatch?.(state.tr.replaceSelectionWith(nodeTypes.hard_break!.create()).scrollIntoView());
  return true;
};

/** Tab in a list nests the item one level, unless it is as deep as the format keeps: then nothing happens. */
const indentWithinDepth: Command = (state, dispatch) => {
  let sunk: Transaction | null = null;
  if (!sinkListItem(nodeTypes.list_item!)(state, (tr) => (sunk = tr))) return false;
  if (!sunk || listDepth((sunk as Transaction).doc) > MAX_LIST_DEPTH) return true;
  dispatch?.(sunk);
  return true;
};

/** Shortcuts that do nothing here rather than what the browser would: formatting the format cannot keep. */
const refuse: Command = () => true;

const commandTable = {
  bold: toggleMark(markTypes.strong!),
  italic: toggleMark(markTypes.em!),
  bulletList: toggleList(nodeTypes.bullet_list!),
  numberedList: toggleList(nodeTypes.ordered_list!),
  indent: indentWithinDepth,
  outdent: liftListItem(nodeTypes.list_item!),
  insertTable: ((state: EditorState, dispatch?: (tr: Transaction) => void) => {
    if (isInTable(state) || state.selection.$from.parent.type !== nodeTypes.paragraph) return false;
    const table = docFromBlocks([
      {
        kind: 'table',
        header: [[], [], []],
        rows: [
          [[], [], []],
          [[], [], []],
        ],
      },
    ]).firstChild!;
    if (!dispatch) return true;
    const tr = state.tr.replaceSelectionWith(table);
    // Into the table's first cell, where the header is typed.
    const start = tr.mapping.map(state.selection.from, -1);
    let cell = -1;
    tr.doc.nodesBetween(start, tr.doc.content.size, (node, pos) => {
      if (cell >= 0) return false;
      if (node.type === nodeTypes.cell_text) cell = pos + 1;
      return true;
    });
    if (cell >= 0) tr.setSelection(Selection.near(tr.doc.resolve(cell)));
    dispatch(tr.scrollIntoView());
    return true;
  }) satisfies Command,
  addRow: addRowAfter,
  addColumn: addColumnAfter,
  deleteRow,
  deleteColumn,
  deleteTable,
  undo,
  redo,
} satisfies Record<string, Command>;

export type CommandName = keyof typeof commandTable;
/** What the toolbar's buttons and the shortcuts do. */
export const commands: Record<CommandName, Command> = commandTable;

function keymaps(): Plugin[] {
  const listItem = nodeTypes.list_item!;
  return [
    keymap({
      'Mod-z': undo,
      'Mod-y': redo,
      'Mod-Shift-z': redo,
      'Mod-b': commands.bold,
      'Mod-i': commands.italic,
      // Underline, and the font-size keys, have no place in the format: nothing happens rather than a lost style.
      'Mod-u': refuse,
      'Mod-Shift-8': commands.bulletList,
      'Mod-Shift-7': commands.numberedList,
      // Word's "List Bullet" shortcut.
      'Mod-Shift-l': commands.bulletList,
      Tab: chainCommands(nextCellOrNewRow, indentWithinDepth, (state) => enclosingList(state) !== null),
      'Shift-Tab': chainCommands(goToNextCell(-1), liftListItem(listItem), (state) => enclosingList(state) !== null),
      Enter: chainCommands(cellBelow, splitListItem(listItem)),
      'Shift-Enter': chainCommands(hardBreak, (state) => isInTable(state)),
      'Mod-Enter': chainCommands(hardBreak, (state) => isInTable(state)),
    }),
    keymap(baseKeymap),
  ];
}

/** "- ", "* " or "• " starts a bulleted list, "1. " a numbered one (as Word's AutoFormat). */
function listRules(): Plugin {
  const rules: InputRule[] = [
    wrappingInputRule(/^\s*([-*•])\s$/, nodeTypes.bullet_list!),
    wrappingInputRule(/^(\d{1,3})[.)]\s$/, nodeTypes.ordered_list!),
  ];
  return inputRules({ rules });
}

/** The deepest list nesting in a document: 1 for a list, 2 for a list inside one of its items, and so on. */
export function listDepth(doc: Node): number {
  let deepest = 0;
  const visit = (node: Node, depth: number) => {
    node.forEach((child) => {
      if (isList(child)) {
        deepest = Math.max(deepest, depth + 1);
        visit(child, depth + 1);
      } else if (child.type === nodeTypes.list_item) visit(child, depth);
    });
  };
  doc.forEach((child) => {
    if (isList(child)) {
      deepest = Math.max(deepest, 1);
      visit(child, 1);
    }
  });
  return deepest;
}

/** Cells of a table's first row are header cells, the rest are not: the format has one header row. */
function headerRowFixes(doc: Node, tr: Transaction): void {
  doc.forEach((table, tablePos) => {
    if (table.type !== nodeTypes.table) return;
    table.forEach((row, rowOffset, rowIndex) => {
      const want = rowIndex === 0 ? nodeTypes.table_header! : nodeTypes.table_cell!;
      row.forEach((cell, cellOffset) => {
        if (cell.type !== want) tr.setNodeMarkup(tablePos + 1 + rowOffset + 1 + cellOffset, want, cell.attrs);
      });
    });
  });
}

/**
 * After every change, the document is brought back within the format: lists nested deeper than MAX_LIST_DEPTH join
 * the deepest level (as the writer would save them), so the screen never shows what the save would not keep; and a
 * table's first row is its header row.
 */
function normalising(): Plugin {
  return new Plugin({
    appendTransaction(transactions, _old, state) {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      const tr = state.tr;
      if (listDepth(state.doc) > MAX_LIST_DEPTH) {
        const head = state.selection.head;
        const flattened = docFromBlocks(blocksFromDoc(state.doc));
        tr.replaceWith(0, state.doc.content.size, flattened.content);
        tr.setSelection(Selection.near(tr.doc.resolve(Math.min(head, tr.doc.content.size))));
      }
      headerRowFixes(tr.doc, tr);
      // Somewhere to type below a table that ends the section (docFromBlocks does the same when it opens).
      if (tr.doc.lastChild?.type === nodeTypes.table) tr.insert(tr.doc.content.size, nodeTypes.paragraph!.create());
      return tr.docChanged ? tr : null;
    },
  });
}

/** Every plugin of a section's editor, in the order they get a say. */
export function editorPlugins(extra: Plugin[] = []): Plugin[] {
  return [
    ...extra,
    listRules(),
    ...keymaps(),
    history({ depth: 500, newGroupDelay: 700 }),
    dropCursor(),
    gapCursor(),
    normalising(),
    tableEditing(),
  ];
}
