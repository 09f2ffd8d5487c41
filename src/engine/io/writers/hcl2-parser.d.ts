/** The real HCL v2 parser (hashicorp/hcl compiled to JavaScript), used by the Terraform writer's tests. */
declare module 'hcl2-parser' {
  /** Parses HCL text; returns the document as an object and, on a syntax error, null and the error. */
  export function parseToObject(text: string): [Record<string, unknown> | null, unknown];
  const parser: { parseToObject: typeof parseToObject };
  export default parser;
}
