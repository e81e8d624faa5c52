/**
 * The keyboard of the ARIA tabs pattern (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): in a tab
 * list, Left and Right move to the previous and next tab (wrapping round), Home and End to the first
 * and last. Pure, so it is tested without a browser.
 */

/** The tab `key` moves to from tab `index` of `count`, or undefined when the key is not a tab key. */
export function tabKeyTarget(key: string, index: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** Ids linking a tab and its panel. */
export const tabId = (group: string, key: string): string => `${group}-tab-${key}`;
export const panelId = (group: string): string => `${group}-panel`;

/**
 * The props of one tab: only the selected tab is in the Tab order (roving tabindex); the arrow keys
 * select and focus the neighbour through `select`.
 */
export function tabProps(
  group: string,
  keys: readonly string[],
  selected: string,
  key: string,
  select: (key: string) => void,
): {
  id: string;
  role: 'tab';
  'aria-selected': boolean;
  'aria-controls': string;
  tabIndex: number;
  onClick: () => void;
  onKeyDown: (e: { key: string; preventDefault(): void }) => void;
} {
  return {
    id: tabId(group, key),
    role: 'tab',
    'aria-selected': key === selected,
    'aria-controls': panelId(group),
    tabIndex: key === selected ? 0 : -1,
    onClick: () => select(key),
    onKeyDown: (e) => {
      const to = tabKeyTarget(e.key, keys.indexOf(key), keys.length);
      if (to === undefined) return;
      e.preventDefault();
      const next = keys[to]!;
      select(next);
      document.getElementById(tabId(group, next))?.focus();
    },
  };
}
