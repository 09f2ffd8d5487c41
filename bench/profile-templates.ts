// Profiling aid for the template row (bench/templates.ts): reads one template many times so that
// `node --cpu-prof --import tsx bench/profile-templates.ts generated|corpus [reads]` shows where a read spends its time.
import { readArmTemplate } from '../src/engine/io/arm/template';
import { generatedTemplate, largestCorpusTemplate } from './templates';

const which = process.argv[2] ?? 'generated';
const reads = Number(process.argv[3] ?? (which === 'generated' ? 10 : 300));
const text = which === 'generated' ? generatedTemplate(3 * 2 ** 20) : largestCorpusTemplate()?.text;
if (text === undefined) throw new Error('no corpus template: ../shared/corpus is missing');
const deployment = { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-bench' };
readArmTemplate(text, `${which}.json`, { deployment });
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let i = 0; i < reads; i++) readArmTemplate(text, `${which}.json`, { deployment });
const readMs = (performance.now() - start) / reads;
const cpu = process.cpuUsage(cpuStart);
const readCpuMs = (cpu.user + cpu.system) / 1000 / reads;
const parseStart = performance.now();
for (let i = 0; i < reads; i++) JSON.parse(text);
const parseMs = (performance.now() - parseStart) / reads;
console.log(`${which}: read ${readMs.toFixed(2)} ms (${readCpuMs.toFixed(2)} ms CPU), JSON.parse ${parseMs.toFixed(2)} ms, ${(readMs / parseMs).toFixed(1)}×`);
