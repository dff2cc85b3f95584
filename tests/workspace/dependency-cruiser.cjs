/**
 * The import graph's rules, over every source file of the workspace (`pnpm nx deps-graph workspace-checks`): a library never
 * imports a tool, an app, a process or a test (by package name or by path), a tool's shipped code never imports the
 * test library, and no import cycle. Workspace packages
 * resolve to their TypeScript sources as in the tests (the "@tim3/source" condition), so an import by package name
 * lands on the file it means.
 */
/* global module */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "lib-imports-upward",
      comment: "libs/ is the bottom layer: a library imports only libraries (and npm packages)",
      severity: "error",
      from: { path: "^libs/" },
      to: { path: "^(tools|apps|processes|tests)/" },
    },
    {
      name: "tool-runs-on-test-library",
      comment: "a tool's shipped code (tools/*/src, bundled into its bin; not the bench, which measures the test network) never runs on the test library: libs/testing is for tests (the devnet's runtime parts live in libs/local-ao)",
      severity: "error",
      from: { path: "^tools/(?!bench/)[^/]+/src/" },
      to: { path: "^libs/testing/" },
    },
    {
      name: "no-cycle",
      comment: "an import cycle (within a project or across projects) makes the graph, and the order things load, ambiguous",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|out|\\.next|test-results|\\.nx|\\.devnet)/" },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      conditionNames: ["@tim3/source", "import", "module", "node", "default"],
      exportsFields: ["exports"],
      mainFields: ["module", "main"],
      extensions: [".ts", ".tsx", ".mts", ".mjs", ".js", ".json"],
    },
  },
};
