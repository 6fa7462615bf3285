import { useEffect, useState } from 'react';
import { CatalogueSection } from '@/components/catalogue/CatalogueSection';
import { DashboardShell } from '@/components/dashboard/DashboardShell';
import { SectionBoundary } from '@/components/dashboard/SectionBoundary';
import { ExportSection } from '@/components/export/ExportSection';
import { ResearchSection } from '@/components/research/ResearchSection';
import { StudioSection } from '@/components/studio/StudioSection';
import { pictureUrl } from '@/utils/catalogue/picture';
import { detectThresholdItem } from '@/utils/db/protected-item';
import { createDexieExportSource } from '@/utils/events/export';
import { reportFilename, reportToCsv } from '@/utils/metrics/csv';
import { createResearchSource } from '@/utils/research/source';
import { settings } from '@/utils/settings';
import { useDashboardStore } from '@/utils/studio/store';
import { useCatalogueImport } from './catalogue';
import { useAuthorReport, useAuthors, useCatalogue, useStorageItem } from './data';

const exportSource = createDexieExportSource();
const researchSource = createResearchSource(undefined, browser.runtime.getManifest().version);

function useSystemDark(): boolean {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const mq = matchMedia(query);
    const on = () => setDark(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return dark;
}

function downloadCsv(csv: string, filename: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked on the next task: the download has taken its copy by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function App() {
  const lang = useStorageItem(settings.lang);
  const threshold = useStorageItem(detectThresholdItem);
  const catalogue = useCatalogue();
  const catalogueImport = useCatalogueImport();
  const { section, setSection, theme, setTheme, authorId } = useDashboardStore();
  const authors = useAuthors();
  const selected = authorId ?? authors[0]?.id ?? null;
  const report = useAuthorReport(selected);
  const systemDark = useSystemDark();
  const resolved = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;

  // The section follows the URL hash, so dashboard.html#data opens the data section (links from the popup).
  useEffect(() => {
    const sync = () => {
      const hash = location.hash.slice(1);
      setSection(hash === 'data' || hash === 'research' || hash === 'catalogue' ? hash : 'studio');
    };
    sync();
    addEventListener('hashchange', sync);
    return () => removeEventListener('hashchange', sync);
  }, [setSection]);

  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.lang = lang;
    document.title = lang === 'en' ? '种草 Zhongcao · Dashboard' : '种草 Zhongcao · 工作台';
  }, [resolved, lang]);

  return (
    <DashboardShell
      lang={lang}
      section={section}
      theme={theme}
      onSection={(next) => {
        history.replaceState(null, '', `#${next}`);
        setSection(next);
      }}
      onLang={(l) => void settings.lang.setValue(l)}
      onTheme={setTheme}
      studio={
        <SectionBoundary lang={lang} name="studio">
          <StudioSection
            lang={lang}
            theme={theme === 'system' ? null : theme}
            catalogue={catalogue}
            threshold={threshold}
            imageSrc={pictureUrl}
            authors={authors}
            report={report}
            now={Date.now()}
            onExportCsv={() => report && downloadCsv(reportToCsv(report, lang), reportFilename(report.authorId))}
          />
        </SectionBoundary>
      }
      data={
        <SectionBoundary lang={lang} name="data">
          <ExportSection source={exportSource} lang={lang} />
        </SectionBoundary>
      }
      research={
        <SectionBoundary lang={lang} name="research">
          <ResearchSection lang={lang} source={researchSource} />
        </SectionBoundary>
      }
      catalogue={
        <SectionBoundary lang={lang} name="catalogue">
          <CatalogueSection
            lang={lang}
            phase={catalogueImport.phase}
            sources={catalogueImport.sources}
            shadowed={catalogueImport.shadowed}
            onFile={catalogueImport.importFile}
            onToggle={catalogueImport.toggle}
            onRemove={catalogueImport.remove}
            onMove={catalogueImport.move}
            onDownloadIssues={catalogueImport.downloadIssues}
          />
        </SectionBoundary>
      }
    />
  );
}
