// Writes docs/rules.md from the rule catalog (src/engine/rules/catalog): `npm run docs:rules`.
import { writeFileSync } from 'node:fs';
import { CATALOG_ENTRIES } from '../src/engine/rules/catalog';
import { renderRulesMarkdown } from '../src/engine/rules/rules-doc';

writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesMarkdown(CATALOG_ENTRIES));
console.log(`docs/rules.md: ${CATALOG_ENTRIES.length} rules`);
