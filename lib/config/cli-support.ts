// Re-exports used by the operator CLI (cli/commands/config.ts).
export { describeProblem, describeResets } from "@/lib/config/import-export";
export { describeChange as describeChangeLine } from "@/lib/config/diff";
