export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves a Next static export on `host` (127.0.0.1) and `port` (0: any free one); `overrides` are served from memory. */
export function serveStatic(options: { dir: string; port?: number; host?: string; overrides?: Record<string, string> }): Promise<StaticServer>;
