// The editor's document and the format's blocks (domain/markdown.ts), each made from the other: what the editor
// holds is saved through serialiseRichText, and what is saved opens through parseRichText.

import { Fragment, type Mark, type Node } from 'prosemirror-model';
import {
  MAX_LIST_DEPTH,
  type RichBlock,
  type RichCell,
  type RichInline,
  type RichList,
  type RichListItem,
  type RichTable,
  type RichTextRun,
} from '../../../electron/core/domain/markdown.ts';
import { markTypes, nodeTypes, richTextSchema } from './schema.ts';

function marksOf(run: RichTextRun): Mark[] {
  const marks: Mark[] = [];
  if (run.bold) marks.push(markTypes.strong!.create());
  if (run.italic) marks.push(markTypes.em!.create());
  return marks;
}

function inlineNodes(content: readonly RichInline[]): Node[] {
  const nodes: Node[] = [];
  for (const run of content) {
    if (run.kind === 'break') nodes.push(nodeTypes.hard_break!.create());
    else if (run.text) nodes.push(richTextSchema.text(run.text, marksOf(run)));
  }
  return nodes;
}

function listNode(list: RichList): Node {
  const type = list.ordered ? nodeTypes.ordered_list! : nodeTypes.bullet_list!;
  return type.create(
    null,
    list.items.map((item) =>
      nodeTypes.list_item!.create(null, [
        nodeTypes.paragraph!.create(null, inlineNodes(item.content)),
        ...item.children.map(listNode),
      ]),
    ),
  );
}

function cellNode(header: boolean, cell: RichCell | undefined): Node {
  const type = header ? nodeTypes.table_header! : nodeTypes.table_cell!;
  return type.create(null, nodeTypes.cell_text!.create(null, inlineNodes(cell ?? [])));
}

function tableNode(table: RichTable): Node {
  const width = Math.max(1, table.header.length, ...table.rows.map((row) => row.length));
  const row = (cells: readonly RichCell[], header: boolean) =>
    nodeTypes.table_row!.create(
      null,
      Array.from({ length: width }, (_, i) => cellNode(header, cells[i])),
    );
  return nodeTypes.table!.create(null, [row(table.header, true), ...table.rows.map((cells) => row(cells, false))]);
}

function blockNode(block: RichBlock): Node {
  if (block.kind === 'list') return listNode(block);
  if (block.kind === 'table') return tableNode(block);
  return nodeTypes.paragraph!.create(null, inlineNodes(block.content));
}

/**
 * The editor's document for blocks; no blocks is one empty paragraph, to type in, and a table at the end has an
 * empty paragraph after it, as in Word, so there is always somewhere to type below it (an empty paragraph is not
 * saved).
 */
export function docFromBlocks(blocks: readonly RichBlock[]): Node {
  const content = blocks.map(blockNode);
  if (content.length === 0 || content.at(-1)!.type === nodeTypes.table) content.push(nodeTypes.paragraph!.create());
  return nodeTypes.doc!.create(null, content);
}

/** Inline content of a textblock: text runs with their emphasis and line breaks. */
export function inlineOf(textblock: Node): RichInline[] {
  const content: RichInline[] = [];
  textblock.forEach((child) => {
    if (child.type === nodeTypes.hard_break) {
      content.push({ kind: 'break' });
      return;
    }
    if (!child.isText || !child.text) return;
    const bold = markTypes.strong!.isInSet(child.marks) !== undefined;
    const italic = markTypes.em!.isInSet(child.marks) !== undefined;
    const last = content.at(-1);
    if (last?.kind === 'text' && last.bold === bold && last.italic === italic) last.text += child.text;
    else content.push({ kind: 'text', text: child.text, bold, italic });
  });
  return content;
}

function cellOf(cell: Node): RichCell {
  const runs: RichCell = [];
  cell.forEach((textblock) => {
    for (const run of inlineOf(textblock)) {
      // A cell is one line: a break that arrived anyway reads as the space it shows as.
      if (run.kind === 'break') runs.push({ kind: 'text', text: ' ', bold: false, italic: false });
      else runs.push(run);
    }
  });
  return runs;
}

function tableOf(table: Node): RichTable {
  const rows: RichCell[][] = [];
  table.forEach((row) => {
    const cells: RichCell[] = [];
    row.forEach((cell) => cells.push(cellOf(cell)));
    rows.push(cells);
  });
  const [header = [], ...body] = rows;
  return { kind: 'table', header, rows: body };
}

/** A list's items; lists nested deeper than the format keeps join the deepest level it keeps, as the writer does. */
function listOf(list: Node, depth: number): RichList {
  const items: RichListItem[] = [];
  list.forEach((item) => {
    let content: RichInline[] = [];
    const children: RichList[] = [];
    const beneath: RichListItem[] = [];
    item.forEach((child, _offset, index) => {
      if (index === 0 && child.type === nodeTypes.paragraph) content = inlineOf(child);
      else if (child.type === nodeTypes.bullet_list || child.type === nodeTypes.ordered_list) {
        const nested = listOf(child, depth + 1);
        if (depth < MAX_LIST_DEPTH) children.push(nested);
        else beneath.push(...flatItems(nested));
      }
    });
    items.push({ content, children }, ...beneath);
  });
  return { kind: 'list', ordered: list.type === nodeTypes.ordered_list, items };
}

function flatItems(list: RichList): RichListItem[] {
  return list.items.flatMap((item) => [{ content: item.content, children: [] }, ...item.children.flatMap(flatItems)]);
}

/** The blocks the editor's document holds, as they will be saved. */
export function blocksFromDoc(doc: Node): RichBlock[] {
  const blocks: RichBlock[] = [];
  doc.forEach((node) => {
    if (node.type === nodeTypes.paragraph) blocks.push({ kind: 'paragraph', content: inlineOf(node) });
    else if (node.type === nodeTypes.table) blocks.push(tableOf(node));
    else if (node.type === nodeTypes.bullet_list || node.type === nodeTypes.ordered_list) blocks.push(listOf(node, 1));
  });
  return blocks;
}

/** A fragment of blocks, to insert (a paste, a drop). */
export function fragmentOf(blocks: readonly RichBlock[]): Fragment {
  return Fragment.from(blocks.map(blockNode));
}
