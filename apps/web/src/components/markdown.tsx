import { Fragment, type ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "@/lib/markdown";

const HEADING_CLASS = ["text-xl font-bold", "text-lg font-semibold", "text-base font-semibold", "text-sm font-semibold", "text-sm font-semibold", "text-sm font-semibold"];

/** Renders guidelines Markdown as React elements only (see lib/markdown.ts): no raw HTML. */
export function Markdown({ source }: { source: string }) {
  const blocks = parseMarkdown(source);
  if (blocks.length === 0) return <p className="text-sm text-slate-500 italic">No guidelines written yet.</p>;
  return <div className="space-y-3 text-sm leading-relaxed text-slate-700">{blocks.map(renderBlock)}</div>;
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case "heading": {
      const Tag = `h${block.level}` as const;
      return (
        <Tag key={key} className={`${HEADING_CLASS[block.level - 1] ?? ""} pt-1 text-slate-900 first:pt-0`}>
          {renderInline(block.children)}
        </Tag>
      );
    }
    case "paragraph":
      return <p key={key}>{renderInline(block.children)}</p>;
    case "list": {
      const items = block.items.map((item, index) => (
        <li key={index} className="pl-1">
          {renderInline(item)}
        </li>
      ));
      return block.ordered ? (
        <ol key={key} start={block.start} className="list-decimal space-y-1.5 pl-6 marker:font-semibold marker:text-indigo-600">
          {items}
        </ol>
      ) : (
        <ul key={key} className="list-disc space-y-1.5 pl-6 marker:text-indigo-400">
          {items}
        </ul>
      );
    }
    case "quote":
      return (
        <blockquote key={key} className="border-l-4 border-indigo-200 bg-indigo-50/50 py-2 pr-3 pl-4 text-slate-700">
          {renderInline(block.children)}
        </blockquote>
      );
    case "code":
      return (
        <pre key={key} className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100">
          {block.text}
        </pre>
      );
    case "rule":
      return <hr key={key} className="border-slate-200" />;
  }
}

function renderInline(nodes: Inline[]): ReactNode {
  return nodes.map((node, key) => {
    switch (node.type) {
      case "text":
        return <Fragment key={key}>{node.text}</Fragment>;
      case "strong":
        return (
          <strong key={key} className="font-semibold text-slate-900">
            {renderInline(node.children)}
          </strong>
        );
      case "em":
        return <em key={key}>{renderInline(node.children)}</em>;
      case "code":
        return (
          <code key={key} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800">
            {node.text}
          </code>
        );
      case "link":
        return (
          <a key={key} href={node.href} rel="noopener noreferrer nofollow" className="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}
