import type { SourceRef } from '../../model/types';
import { ReadContext } from '../core/context';
import type { ParsedDocument, SourcePath } from '../core/source';

/**
 * Located, typed access to one az ml document. It is the native reader's context with two differences that suit
 * files written for `az ml` rather than for this tool: a field whose line holds an unfilled `{{...}}` template
 * placeholder is not reported again (the placeholder warning already says what is wrong, and such a value is
 * often not even text), and there is an `info` level for notes that need no action.
 */
export class AzmlContext extends ReadContext {
  constructor(
    file: string,
    private readonly parsed: ParsedDocument,
    private readonly placeholderLines: ReadonlySet<number>,
  ) {
    super(file, parsed);
  }

  /** True when the value at `path` sits on a line with an unfilled template placeholder. */
  onPlaceholderLine(path: SourcePath): boolean {
    return this.placeholderLines.size > 0 && this.placeholderLines.has(this.parsed.locate(path).line);
  }

  override error(
    path: SourcePath,
    message: string,
    options?: { target?: 'key' | 'value'; related?: SourceRef },
  ): void {
    if (this.onPlaceholderLine(path)) return;
    super.error(path, message, options);
  }

  /** A note that needs no action: how something was attached, what was left out and why. */
  info(path: SourcePath, message: string, options?: { target?: 'key' | 'value' }): void {
    this.report('info', path, message, options);
  }
}
