import { createRoot } from 'react-dom/client';
import { popupStyles } from '@/components/popup/styles';
import type { PlantedPage } from '@/utils/popup/queries';
import type { StartedLiveQuery } from '@/utils/popup/started-live-query';
import { App } from './App';

export function mount(firstPlanted: StartedLiveQuery<PlantedPage>) {
  const style = document.createElement('style');
  style.textContent = popupStyles;
  document.head.append(style);
  createRoot(document.getElementById('root')!).render(<App firstPlanted={firstPlanted} />);
}
