import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Keeps a failure in one part of the page (the graph, a panel) from blanking the whole app: that part shows
 * what went wrong and a way to try again, the rest keeps working. `resetKey` starts afresh when it changes
 * (a new estate, say).
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; what: string; resetKey?: unknown },
  { error: Error | undefined; resetKey: unknown }
> {
  override state: { error: Error | undefined; resetKey: unknown } = { error: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error: Error | undefined; resetKey: unknown }) {
    return props.resetKey === state.resetKey ? null : { error: undefined, resetKey: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.what} failed:`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="m-4 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
        <p className="font-semibold">The {this.props.what} ran into a problem and stopped.</p>
        <p className="mt-1 break-words">{error.message}</p>
        <button
          type="button"
          onClick={() => this.setState({ error: undefined })}
          className="mt-3 rounded-md border border-red-300 bg-white px-3 py-1 font-medium text-red-900 hover:bg-red-100 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          Try again
        </button>
      </div>
    );
  }
}
