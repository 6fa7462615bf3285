import { useEffect, useState } from 'react';
import type { ExportSource, ExportStatus } from '@/utils/events/export';
import type { Lang } from '@/utils/settings';
import { ExportPanel, type ExportPhase } from './ExportPanel';

/** Wires ExportPanel to a data source (the dashboard passes the Dexie-backed one). */
export function ExportSection({ source, lang: fixedLang }: { source: ExportSource; lang?: Lang }) {
  const [lang, setLang] = useState<Lang>(fixedLang ?? 'zh-CN');
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [paused, setPaused] = useState(false);
  const [phase, setPhase] = useState<ExportPhase>({ kind: 'idle' });

  useEffect(() => source.watchStatus(setStatus), [source]);
  useEffect(() => source.watchPaused(setPaused), [source]);
  useEffect(() => (fixedLang ? setLang(fixedLang) : source.watchLang(setLang)), [source, fixedLang]);

  async function exportAll() {
    setPhase({ kind: 'exporting', written: 0 });
    try {
      const result = await source.exportNdjson((written) => setPhase({ kind: 'exporting', written }));
      source.download(result);
      setPhase({ kind: 'done', count: result.count, filename: result.filename });
    } catch (error) {
      setPhase({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <ExportPanel
      lang={lang}
      status={status}
      paused={paused}
      phase={phase}
      onExport={() => void exportAll()}
      onTogglePause={() => void source.setPaused(!paused)}
      onDeleteAll={() => void source.deleteAll().then(() => setPhase({ kind: 'deleted' }))}
      onAcknowledgeQuota={() => void source.acknowledgeQuota()}
    />
  );
}
