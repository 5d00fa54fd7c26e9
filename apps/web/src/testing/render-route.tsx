import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';

/** Renders a page at an address, matched by its route pattern as the app's router does. */
export const renderRoute = (pattern: string, address: string, page: ReactElement) =>
  render(
    <MemoryRouter initialEntries={[address]}>
      <Routes>
        <Route path={pattern} element={page} />
      </Routes>
    </MemoryRouter>,
  );
