import type { Child } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";

/** What a page component returns: escaped HTML, possibly async. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Props of {@linkcode Layout}. */
export interface LayoutProps {
  /** Page title (before the product name). */
  title: string;
  /** Whether the page shows a running sweep (loads the live-progress script). @default false */
  live?: boolean;
  /** Page content. */
  children?: Child;
}

/** The HTML shell of every page: head, stylesheet, top bar. */
export function Layout({ title, live = false, children }: LayoutProps): Html {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} \u00b7 Edge Inference Planner`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/style.css" />
        {live && <script src="/static/live.js" defer></script>}
        {live && (
          <noscript>
            <meta http-equiv="refresh" content="10" />
          </noscript>
        )}
      </head>
      <body>
        <header class="top">
          <a href="/">Edge Inference Planner</a>
          <span>sweep results</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

/** A status badge (`ok`, `running`, `complete`...). */
export function Badge({ status }: { status: string }): Html {
  return <span class={`badge ${status.replace(/[^a-z]/g, "")}`}>{status}</span>;
}
