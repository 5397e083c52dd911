/**
 * Import and export of service configurations in AEM's file formats — the one entry point for
 * the console's import/export pages and the CLI. Pure; safe in the browser.
 *
 * Import:  parseConfigFile / parseCfgJson / parseOsgiConfigXml / parseFelixConfig (one file),
 *          readContentPackage (a .zip), then planImport (changes + problems, applicable or not).
 * Export:  exportCfgJson / exportOsgiConfigXml (one service), exportAllZip (all of them).
 */
export {
  type ConfigFileError,
  type ConfigFileErrorKind,
  type ConfigFileFormat,
  type ConfigFileOrigin,
  type ConfigFileResult,
  type ParsedConfigFile,
  MAX_CONFIG_FILE_BYTES,
  decodeUtf8,
  formatOfFileName,
  parseCfgJson,
  parseConfigFile,
  parseFelixConfig,
  parseOsgiConfigXml,
  pidFromFileName,
} from "./formats/config-files";
export {
  type PackageReadResult,
  type PackageReadSkip,
  MAX_PACKAGE_CONFIG_FILES,
  packageFolders,
  readContentPackage,
  runModesOfFolder,
} from "./formats/package";
export {
  type ExportEntry,
  type ExportZipOptions,
  exportAllZip,
  exportCfgJson,
  exportOsgiConfigXml,
  exportValues,
  secretPlaceholderName,
} from "./formats/export";
export {
  type ImportOptions,
  type ImportPlan,
  type ImportPlanService,
  type ImportProblem,
  type ImportProblemKind,
  describeProblem,
  describeResets,
  planImport,
  publicPlan,
} from "./import-plan";
