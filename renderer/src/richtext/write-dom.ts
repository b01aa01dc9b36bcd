// Builds the editor's DOM from rich-text blocks: paragraphs, lists, <strong>, <em> and <br>, text always as text.

import type { RichBlock, RichInline, RichList } from '../../../electron/core/domain/markdown.ts';

function appendInline(doc: Document, parent: Node, content: readonly RichInline[]): void {
  for (const run of content) {
    if (run.kind === 'break') {
      parent.appendChild(doc.createElement('br'));
      continue;
    }
    let node: Node = doc.createTextNode(run.text);
    if (run.italic) {
      const em = doc.createElement('em');
      em.appendChild(node);
      node = em;
    }
    if (run.bold) {
      const strong = doc.createElement('strong');
      strong.appendChild(node);
      node = strong;
    }
    parent.appendChild(node);
  }
}

function listElement(doc: Document, list: RichList): HTMLElement {
  const element = doc.createElement(list.ordered ? 'ol' : 'ul');
  for (const item of list.items) {
    const li = doc.createElement('li');
    appendInline(doc, li, item.content);
    // An item with only a nested list still needs a line to put the caret on.
    if (item.content.length === 0) li.appendChild(doc.createElement('br'));
    for (const child of item.children) li.appendChild(listElement(doc, child));
    element.appendChild(li);
  }
  return element;
}

/** The blocks as DOM nodes; an empty document is one empty paragraph, so typing starts inside a <p>. */
export function blocksToFragment(doc: Document, blocks: readonly RichBlock[]): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const block of blocks) {
    if (block.kind === 'list') {
      fragment.appendChild(listElement(doc, block));
    } else {
      const p = doc.createElement('p');
      appendInline(doc, p, block.content);
      fragment.appendChild(p);
    }
  }
  if (blocks.length === 0) {
    const p = doc.createElement('p');
    p.appendChild(doc.createElement('br'));
    fragment.appendChild(p);
  }
  return fragment;
}

/** The blocks as an HTML string for the browser's insertHTML (built through the DOM, so all text is escaped). */
export function blocksToHtml(doc: Document, blocks: readonly RichBlock[]): string {
  const holder = doc.createElement('div');
  const single = blocks.length === 1 ? blocks[0] : undefined;
  // One pasted paragraph joins the paragraph it lands in, as pasting a few words into a sentence should.
  if (single?.kind === 'paragraph') appendInline(doc, holder, single.content);
  else holder.appendChild(blocksToFragment(doc, blocks));
  return holder.innerHTML;
}
