/**
 * The document both apps' root layouts render: the skip link, the app (its providers, header and pages) and an
 * optional footer. No hooks: it renders on the server (the "." entry), unlike "@tim3/web/react".
 */
import type { ReactNode } from "react";

export function AppDocument({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
        {footer}
      </body>
    </html>
  );
}
