/** @tim3/web/node: what the apps' scripts, their e2e global setups and `devnet up` share on the Node side. */
export { serveStatic } from "./static-server.mjs";
export { consoleConfig, siteConfig, writeConfigCli } from "./app-config.mjs";
