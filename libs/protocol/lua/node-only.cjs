/**
 * A typescript-to-lua plugin for every Lua build that compiles @tim3/protocol in (the processes, aos-kit's fixtures,
 * the protocol's own conformance bundle): the contract's Node-only files (src/schemas.ts, the zod schemas) compile
 * to an empty Lua module. The processes import only the types inferred from those schemas (`import type`, erased),
 * but typescript-to-lua transpiles every file of the TypeScript program, types-only or not; without this it would
 * try to compile zod's calls (regular expressions, `require("zod")`) into every bundle.
 */
/* global require, module */
// typescript-to-lua loads plugins with require(): this file is CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const ts = require("typescript");
const tstl = require("typescript-to-lua");

const NODE_ONLY = /[\\/]libs[\\/]protocol[\\/]src[\\/]schemas\.ts$/;

module.exports = {
  visitors: {
    [ts.SyntaxKind.SourceFile]: (node, context) =>
      NODE_ONLY.test(node.fileName) ? tstl.createFile([], new Set(), "", node) : context.superTransformNode(node)[0],
  },
};
