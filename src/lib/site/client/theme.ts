/**
 * The header's theme switch: OS default, light or dark. The choice is kept in localStorage and
 * set as `data-theme` on <html> (the stylesheet's light-dark() colours follow `color-scheme`);
 * the head script in Base.astro applies it before the first paint.
 */
export const THEME_KEY = 'casebook-theme';
export type ThemeChoice = 'system' | 'light' | 'dark';

export const themeOf = (value: string | null | undefined): ThemeChoice =>
  value === 'light' || value === 'dark' ? value : 'system';

/** Applies a choice to the document and remembers it. */
export function applyTheme(doc: Document, choice: ThemeChoice, storage?: Storage): void {
  if (choice === 'system') delete doc.documentElement.dataset.theme;
  else doc.documentElement.dataset.theme = choice;
  try {
    if (choice === 'system') storage?.removeItem(THEME_KEY);
    else storage?.setItem(THEME_KEY, choice);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

/** Wires the `<select id>`: shows the current choice and applies changes. */
export function startThemeSwitch(doc: Document, id: string): void {
  const select = doc.getElementById(id) as HTMLSelectElement | null;
  if (!select) return;
  let storage: Storage | undefined;
  try {
    storage = doc.defaultView?.localStorage;
  } catch {
    storage = undefined;
  }
  select.value = themeOf(doc.documentElement.dataset.theme);
  select.addEventListener('change', () => applyTheme(doc, themeOf(select.value), storage));
}
