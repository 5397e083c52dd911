// Herald's template engine: pure TypeScript, no server imports (the editor's live preview runs
// the same code in the browser). See README.md in this folder.
export * from "./properties";
export * from "./catalog";
export * from "./render";
export * from "./lint";
export * from "./resolve";
export * from "./languages";
export * from "./html";
export * from "./html-lint";
export * from "./messages";
