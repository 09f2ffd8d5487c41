// The refusal texts of ./fixtures, as the services print them (tests only): one file per service and shape.
const TEXTS = import.meta.glob<string>('./fixtures/*.txt', { query: '?raw', import: 'default', eager: true });

/** The text of one fixture file, by its name in ./fixtures. */
export function refusalText(name: string): string {
  const text = TEXTS[`./fixtures/${name}`];
  if (text === undefined) throw new Error(`no refusal fixture ${name}`);
  return text;
}
