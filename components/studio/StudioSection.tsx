import { useMemo } from 'react';
import type { CatalogueIndex } from '@/utils/match/index';
import type { AuthorReport } from '@/utils/metrics/conversion';
import type { Lang } from '@/utils/settings';
import { analyseDraft } from '@/utils/studio/draft';
import { useDashboardStore } from '@/utils/studio/store';
import { type AuthorOption, ConversionReport } from './ConversionReport';
import { DraftPreview } from './DraftPreview';
import { studioMessages as t } from './messages';
import { useDebounced } from './use-debounced';

export type CatalogueState =
  | { kind: 'loading' }
  | { kind: 'failed'; reason: string }
  | { kind: 'ready'; index: CatalogueIndex };

export interface StudioSectionProps {
  lang: Lang;
  theme: 'light' | 'dark' | null;
  catalogue: CatalogueState;
  threshold: number;
  imageSrc: (pictUrl: string) => string;
  authors: readonly AuthorOption[];
  report: AuthorReport | null;
  onExportCsv: () => void;
  now: number;
}

/** 创作者工作室: the draft preview and the conversion report. */
export function StudioSection(props: StudioSectionProps) {
  const { lang, catalogue } = props;
  const s = useDashboardStore();
  const text = useDebounced(s.draft, 150);
  const index = catalogue.kind === 'ready' ? catalogue.index : null;
  const analysis = useMemo(
    () =>
      index && text.trim() ? analyseDraft({ text, tier: s.tier, promoted: s.promoted }, index, props.threshold) : null,
    [index, text, s.tier, s.promoted, props.threshold],
  );
  const authorId = s.authorId ?? props.authors[0]?.id ?? null;
  return (
    <section className="st-section" aria-labelledby="studio-title">
      <h2 id="studio-title">{t(lang, 'studioTitle')}</h2>
      <p className="st-muted">{t(lang, 'studioIntro')}</p>
      <DraftPreview
        lang={lang}
        text={s.draft}
        tier={s.tier}
        promoted={s.promoted}
        analysis={analysis}
        status={catalogue.kind === 'ready' ? { kind: 'ready' } : catalogue}
        theme={props.theme}
        now={props.now}
        imageSrc={props.imageSrc}
        onText={s.setDraft}
        onTier={s.setTier}
        onPromoted={s.setPromoted}
      />
      <ConversionReport
        lang={lang}
        authors={props.authors}
        authorId={authorId}
        report={props.report}
        onAuthor={s.setAuthorId}
        onExportCsv={props.onExportCsv}
      />
    </section>
  );
}
