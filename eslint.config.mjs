import js from "@eslint/js";
import nx from "@nx/eslint-plugin";
import tseslint from "typescript-eslint";

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
      "@nx/enforce-module-boundaries": [
        "error",
        {
          allow: [],
          depConstraints: [
            { sourceTag: "type:protocol", onlyDependOnLibsWithTags: ["type:protocol"] },
            { sourceTag: "type:process-kit", onlyDependOnLibsWithTags: ["type:protocol"] },
            { sourceTag: "type:aos", onlyDependOnLibsWithTags: ["type:protocol", "type:process-kit"] },
            { sourceTag: "type:process", onlyDependOnLibsWithTags: ["type:protocol", "type:process-kit", "type:aos", "type:testing"] },
            { sourceTag: "type:testing", onlyDependOnLibsWithTags: ["type:protocol"] },
            { sourceTag: "type:sdk", onlyDependOnLibsWithTags: ["type:protocol"] },
            { sourceTag: "type:web", onlyDependOnLibsWithTags: ["type:sdk", "type:protocol"] },
            { sourceTag: "type:app", onlyDependOnLibsWithTags: ["type:web", "type:sdk", "type:protocol"] },
            { sourceTag: "type:tool", onlyDependOnLibsWithTags: ["type:web", "type:sdk", "type:protocol", "type:testing", "type:tool"] },
            { sourceTag: "type:test", onlyDependOnLibsWithTags: ["type:protocol", "type:process-kit", "type:testing", "type:process", "type:sdk", "type:web", "type:tool", "type:e2e-kit"] },
            // The bench loads the built site in Chromium as the e2e does (e2e-kit: the test wallet; web: its config and formatting).
            { sourceTag: "type:bench", onlyDependOnLibsWithTags: ["type:protocol", "type:testing", "type:process", "type:sdk", "type:tool", "type:web", "type:e2e-kit"] },
          ],
        },
      ],
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
    // The wiring's own tests run compiled fixtures inside the aos module, which libs/testing provides.
    files: ["libs/aos-kit/test/**/*.ts"],
    rules: { "@nx/enforce-module-boundaries": "off" },
  },
  {
    // Tool configuration files may import the shared root config; tool launchers share tools/ci/run-built-cli.mjs.
    files: ["**/vitest.config.ts", "**/vitest.*.config.ts", "**/playwright.config.ts", "**/next.config.*", "tools/*/bin/*.mjs"],
    rules: { "@nx/enforce-module-boundaries": "off" },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", fetch: "readonly" } },
  },
);
