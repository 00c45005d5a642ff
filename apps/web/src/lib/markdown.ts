/**
 * A deliberately small Markdown subset for dataset guidelines: headings, paragraphs, lists, quotes,
 * code, rules, and inline bold / italic / code / links. It builds a tree that React renders as text,
 * so no HTML from the guidelines ever reaches the page.
 */
export type Inline =
  | { type: "text"; text: string }
  | { type: "strong" | "em"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: Inline[] };

export type Block =
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: "paragraph"; children: Inline[] }
  | { type: "list"; ordered: boolean; start: number; items: Inline[][] }
  | { type: "quote"; children: Inline[] }
  | { type: "code"; text: string }
  | { type: "rule" };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (!line.trim()) {
      index++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence?.[1]) {
      const close = fence[1];
      const body: string[] = [];
      index++;
      while (index < lines.length && !(lines[index] ?? "").trim().startsWith(close)) body.push(lines[index++] ?? "");
      index++;
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading?.[1]) {
      blocks.push({ type: "heading", level: heading[1].length as 1 | 2 | 3 | 4 | 5 | 6, children: parseInline(heading[2] ?? "") });
      index++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      index++;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = Boolean(item[2]);
      const items: string[] = [];
      while (index < lines.length) {
        const current = lines[index] ?? "";
        const next = LIST_ITEM.exec(current);
        if (next && Boolean(next[2]) === ordered) items.push(next[3] ?? "");
        else if (current.trim() && /^\s+/.test(current) && items.length) items[items.length - 1] += ` ${current.trim()}`;
        else break;
        index++;
      }
      blocks.push({ type: "list", ordered, start: ordered ? Number(item[2]) : 1, items: items.map(parseInline) });
      continue;
    }
    if (line.trimStart().startsWith(">")) {
      const quoted: string[] = [];
      while (index < lines.length && (lines[index] ?? "").trimStart().startsWith(">")) {
        quoted.push((lines[index++] ?? "").trimStart().replace(/^>\s?/, ""));
      }
      blocks.push({ type: "quote", children: parseInline(quoted.join(" ").trim()) });
      continue;
    }
    const paragraph: string[] = [];
    while (index < lines.length) {
      const current = lines[index] ?? "";
      if (!current.trim() || HEADING.test(current) || FENCE.test(current) || LIST_ITEM.test(current) || RULE.test(current)) break;
      if (current.trimStart().startsWith(">")) break;
      paragraph.push(current.trim());
      index++;
    }
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
  }
  return blocks;
}

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = "";
  const flush = () => {
    if (buffer) out.push({ type: "text", text: buffer });
    buffer = "";
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const previous = i > 0 ? (text[i - 1] ?? "") : "";
    let match: RegExpExecArray | null;
    if (rest[0] === "\\" && rest.length > 1 && /[\\`*_[\]()#>+\-.!]/.test(rest[1] ?? "")) {
      buffer += rest[1];
      i += 2;
    } else if ((match = /^`([^`]+)`/.exec(rest))) {
      flush();
      out.push({ type: "code", text: match[1] ?? "" });
      i += match[0].length;
    } else if ((match = /^\*\*(?=\S)(.+?)\*\*/.exec(rest) ?? (isWordChar(previous) ? null : /^__(?=\S)(.+?)__(?!\w)/.exec(rest)))) {
      flush();
      out.push({ type: "strong", children: parseInline(match[1] ?? "") });
      i += match[0].length;
    } else if ((match = /^\*(?=[^\s*])([^*]*[^\s*])?\*/.exec(rest) ?? (isWordChar(previous) ? null : /^_(?=[^\s_])([^_]*[^\s_])?_(?!\w)/.exec(rest)))) {
      flush();
      out.push({ type: "em", children: parseInline(match[0].slice(1, -1)) });
      i += match[0].length;
    } else if ((match = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest))) {
      flush();
      const href = match[2] ?? "";
      const children = parseInline(match[1] ?? "");
      // javascript:, data: and other schemes are shown as plain text, never as links.
      if (SAFE_HREF.test(href)) out.push({ type: "link", href, children });
      else out.push(...children);
      i += match[0].length;
    } else {
      buffer += rest[0];
      i++;
    }
  }
  flush();
  return out;
}

const isWordChar = (char: string) => /\w/.test(char);
