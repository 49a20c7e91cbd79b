import { useState } from 'react';
import { DirectPortal } from './direct-portal.tsx';
import { useSessionToken } from './session.ts';
import { WrappedWidgets } from './wrapped-widgets.tsx';

type Mode = 'direct' | 'wrapper';

/** Helix Cloud's account page: the same portal two ways, to show both work. */
export function App() {
  const token = useSessionToken();
  const [mode, setMode] = useState<Mode>(location.hash === '#wrapper' ? 'wrapper' : 'direct');
  const choose = (next: Mode) => {
    history.replaceState(null, '', next === 'wrapper' ? '#wrapper' : '#');
    setMode(next);
  };
  return (
    <>
      <header className="bar">
        <strong>Helix Cloud</strong>
        <nav aria-label="Embedding mode">
          <button type="button" aria-pressed={mode === 'direct'} onClick={() => choose('direct')}>
            Tags (React 19)
          </button>
          <button type="button" aria-pressed={mode === 'wrapper'} onClick={() => choose('wrapper')}>
            @ssp/react components
          </button>
        </nav>
      </header>
      <main className="page">{token === undefined ? <p>Signing in…</p> : mode === 'direct' ? <DirectPortal token={token} /> : <WrappedWidgets token={token} />}</main>
    </>
  );
}
