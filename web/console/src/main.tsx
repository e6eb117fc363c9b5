import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>政务公开管理控制台</p>);
