/**
 * Small pieces of bash the remediation script writer needs: quoting, and splitting the lines of a fix into
 * the units a shell runs (a simple command, a heredoc, a loop), so that a unit can be commented out whole.
 */

export { shellQuote as shellWord } from '../../fixes/shell';

/** A piece of a script that runs as one: a comment, a simple command, a heredoc, or a compound command. */
export interface ShellUnit {
  kind: 'comment' | 'blank' | 'command' | 'heredoc' | 'compound';
  lines: string[];
  /** For a heredoc: the file it writes (`cat > file <<'EOF'`), when it writes one. */
  writes?: string;
}

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1\s*$/;
const OPENS = /^\s*(for|while|until)\b.*\bdo\s*$|^\s*if\b.*\bthen\s*$|^\s*case\b.*\bin\s*$/;
const CLOSES = /^\s*(done|fi|esac)\b/;

/** Removes one level of shell quoting from a simple word (`'a b'` → `a b`). */
export function unquoteWord(word: string): string {
  if (word.length >= 2 && word.startsWith("'") && word.endsWith("'")) return word.slice(1, -1).replace(/'\\''/g, "'");
  if (word.length >= 2 && word.startsWith('"') && word.endsWith('"')) return word.slice(1, -1);
  return word;
}

/**
 * Splits script lines into units. Lines ending in a backslash continue the command; a heredoc runs to its
 * terminator line; `for ... do` / `if ... then` run to their matching `done` / `fi`.
 */
export function shellUnits(lines: readonly string[]): ShellUnit[] {
  const units: ShellUnit[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const trimmed = line.trim();
    if (trimmed === '') {
      units.push({ kind: 'blank', lines: [line] });
      i++;
      continue;
    }
    if (trimmed.startsWith('#')) {
      units.push({ kind: 'comment', lines: [line] });
      i++;
      continue;
    }
    const heredoc = HEREDOC.exec(line);
    if (heredoc) {
      const terminator = heredoc[2] as string;
      const body: string[] = [line];
      i++;
      while (i < lines.length && (lines[i] as string) !== terminator) body.push(lines[i++] as string);
      if (i < lines.length) body.push(lines[i++] as string);
      const target = /^\s*cat\s*>\s*(\S+)\s*<</.exec(line);
      units.push({ kind: 'heredoc', lines: body, ...(target ? { writes: unquoteWord(target[1] as string) } : {}) });
      continue;
    }
    if (OPENS.test(line)) {
      const body: string[] = [];
      let depth = 0;
      while (i < lines.length) {
        const current = lines[i++] as string;
        body.push(current);
        if (OPENS.test(current)) depth++;
        if (CLOSES.test(current)) depth--;
        if (depth <= 0) break;
      }
      units.push({ kind: 'compound', lines: body });
      continue;
    }
    const body: string[] = [line];
    i++;
    while ((body[body.length - 1] as string).endsWith('\\') && i < lines.length) body.push(lines[i++] as string);
    units.push({ kind: 'command', lines: body });
  }
  return units;
}

/** Files a command reads with `--file <name>`. */
export function filesRead(line: string): string[] {
  const files: string[] = [];
  for (const match of line.matchAll(/--file\s+('(?:[^']|'\\'')*'|"[^"]*"|\S+)/g)) files.push(unquoteWord(match[1] as string));
  return files;
}

/** `<registry name>`, `<workspace>`: a placeholder a person has to fill in. */
export function placeholders(line: string): string[] {
  return [...line.matchAll(/<([A-Za-z][^<>\n]*)>/g)].map((m) => `<${m[1] as string}>`);
}
