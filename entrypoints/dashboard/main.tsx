import { createRoot } from 'react-dom/client';
import { db } from '@/utils/db';
import { drainStagedOnOpen } from '@/utils/db/staging';
import { App } from './App';
import './style.css';

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
// Acknowledged batches still staged (a worker stopped inside its quiet window) belong in the figures shown here.
drainStagedOnOpen(db);
