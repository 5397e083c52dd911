/**
 * Import and export of service configurations in AEM's file formats — the one entry point for
 * the console's import/export pages and the CLI. Pure; safe in the browser.
 *
 * Import:  parseConfigFile / parseCfgJson / parseOsgiConfigXml (one file),
 *          readContentPackage (a .zip), then planImport (changes + problems, applicable or not).
 * Export:  exportCfgJson / exportOsgiConfigXml (one service), exportAllZip (all of them).
 */
export {
  type ConfigFileResult,
  parseCfgJson,
  parseConfigFile,
  parseOsgiConfigXml,
  pidFromFileName,
} from "./formats/config-files";
export { packageFolders, readContentPackage } from "./formats/package";
export { exportAllZip, exportCfgJson, exportOsgiConfigXml, secretPlaceholderName } from "./formats/export";
export {
  type ImportPlan,
  describeProblem,
  describeProblemIn,
  describeResets,
  planImport,
  publicPlan,
} from "./import-plan";
