import { createRoot } from 'react-dom/client';
import { db } from '@/utils/db';
import { drainStaged } from '@/utils/db/staging';
import { App } from './App';
import './style.css';

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
// Acknowledged batches still staged (a worker stopped inside its quiet window) belong in the figures shown here.
drainStaged(db).catch((e) => console.warn(`[zhongcao] staged events not moved: ${String(e)}`));
