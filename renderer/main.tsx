// Renderer entry. The window itself is built in the desktop-app issue; this shows the app name only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const ja = navigator.language.startsWith('ja');
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Authdesk</h1>
      <p>
        {ja
          ? 'デスクトップ版はまだ準備中です。今は authdesk コマンドをお使いください。'
          : 'The desktop window is not built yet. Use the authdesk command for now.'}
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
