import { it } from 'vitest';
import { readInputs } from './inputs';
import { readAzCliJson } from './azcli';
import { parseDocuments } from './source';
import { validateEstate } from '../model/validate';
it('perf', () => {
  const SUB = '11111111-2222-3333-4444-555555555555';
  const items = [];
  for (let i = 0; i < 60000; i++) {
    const hex = i.toString(16).padStart(12, '0');
    items.push({ id: `/subscriptions/${SUB}/resourcegroups/rg-${i % 50}/providers/Microsoft.Authorization/roleAssignments/10000000-0000-4000-8000-${hex}`, principalId: `eeeeeeee-0000-4000-8000-${(i % 5000).toString(16).padStart(12, '0')}`, principalName: `user${i % 5000}@contoso.com`, principalType: 'User', roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`, roleDefinitionName: 'Reader', scope: `/subscriptions/${SUB}/resourcegroups/rg-${i % 50}/providers/Microsoft.Storage/storageAccounts/st${i}`, type: 'Microsoft.Authorization/roleAssignments', condition: null, createdOn: '2024-01-01' });
  }
  const text = JSON.stringify(items, null, 2);
  let t = performance.now();
  const lap = (label: string) => { const now = performance.now(); console.log(label, Math.round(now - t)); t = now; };
  parseDocuments(text, 'big.json'); lap('parse');
  const r1 = readAzCliJson(text, 'big.json'); lap('azcli');
  validateEstate(r1.estate!); lap('validate fragment');
  const r = readInputs([{ file: 'big.json', text }]); lap('readInputs');
  console.log('assignments', r.estate?.roleAssignments.length, 'diags', r.diagnostics.length);
}, 120000);
