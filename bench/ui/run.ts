// The UI benchmark on its own (`npm run bench` runs it too, after the engine figures):
//   npx tsx bench/ui/run.ts [--quick] [--no-lighthouse]
// Writes bench/results/ui-latest.json (quick: ui-quick.json) and prints the rows.
import { runUiBench } from './index';

const quick = process.argv.includes('--quick');
const result = await runUiBench({
  quick,
  ...(process.argv.includes('--no-lighthouse') ? { lighthouse: false } : {}),
});
for (const row of result.rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\n${result.json.durationS.toFixed(0)} s; results in ${result.file}`);
