import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>种草 Zhongcao · 工作台</h1>);
