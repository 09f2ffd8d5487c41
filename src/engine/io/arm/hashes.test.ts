import { describe, expect, it } from 'vitest';
import { armGuid, armUniqueString } from './hashes';

// Every expected value below was computed by ARM's own expression library (Azure.Deployments.Expression), in
// Microsoft's tests; none is computed here. PowerShell DSC's uniqueString tests are not used: DSC hashes with the
// standard MurmurHash64A, which gives other strings than ARM (its uniqueString('a') is 'cfvwxu6sc4lqo').
const BICEP = 'https://github.com/Azure/bicep/blob/9beb0fee60ca53458f41492b699af440367b240b';

describe('uniqueString', () => {
  it.each([
    // Bicep folds uniqueString over literals at compile time: src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs line 914.
    [['snap', 'crackle', 'pop'], 'byghxckddilkc', `${BICEP}/src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs#L914`],
    // The evaluated parameters file: src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json line 105.
    [['asd', 'asdf', 'asdf'], 'iizpqit7ih3cc', `${BICEP}/src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json#L105`],
    // `bicep snapshot --subscription-id 00000000-... --resource-group myRg` of 'store${uniqueString(resourceGroup().id)}':
    // the predicted storage account is storejs26ofeqkqeve (src/Bicep.Cli.IntegrationTests/SnapshotCommandTests.cs line 83).
    [
      ['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg'],
      'js26ofeqkqeve',
      `${BICEP}/src/Bicep.Cli.IntegrationTests/SnapshotCommandTests.cs#L83`,
    ],
    // A virtual machine's id (longer than 8 bytes by a tail of 6), from Microsoft's Marketplace offer deployment manager,
    // whose test calls ARM's expression library.
    [
      [
        '/subscriptions/31e9f9a0-9fd2-4294-a0a3-0101246d9700/resourceGroups/rg-modm201-20230913120256/providers/Microsoft.Compute/virtualMachines/bobjacmodm201',
      ],
      'yvjxno3je5on2',
      'https://github.com/microsoft/commercial-marketplace-offer-deploy/blob/93be226fd091671c24d8ffdc1beb7139531ce3fc/tests/UnitTests/ArmFunctionsTests.cs',
    ],
  ])('of %j is %s (%s)', (args, expected) => {
    expect(armUniqueString(args)).toBe(expected);
  });

  it('is 13 characters of a-z and 2-7, and changes with case and with where the arguments split', () => {
    const value = armUniqueString(['/subscriptions/x/resourceGroups/rg-ml']);
    expect(value).toMatch(/^[a-z2-7]{13}$/);
    expect(armUniqueString(['/subscriptions/x/resourceGroups/RG-ML'])).not.toBe(value);
    // Arguments are joined with '-': ('a', 'b') hashes the text 'a-b'.
    expect(armUniqueString(['a', 'b'])).toBe(armUniqueString(['a-b']));
    expect(armUniqueString(['a', 'b'])).not.toBe(armUniqueString(['ab']));
  });
});

describe('guid', () => {
  it.each([
    // src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json line 31: guid('asdf').
    [['asdf'], '228d27cc-6fdb-5934-b7ac-1efccebade04', `${BICEP}/src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions/parameters.json#L31`],
    // src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs line 915: guid('foo', 'bar', 'baz').
    [['foo', 'bar', 'baz'], '2ed86837-7c7c-5eaa-9864-dd077fd19b0d', `${BICEP}/src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs#L915`],
  ])('of %j is %s (%s)', (args, expected) => {
    expect(armGuid(args)).toBe(expected);
  });

  it('is a version 5 UUID of the RFC 4122 variant, for long arguments too', () => {
    const id = armGuid([
      '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlprod',
      '00000000-0000-0000-0000-000000000001',
      'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    ]);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(armGuid(['foo', 'bar'])).not.toBe(armGuid(['foo-bar', '']));
  });

  it('is the name-based UUID that the SHA-1 of Web Crypto gives, across the lengths where padding takes a new block', async () => {
    // An independent SHA-1 (crypto.subtle) over ARM's namespace and the UTF-8 name, as RFC 4122 section 4.3 builds
    // it: names of every length around the 64-byte block edges, with characters of two, three and four bytes.
    const namespace = Uint8Array.from('11fb06fb712d4ddd98c7e71bbd588830'.match(/../g) ?? [], (hex) => parseInt(hex, 16));
    const rfc4122 = async (name: string): Promise<string> => {
      const utf8 = new TextEncoder().encode(name);
      const message = new Uint8Array(namespace.length + utf8.length);
      message.set(namespace);
      message.set(utf8, namespace.length);
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', message));
      hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
      hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
      const hex = [...hash.subarray(0, 16)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    };
    const alphabet = [...'aZ-/0é€😀'];
    for (let length = 0; length < 200; length++) {
      const name = Array.from({ length }, (_, i) => alphabet[(i * 7 + length) % alphabet.length]).join('');
      expect(armGuid([name]), `a name of ${length} characters`).toBe(await rfc4122(name));
    }
  });
});
