import { readFileSync } from 'node:fs';
import { analyze } from '../src/engine/analysis/analyze';
for (const size of process.argv.slice(2)) {
  const text = readFileSync(`bench/estates/${size}.json`, 'utf8');
  let t = performance.now();
  const e = JSON.parse(text);
  const parse = performance.now() - t;
  t = performance.now();
  const a = analyze(e);
  console.log(size, 'parse', parse.toFixed(0), 'analyze', (performance.now() - t).toFixed(0), a.findings.length, a.paths.length, JSON.stringify(a.summary));
}
