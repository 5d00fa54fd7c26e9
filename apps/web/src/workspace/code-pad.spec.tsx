import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { language as languageFacet } from '@codemirror/language';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CodePadProps } from './code-pad';
import { CodePad } from './code-pad';
import { userColor } from './user-color';

interface Peer {
  doc: Y.Doc;
  awareness: Awareness;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Forwards one side's document and awareness updates to the other, as the sync channel will. */
function forward(from: Peer, to: Peer) {
  // Marks what arrived from the other side, so it is not sent back.
  const origin = Symbol('from the other pad');
  from.doc.on('update', (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin !== origin) Y.applyUpdate(to.doc, update, origin);
  });
  from.awareness.on(
    'update',
    (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      updateOrigin: unknown,
    ) => {
      if (updateOrigin === origin) return;
      const clients = [...added, ...updated, ...removed];
      applyAwarenessUpdate(to.awareness, encodeAwarenessUpdate(from.awareness, clients), origin);
    },
  );
}

function connectedPeers(): [Peer, Peer] {
  const [a, b] = [0, 1].map(() => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    cleanups.push(() => {
      awareness.destroy();
      doc.destroy();
    });
    return { doc, awareness };
  }) as [Peer, Peer];
  forward(a, b);
  forward(b, a);
  return [a, b];
}

const ANA = { id: 'user-ana', name: 'Ana' };
const BEA = { id: 'user-bea', name: 'Bea' };

function renderPads(
  [a, b]: [Peer, Peer],
  access: [CodePadProps['access'], CodePadProps['access']] = ['write', 'write'],
  onSelectionChange?: CodePadProps['onSelectionChange'],
) {
  render(
    <>
      <div role="region" aria-label="Ana's screen">
        <CodePad {...a} access={access[0]} user={ANA} onSelectionChange={onSelectionChange} />
      </div>
      <div role="region" aria-label="Bea's screen">
        <CodePad {...b} access={access[1]} user={BEA} />
      </div>
    </>,
  );
  return [screenOf("Ana's screen"), screenOf("Bea's screen")] as const;
}

function screenOf(name: string) {
  const region = within(screen.getByRole('region', { name }));
  const textbox = region.getByRole('textbox', { name: 'Code pad' });
  const view = EditorView.findFromDOM(textbox);
  if (!view) throw new Error(`no editor on ${name}`);
  return { region, textbox, view };
}

const typeAt = (view: EditorView, from: number, insert: string) =>
  act(() => view.dispatch({ changes: { from, insert }, userEvent: 'input.type' }));

describe('CodePad', () => {
  it('shows what one person types on the other’s pad', async () => {
    const [ana, bea] = renderPads(connectedPeers());
    const user = userEvent.setup();

    typeAt(ana.view, 0, 'function allow(clientId, nowMs) {}');
    expect(bea.view.state.doc.toString()).toBe('function allow(clientId, nowMs) {}');
    expect(bea.textbox).toHaveTextContent('function allow(clientId, nowMs) {}');

    await user.click(bea.textbox);
    await user.keyboard('{Control>}{End}{/Control}// ok');
    expect(ana.view.state.doc.toString()).toBe('function allow(clientId, nowMs) {}// ok');
    // Bea's caret, drawn on Ana's pad with her name.
    expect(ana.view.dom.querySelector('.cm-ySelectionInfo')).toHaveTextContent('Bea');
  });

  it('undoes only the person’s own typing', async () => {
    const [ana, bea] = renderPads(connectedPeers());
    const user = userEvent.setup();

    typeAt(ana.view, 0, 'ana ');
    typeAt(bea.view, 4, 'bea');
    await user.click(ana.textbox);
    await user.keyboard('{Control>}z{/Control}');
    expect(bea.view.state.doc.toString()).toBe('bea');
  });

  it('switches the language for everyone, from plain text', async () => {
    const [ana, bea] = renderPads(connectedPeers());
    const user = userEvent.setup();
    const beaPicker = bea.region.getByRole('combobox', { name: 'Language' });
    expect(beaPicker).toHaveDisplayValue('Plain text');

    await user.selectOptions(ana.region.getByRole('combobox', { name: 'Language' }), 'Python');
    expect(beaPicker).toHaveDisplayValue('Python');
    await waitFor(() => expect(bea.view.state.facet(languageFacet)?.name).toBe('python'));
    expect(ana.view.state.facet(languageFacet)?.name).toBe('python');
  });

  it('lets a reader follow along without editing', async () => {
    const [ana, bea] = renderPads(connectedPeers(), ['write', 'read']);
    const user = userEvent.setup();

    expect(bea.region.getByText('Read only — observers follow along')).toBeVisible();
    expect(bea.region.getByRole('combobox', { name: 'Language' })).toBeDisabled();
    expect(bea.textbox).toHaveAttribute('aria-readonly', 'true');
    expect(bea.textbox).toHaveAttribute('contenteditable', 'false');
    expect(ana.region.queryByText(/Read only/)).not.toBeInTheDocument();

    typeAt(ana.view, 0, 'x = 1');
    await user.type(bea.textbox, 'y');
    expect(bea.view.state.doc.toString()).toBe('x = 1');
    expect(ana.view.state.doc.toString()).toBe('x = 1');
  });

  it('names everyone in the pad, in their colour', () => {
    const [ana, bea] = renderPads(connectedPeers());

    const people = within(ana.region.getByRole('list', { name: 'People in the pad' }));
    expect(people.getByText('Ana (you)')).toBeInTheDocument();
    const swatch = people.getByText('Bea').querySelector('span');
    expect(swatch).toHaveStyle({ backgroundColor: userColor(BEA.id).color });
    expect(within(bea.region.getByRole('list')).getByText('Ana')).toBeInTheDocument();
  });

  it('reports the lines of the local selection, and null once it is empty', () => {
    const onSelectionChange = jest.fn();
    const [ana] = renderPads(connectedPeers(), ['write', 'write'], onSelectionChange);
    typeAt(ana.view, 0, 'one\ntwo\nthree\nfour');
    const line = (number: number) => ana.view.state.doc.line(number);

    act(() => ana.view.dispatch({ selection: { anchor: line(2).from + 1, head: line(3).to } }));
    expect(onSelectionChange).toHaveBeenLastCalledWith({ from: 2, to: 3 });

    // Whole lines taken with Shift+Down end at the start of the next, which is not selected.
    act(() => ana.view.dispatch({ selection: { anchor: line(1).from, head: line(3).from } }));
    expect(onSelectionChange).toHaveBeenLastCalledWith({ from: 1, to: 2 });

    act(() => ana.view.dispatch({ selection: EditorSelection.cursor(0) }));
    expect(onSelectionChange).toHaveBeenLastCalledWith(null);
  });
});
