import { describe, expect, it } from 'vitest';
import { SECRET_INPUTS, SECRET_VALUES, leakedIn } from '../../../e2e/fixtures/secrets/inputs';
import { analyze } from '../../engine/analysis/analyze';
import { readInputs } from '../../engine/io/inputs';
import { writeNativeEstate } from '../../engine/io/native';
import { writeAzScript, writeBicep, writeMarkdownReport, writeTerraform } from '../../engine/io/writers';
import { memoryStorage, saveSession, SESSION_KEY, sessionFrom } from './persistence';

/*
 * The browser's own copy of a user's work must never hold a credential: inputs with account keys, SAS
 * tokens, client secrets, passwords and PATs (native, az ml YAML, az CLI JSON) are read, saved as a session
 * and written in every export format, and none of the values turns up anywhere, in any common encoding.
 */

const read = readInputs(SECRET_INPUTS.map((input) => ({ file: input.name, text: input.text })));

describe('secrets in imported files', () => {
  it('are really in the inputs (so the checks below can fail)', () => {
    const all = SECRET_INPUTS.map((input) => input.text).join('\n');
    expect(leakedIn(all)).toEqual([...SECRET_VALUES]);
    expect(read.estate).toBeDefined();
    expect(read.inputs?.every((input) => input.used)).toBe(true);
  });

  it('are dropped on reading, and every drop is reported without repeating the value', () => {
    expect(leakedIn(JSON.stringify(read.estate))).toEqual([]);
    expect(leakedIn(JSON.stringify(read.diagnostics))).toEqual([]);
    expect(read.diagnostics.filter((d) => /secret|credential/.test(d.message)).length).toBeGreaterThanOrEqual(SECRET_INPUTS.length);
  });

  it('never reach the saved session', async () => {
    const storage = memoryStorage();
    const estate = read.estate!;
    await saveSession(storage, sessionFrom({ estate, baseline: estate, past: [{ estate, label: 'opened' }], future: [], view: { focusMode: false } }));
    expect(storage.data.has(SESSION_KEY)).toBe(true);
    expect(leakedIn(JSON.stringify(storage.data.get(SESSION_KEY)))).toEqual([]);
  });

  it('never reach an export', () => {
    const estate = read.estate!;
    const analysis = analyze(estate);
    const outputs = {
      yaml: writeNativeEstate(estate, 'yaml'),
      json: writeNativeEstate(estate, 'json'),
      markdown: writeMarkdownReport(analysis, estate, { date: '2025-01-01' }),
      az: writeAzScript(analysis, estate),
      bicep: JSON.stringify(writeBicep(analysis, estate)),
      terraform: JSON.stringify(writeTerraform(analysis, estate)),
    };
    for (const [format, text] of Object.entries(outputs)) expect(leakedIn(text), format).toEqual([]);
  });
});
