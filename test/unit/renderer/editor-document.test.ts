// The editor's document model without a window: what the schema holds, the commands behind the toolbar and the
// keys, the normalising that keeps lists within the format's depth and tables with one header row, and undo.

import { undoDepth } from 'prosemirror-history';
import type { Node } from 'prosemirror-model';
import { type Command, EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { MAX_LIST_DEPTH, parseRichText } from '../../../electron/core/domain/markdown.ts';
import { docFromMarkdown, docWordCount, markdownOfDoc } from '../../../renderer/src/richtext/convert.ts';
import { docFromBlocks } from '../../../renderer/src/richtext/doc.ts';
import { commands, editorPlugins, listDepth } from '../../../renderer/src/richtext/editing.ts';
import { nodeTypes } from '../../../renderer/src/richtext/schema.ts';

function stateOf(markdown: string): EditorState {
  return EditorState.create({ doc: docFromMarkdown(markdown), plugins: editorPlugins() });
}

/** The state with the cursor at the end of the first text that reads `text`. */
function cursorAfter(state: EditorState, text: string): EditorState {
  let at = -1;
  state.doc.descendants((node, pos) => {
    if (at >= 0) return false;
    if (node.isText && node.text!.includes(text)) at = pos + node.text!.indexOf(text) + text.length;
    return true;
  });
  if (at < 0) throw new Error(`no "${text}" in the document`);
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
}

/** Runs a command; the state after it, and whether it applied. */
function run(state: EditorState, command: Command): { state: EditorState; applied: boolean } {
  let next = state;
  const applied = command(state, (tr) => (next = state.apply(tr)));
  return { state: next, applied };
}

const structure = (doc: Node): string => {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) out.push(node.type.name);
    return true;
  });
  return out.join(' ');
};

describe('the document the editor holds', () => {
  it('opens every construct of the format and saves it back unchanged', () => {
    const markdown = [
      'Plain, **bold**, *italic* and ***both***.\\',
      'A second line.',
      '',
      '- one',
      '  1. nested numbered',
      '     - third level',
      '- two',
      '',
      '| Budget line | 2025/26 | **2026/27** |',
      '| --- | --- | --- |',
      '| Officers | £1,200 | *£1,300* |',
      '| Staff |  | £900 |',
    ].join('\n');
    const doc = docFromMarkdown(markdown);
    expect(structure(doc)).toContain(
      'bullet_list list_item paragraph ordered_list list_item paragraph bullet_list list_item paragraph',
    );
    expect(structure(doc)).toContain('table table_row table_header cell_text');
    expect(markdownOfDoc(doc)).toBe(markdown);
  });

  it('counts the words in tables and lists, not their numbers or rules', () => {
    expect(
      docWordCount(docFromMarkdown('One two.\n\n1. three\n\n| four | five |\n| --- | --- |\n| six | seven eight |')),
    ).toBe(8);
  });

  it('starts an empty section as one empty paragraph that saves as nothing', () => {
    const doc = docFromMarkdown('');
    expect(structure(doc)).toBe('paragraph');
    expect(markdownOfDoc(doc)).toBe('');
  });
});

