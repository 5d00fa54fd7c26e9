import type { RefObject } from 'react';
import { useEffect } from 'react';

// Excalidraw's menu button is an icon with no name, which a screen reader reads as "button".
const UNNAMED_MENU =
  '.main-menu-trigger:not([aria-label]), .dropdown-menu-button:not([aria-label])';

/** Names Excalidraw's menu button inside `container`, and again whenever Excalidraw redraws it. */
export function useMenuLabel(container: RefObject<HTMLElement | null>, label: string): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const name = () =>
      root.querySelectorAll(UNNAMED_MENU).forEach((button) => {
        button.setAttribute('aria-label', label);
      });
    name();
    const observer = new MutationObserver(name);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container, label]);
}
