// The KQL queries of public/queries are bundled as text (Vite's `?raw`), so the CLI runs the very queries the docs show.
declare module '*.kql?raw' {
  const text: string;
  export default text;
}
