import { Component, type ErrorInfo, type ReactNode } from 'react';
import { importMessages as t } from '@/components/research/import-messages';
import type { Lang } from '@/utils/settings';

interface Props {
  lang: Lang;
  /** Names the section in the console when it fails. */
  name: string;
  children: ReactNode;
}

/**
 * Around every dashboard section (and the parts of one that read files): an error thrown while rendering one part
 * shows a message in its place, and the rest of the page keeps its state.
 */
export class SectionBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[zhongcao] dashboard section ${this.props.name} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="st-card" data-section-error={this.props.name}>
        <p>{t(this.props.lang, 'sectionFailed', { reason: error.message })}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {t(this.props.lang, 'retry')}
        </button>
      </div>
    );
  }
}
