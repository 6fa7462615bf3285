import { createRoot } from 'react-dom/client';
import { ExportSection } from '@/components/export/ExportSection';
import { createDexieExportSource } from '@/utils/events/export';

createRoot(document.getElementById('root')!).render(
  <>
    <h1>种草 Zhongcao · 工作台</h1>
    <ExportSection source={createDexieExportSource()} />
  </>,
);
