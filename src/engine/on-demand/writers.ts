/* An on-demand entry (see ./analysis.ts): the report and fix writers, for exports. */
export { writeAzScript, writeBicep, writeMarkdownReport, writeTerraform } from '../io/writers';
