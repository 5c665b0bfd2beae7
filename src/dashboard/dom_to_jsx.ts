import { jsx, type JSXNode } from "hono/jsx";

/** The part of a DOM node (linkedom or browser) that {@linkcode domToJsx} reads. */
export interface DomNode {
  /** 1 for elements, 3 for text. */
  nodeType: number;
  /** Tag name (elements). */
  nodeName: string;
  /** Text (text nodes). */
  textContent: string | null;
  /** Attributes (elements). */
  attributes?: ArrayLike<{ name: string; value: string }>;
  /** Children. */
  childNodes: ArrayLike<DomNode>;
}

/** Elements kept; anything else (style, script, foreignObject...) is dropped with its content. */
const TAGS = new Set([
  "a",
  "circle",
  "div",
  "figure",
  "g",
  "line",
  "path",
  "rect",
  "span",
  "svg",
  "text",
  "title",
  "tspan",
]);
const ATTRIBUTE = /^[a-zA-Z][a-zA-Z0-9-]*$/;

/**
 * Turns a chart's DOM (Observable Plot on linkedom) into hono/jsx nodes, so that the page
 * renderer escapes every text and attribute like any other value: nothing is inserted raw. Only
 * the SVG elements a chart needs are kept; `style` and `on*` attributes are dropped, and links
 * are kept only when they point into the dashboard (`/...`).
 *
 * @param node The root element.
 * @returns The JSX node, or null when the root is not a kept element.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseHTML } from "linkedom";
 * import { domToJsx } from "./dom_to_jsx.ts";
 * const { document } = parseHTML(
 *   '<svg onload="x()"><a href="javascript:x()"><title>&lt;b&gt;</title></a><style>*{}</style></svg>',
 * ) as unknown as { document: { firstChild: import("./dom_to_jsx.ts").DomNode } };
 * const html = String(domToJsx(document.firstChild));
 * assert.equal(html, "<svg><a><title>&lt;b&gt;</title></a></svg>");
 * ```
 */
export function domToJsx(node: DomNode): JSXNode | null {
  if (node.nodeType !== 1) return null;
  const tag = node.nodeName.toLowerCase();
  if (!TAGS.has(tag)) return null;
  const props: Record<string, string> = {};
  for (const { name, value } of Array.from(node.attributes ?? [])) {
    const lower = name.toLowerCase();
    if (!ATTRIBUTE.test(name) || lower.startsWith("on") || lower === "style") continue;
    if (lower === "href" && !(value.startsWith("/") && !value.startsWith("//"))) continue;
    props[name] = value;
  }
  const children: (JSXNode | string)[] = [];
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) children.push(child.textContent ?? "");
    else {
      const converted = domToJsx(child);
      if (converted) children.push(converted);
    }
  }
  return jsx(tag, props, ...children) as JSXNode;
}
