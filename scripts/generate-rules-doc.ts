// Writes docs/rules.md from the rule catalog: `npm run docs:rules`.
import { writeFileSync } from 'node:fs';
import { RULES } from '../src/engine/rules/all-rules';
import { renderRulesMarkdown } from '../src/engine/rules/rules-doc';

writeFileSync(new URL('../docs/rules.md', import.meta.url), renderRulesMarkdown(RULES));
console.log(`docs/rules.md: ${RULES.length} rules`);
