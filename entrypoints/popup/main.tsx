import { createRoot } from 'react-dom/client';
import { popupStyles } from '@/components/popup/styles';
import { App } from './App';

const style = document.createElement('style');
style.textContent = popupStyles;
document.head.append(style);

createRoot(document.getElementById('root')!).render(<App />);
