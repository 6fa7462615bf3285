import { createRoot } from 'react-dom/client';
import { popupStyles } from '@/components/popup/styles';
import type { PlantedPage } from '@/utils/popup/queries';
import type { StartedLiveQuery } from '@/utils/popup/started-live-query';
import { App } from './App';

/**
 * Renders once the first 种草 page is in, so the shell and its rows come in one render and one paint: a skeleton
 * painted first cost a second render and paint on the main thread the rows wait for (~60 ms of a ~280 ms median in
 * tests/bench/popup-bench.ts on the loaded build machine). A first page that takes longer than 120 ms (a busy disk,
 * the database upgrading) gets the shell with skeletons meanwhile.
 */
export async function mount(firstPlanted: StartedLiveQuery<PlantedPage>) {
  const style = document.createElement('style');
  style.textContent = popupStyles;
  document.head.append(style);
  const root = createRoot(document.getElementById('root')!);
  await firstPlanted.firstResult(120);
  root.render(<App firstPlanted={firstPlanted} />);
}
