import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./markdown";

describe("parseMarkdown", () => {
  it("reads the default face rules", () => {
    const blocks = parseMarkdown(
      "# Face rules\n\nA frame is **FACE** when:\n\n1. **50% or more** of the face.\n2. A **profile** counts.\n\nOtherwise *NO FACE*.\n",
    );
    expect(blocks.map((block) => block.type)).toEqual(["heading", "paragraph", "list", "paragraph"]);
    const list = blocks[2];
    expect(list).toMatchObject({ type: "list", ordered: true, start: 1 });
    expect(list?.type === "list" && list.items[0]).toEqual([
      { type: "strong", children: [{ type: "text", text: "50% or more" }] },
      { type: "text", text: " of the face." },
    ]);
  });

  it("keeps code fences verbatim and recognises rules and quotes", () => {
    expect(parseMarkdown("```\n<b>x</b>\n```\n---\n> note")).toEqual([
      { type: "code", text: "<b>x</b>" },
      { type: "rule" },
      { type: "quote", children: [{ type: "text", text: "note" }] },
    ]);
  });
});

describe("parseInline", () => {
  it("does not turn unsafe links into links", () => {
    expect(parseInline("[click](javascript:alert(1))")).toEqual([{ type: "text", text: "click" }, { type: "text", text: ")" }]);
    expect(parseInline("[paper](https://example.org/p)")).toEqual([
      { type: "link", href: "https://example.org/p", children: [{ type: "text", text: "paper" }] },
    ]);
  });

  it("leaves raw HTML and snake_case as text", () => {
    expect(parseInline("<img src=x onerror=alert(1)> snake_case_name")).toEqual([
      { type: "text", text: "<img src=x onerror=alert(1)> snake_case_name" },
    ]);
  });

  it("reads italic, code and escapes", () => {
    expect(parseInline("*a* `b` \\*c\\*")).toEqual([
      { type: "em", children: [{ type: "text", text: "a" }] },
      { type: "text", text: " " },
      { type: "code", text: "b" },
      { type: "text", text: " *c*" },
    ]);
  });
});
