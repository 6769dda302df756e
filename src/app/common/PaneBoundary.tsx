// An error boundary per pane: a pane whose render throws shows what failed and a button to open it
// again; the rest of the app keeps working. (React catches render errors only in a class
// component's getDerivedStateFromError; the state here is that one error.)
import { Component, type ReactNode } from 'react';
import './pane-boundary.css';

interface Props {
  /** The pane's name as the user knows it ("Address map"). */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Automation hook: a pane whose name is in `window.__devcoredumpBreakPane` throws while rendering,
 * so the end-to-end tests can prove the boundary (no input of ours makes a pane throw any more).
 */
function Tripwire({ name }: { name: string }): null {
  const w = globalThis as { __devcoredumpBreakPane?: string };
  if (w.__devcoredumpBreakPane === name) throw new Error(`${name} was told to fail (test hook)`);
  return null;
}

export class PaneBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown): void {
    console.error(`${this.props.name} failed:`, error);
  }

  private reopen = (): void => {
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (error) {
      return (
        <section className="pane-failed" role="alert" aria-label={`${this.props.name} failed`} data-testid="pane-failed">
          <p>
            <strong>{this.props.name} failed</strong>: {error.message.slice(0, 300)}
          </p>
          <button type="button" onClick={this.reopen}>Reopen {this.props.name}</button>
        </section>
      );
    }
    return (
      <>
        <Tripwire name={this.props.name} />
        {this.props.children}
      </>
    );
  }
}
