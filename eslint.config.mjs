import js from "@eslint/js";
import nx from "@nx/eslint-plugin";
import tseslint from "typescript-eslint";

/**
 * Module boundaries on two axes; every project carries one `type:` tag and its `scope:` tags (tests/workspace/test checks it).
 * - type: a lib imports only libs; a process or an app only libs; a tool libs and tools; a test (and the bench) libs,
 *   tools and test kits. A library never imports a tool, an app, a process or a test.
 * - scope: chain code (processes, libs/aos-kit: what runs on AO) imports only chain code, client code (libs/sdk,
 *   libs/web, the apps) only client code; libs/protocol, the contract, is both; dev (tests, tools, libs/testing, the
 *   bench) may import anything. Their tests may also import dev code (libs/testing's aos runtime, fixtures).
 * The `*` rules are the catch-all: whatever a project imports must carry a type and a scope, so an untagged project
 * cannot be imported at all.
 * - The process framework is private to the processes: the chain-only libraries (libs/process-kit, libs/aos-kit: tagged
 *   scope:chain and no other scope) are imported only by processes, chain libraries and test projects; tools, apps, the
 *   bench and the dev libraries import client or dev code only. (Said with onlyDependOnLibsWithTags, which looks at the
 *   imported project only: notDependOnLibsWithTags walks the graph, and devnet's implicit dependencies on the processes
 *   would refuse every import of devnet.)
 */
function moduleBoundaries({ inTests }) {
  const dev = inTests ? ["scope:dev"] : [];
  return {
    allow: [],
    depConstraints: [
      { sourceTag: "type:lib", onlyDependOnLibsWithTags: ["type:lib"] },
      { sourceTag: "type:process", onlyDependOnLibsWithTags: ["type:lib"] },
      { sourceTag: "type:app", onlyDependOnLibsWithTags: ["type:lib"] },
      { sourceTag: "type:tool", onlyDependOnLibsWithTags: ["type:lib", "type:tool"] },
      { sourceTag: "type:test", onlyDependOnLibsWithTags: ["type:lib", "type:tool", "type:test"] },
      // The bench loads the built site in Chromium as the e2e does (e2e-kit: the test wallet).
      { sourceTag: "type:bench", onlyDependOnLibsWithTags: ["type:lib", "type:tool", "type:test"] },
      { sourceTag: "*", onlyDependOnLibsWithTags: ["type:*"] },
      { sourceTag: "scope:chain", onlyDependOnLibsWithTags: ["scope:chain", ...dev] },
      { sourceTag: "scope:client", onlyDependOnLibsWithTags: ["scope:client", ...dev] },
      { sourceTag: "scope:dev", onlyDependOnLibsWithTags: ["scope:chain", "scope:client", "scope:dev"] },
      { sourceTag: "*", onlyDependOnLibsWithTags: ["scope:*"] },
      { sourceTag: "type:tool", onlyDependOnLibsWithTags: ["scope:client", "scope:dev"] },
      { sourceTag: "type:bench", onlyDependOnLibsWithTags: ["scope:client", "scope:dev"] },
      { allSourceTags: ["type:lib", "scope:dev"], onlyDependOnLibsWithTags: ["scope:client", "scope:dev"] },
    ],
  };
}

/**
 * Callers branch on error codes, never on message text: rewording a process's or the protocol's message must not
 * change what the SDK, the CLI, the site or the console does. An error's text is `.message`, `.error`, `.reason` or
 * the Error / X-Reason tag; comparing it to a string, searching or matching it is refused where code reacts to errors.
 */
const ERROR_TEXT = [
  "MemberExpression[computed=false][property.name=/^(message|error|reason)$/]",
  "MemberExpression[computed=true][property.object.name='Tags'][property.property.name=/^(Error|XReason)$/]",
  "MemberExpression[computed=true][property.value=/^(Error|X-Reason)$/]",
];
const ERROR_TEXT_MESSAGE = "Branch on the error's code (Tim3Error.code, the Error-Code tag), never on its text.";
const errorTextComparisons = ERROR_TEXT.flatMap((text) => [
  `CallExpression > MemberExpression.callee[property.name=/^(startsWith|endsWith|includes|indexOf|match|matchAll|search|localeCompare)$/] > ${text}.object`,
  `BinaryExpression[operator=/^[!=]==?$/][right.type=/^(Literal|TemplateLiteral)$/]:not([right.raw=/^[^"']/]) > ${text}.left`,
  `BinaryExpression[operator=/^[!=]==?$/][left.type=/^(Literal|TemplateLiteral)$/]:not([left.raw=/^[^"']/]) > ${text}.right`,
  `CallExpression[callee.property.name='test'] > ${text}`,
]).map((selector) => ({ selector, message: ERROR_TEXT_MESSAGE }));

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.next/**", "**/out/**", "**/.nx/**", "**/.devnet/**", "**/test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs", "**/*.js"],
    plugins: { "@nx": nx },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-var": "off",
      "@nx/enforce-module-boundaries": ["error", moduleBoundaries({ inTests: false })],
    },
  },
  {
    // In the apps and their shell, @tim3/sdk (and its reads entry) is a type import or a lazy `import()` only: a
    // static value import would put aoconnect and its signing stack back in front of the first balances, or grow
    // every first page.
    files: ["apps/site/src/**/*.{ts,tsx}", "apps/admin/src/**/*.{ts,tsx}", "libs/web/src/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@tim3/sdk", allowTypeImports: true, message: "Read with useApp().reader; actions get the SDK from useApp().signing()." },
            { name: "@tim3/sdk/reads", allowTypeImports: true, message: "Read with useApp().reader (loadReads() for the module)." },
          ],
        },
      ],
    },
  },
  {
    // Where code reacts to errors (tests may assert the human text); tests/workspace/test/policy-lint.test.ts shows it refusing.
    files: ["libs/sdk/src/**/*.{ts,tsx,js,mjs}", "libs/web/src/**/*.{ts,tsx,js,mjs}", "tools/cli/src/**/*.{ts,js,mjs}", "apps/site/src/**/*.{ts,tsx,js,mjs}", "apps/admin/src/**/*.{ts,tsx,js,mjs}"],
    ignores: ["**/*.test.*", "**/*.spec.*"],
    rules: { "no-restricted-syntax": ["error", ...errorTextComparisons] },
  },
  {
    // Tests run the code they test in dev harnesses (libs/aos-kit's tests: compiled fixtures in libs/testing's aos module).
    files: ["**/test/**/*.{ts,tsx,mjs}", "**/*.test.{ts,tsx}", "**/*.spec.{ts,tsx}"],
    rules: { "@nx/enforce-module-boundaries": ["error", moduleBoundaries({ inTests: true })] },
  },
  {
    // Tool configuration files may import the shared root config.
    files: ["**/vitest.config.ts", "**/vitest.*.config.ts", "**/playwright.config.ts", "**/next.config.*"],
    rules: { "@nx/enforce-module-boundaries": "off" },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", fetch: "readonly" } },
  },
);
