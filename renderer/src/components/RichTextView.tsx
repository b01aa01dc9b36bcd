// Rich text shown, not edited: the Markdown subset as paragraphs and lists (history and conflicts show it this way).

import { Fragment } from 'react';
import { parseRichText, type RichInline, type RichList } from '../../../electron/core/domain/markdown.ts';

function Inline({ content }: { content: readonly RichInline[] }) {
  return (
    <>
      {content.map((run, index) => {
        if (run.kind === 'break') return <br key={index} />;
        let node = <>{run.text}</>;
        if (run.italic) node = <em>{node}</em>;
        if (run.bold) node = <strong>{node}</strong>;
        return <Fragment key={index}>{node}</Fragment>;
      })}
    </>
  );
}

function List({ list }: { list: RichList }) {
  const Tag = list.ordered ? 'ol' : 'ul';
  return (
    <Tag>
      {list.items.map((item, index) => (
        <li key={index}>
          <Inline content={item.content} />
          {item.children.map((child, childIndex) => (
            <List key={childIndex} list={child} />
          ))}
        </li>
      ))}
    </Tag>
  );
}

export function RichTextView({ markdown }: { markdown: string }) {
  const blocks = parseRichText(markdown);
  if (blocks.length === 0) return <p className="muted">Empty</p>;
  return (
    <div className="rich-view">
      {blocks.map((block, index) =>
        block.kind === 'list' ? (
          <List key={index} list={block} />
        ) : (
          <p key={index}>
            <Inline content={block.content} />
          </p>
        ),
      )}
    </div>
  );
}
