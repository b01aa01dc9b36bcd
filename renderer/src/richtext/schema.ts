// The editor's document schema: exactly what a record's rich-text section can hold (domain/markdown.ts), so nothing
// shows on screen that the saved Markdown could not keep.

import { Schema, type DOMOutputSpec, type NodeSpec } from 'prosemirror-model';
import { tableNodes } from 'prosemirror-tables';

const tables = tableNodes({ tableGroup: 'block', cellContent: 'cell_text', cellAttributes: {} });

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: {
    group: 'block',
    content: 'inline*',
    parseDOM: [{ tag: 'p' }],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },
  bullet_list: {
    group: 'block list',
    content: 'list_item+',
    parseDOM: [{ tag: 'ul' }],
    toDOM: (): DOMOutputSpec => ['ul', 0],
  },
  ordered_list: {
    group: 'block list',
    content: 'list_item+',
    parseDOM: [{ tag: 'ol' }],
    toDOM: (): DOMOutputSpec => ['ol', 0],
  },
  // An item is one paragraph (its lines) and the lists nested under it. How deep they may nest is the format's
  // MAX_LIST_DEPTH, which a content expression cannot count: the editor's normalising plugin keeps it (editing.ts).
  list_item: {
    content: 'paragraph list*',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: (): DOMOutputSpec => ['li', 0],
  },
  ...tables,
  // A cell holds one line of text, bold or italic: a pipe table's cell cannot keep a line break or a list.
  cell_text: {
    content: 'text*',
    marks: 'strong em',
    parseDOM: [{ tag: 'p', context: 'table_cell/|table_header/' }],
    toDOM: (): DOMOutputSpec => ['p', { class: 'cell-text' }, 0],
  },
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: (): DOMOutputSpec => ['br'],
  },
};

export const richTextSchema = new Schema({
  nodes,
  marks: {
    strong: {
      parseDOM: [
        { tag: 'strong' },
        // Google Docs wraps a whole paste in <b style="font-weight:normal">: not bold.
        {
          tag: 'b',
          getAttrs: (node) =>
            /font-weight\s*:\s*normal/i.test((node as HTMLElement).style?.cssText ?? '') ? false : null,
        },
        { style: 'font-weight', getAttrs: (value) => (/^(bold(er)?|[6-9]00)$/.test(value) ? null : false) },
      ],
      toDOM: (): DOMOutputSpec => ['strong', 0],
    },
    em: {
      parseDOM: [{ tag: 'em' }, { tag: 'i' }, { style: 'font-style=italic' }],
      toDOM: (): DOMOutputSpec => ['em', 0],
    },
  },
});

export const nodeTypes = richTextSchema.nodes;
export const markTypes = richTextSchema.marks;