describe('lists', () => {
  it('nests with Tab to the depth the format keeps, and no further', () => {
    let state = cursorAfter(stateOf('- a\n- b\n- c\n- d'), 'b');
    state = run(state, commands.indent).state;
    state = run(cursorAfter(state, 'c'), commands.indent).state;
    state = run(cursorAfter(state, 'c'), commands.indent).state;
    expect(listDepth(state.doc)).toBe(3);
    state = run(cursorAfter(state, 'd'), commands.indent).state;
    state = run(cursorAfter(state, 'd'), commands.indent).state;
    const beyond = run(cursorAfter(state, 'd'), commands.indent);
    // Tab is taken (focus does not leave the section), but the item stays where the format can keep it.
    expect(beyond.applied).toBe(true);
    expect(listDepth(beyond.state.doc)).toBe(MAX_LIST_DEPTH);
    expect(markdownOfDoc(beyond.state.doc)).toBe('- a\n  - b\n    - c\n    - d');
  });

  it('flattens whatever would nest deeper than that (a paste, a drop) into the deepest level, as it is saved', () => {
    const state = stateOf('- a');
    const tooDeep = docFromBlocks(parseRichText('- x\n  - y\n    - z')).firstChild!;
    // Inserted inside the item "a": four levels if it were kept.
    const inItem = state.doc.resolve(4);
    const after = state.apply(state.tr.insert(inItem.end(), tooDeep));
    expect(listDepth(after.doc)).toBe(MAX_LIST_DEPTH);
    expect(markdownOfDoc(after.doc)).toBe('- a\n  - x\n    - y\n    - z');
  });

  it('toggles as Word does: off in a list of its kind, switches the kind, or makes a list', () => {
    let state = cursorAfter(stateOf('Item'), 'Item');
    state = run(state, commands.bulletList).state;
    expect(markdownOfDoc(state.doc)).toBe('- Item');
    state = run(state, commands.numberedList).state;
    expect(markdownOfDoc(state.doc)).toBe('1. Item');
    state = run(state, commands.numberedList).state;
    expect(markdownOfDoc(state.doc)).toBe('Item');
  });
});

describe('tables', () => {
  const TABLE = '| Item | Cost |\n| --- | --- |\n| Vans | £10 |';

  it('inserts a table with a header row and puts the cursor in its first cell', () => {
    const state = run(cursorAfter(stateOf('Before'), 'Before'), commands.insertTable).state;
    expect(state.selection.$from.parent.type).toBe(nodeTypes.cell_text);
    expect(state.selection.$from.node(-1).type).toBe(nodeTypes.table_header);
    const typed = state.apply(state.tr.insertText('Line'));
    expect(markdownOfDoc(typed.doc)).toBe('Before\n\n| Line |  |  |\n| --- | --- | --- |\n|  |  |  |\n|  |  |  |');
  });

  it('adds a row when Tab leaves the last cell, and keeps one header row when rows go', () => {
    let state = cursorAfter(stateOf(TABLE), '£10');
    const tab = run(state, commands.addRow);
    expect(tab.applied).toBe(true);
    state = tab.state;
    expect(state.doc.firstChild!.childCount).toBe(3);
    // The header row deleted: the next row becomes the header, as the format has one.
    state = run(cursorAfter(state, 'Item'), commands.deleteRow).state;
    expect(state.doc.firstChild!.firstChild!.firstChild!.type).toBe(nodeTypes.table_header);
    expect(markdownOfDoc(state.doc)).toBe('| Vans | £10 |\n| --- | --- |\n|  |  |');
  });

  it('keeps a paragraph below a table that ends the section, to type in, which is not saved', () => {
    const opened = stateOf(TABLE);
    expect(structure(opened.doc).endsWith('table_cell cell_text paragraph')).toBe(true);
    const inserted = run(cursorAfter(stateOf('Costs'), 'Costs'), commands.insertTable).state;
    expect(inserted.doc.lastChild!.type).toBe(nodeTypes.paragraph);
    expect(markdownOfDoc(opened.doc)).toBe(TABLE);
  });

  it('offers no list inside a cell: a cell holds one line', () => {
    const state = cursorAfter(stateOf(TABLE), 'Vans');
    expect(commands.bulletList(state)).toBe(false);
    expect(commands.insertTable(state)).toBe(false);
  });
});

describe('undo', () => {
  it('takes back a replaced text (a restored version) as one step', () => {
    let state = stateOf('Mine');
    const theirs = docFromMarkdown('Theirs');
    state = state.apply(state.tr.replaceWith(0, state.doc.content.size, theirs.content).setMeta('loaded', true));
    expect(markdownOfDoc(state.doc)).toBe('Theirs');
    expect(undoDepth(state)).toBe(1);
    state = run(state, commands.undo).state;
    expect(markdownOfDoc(state.doc)).toBe('Mine');
  });
});
