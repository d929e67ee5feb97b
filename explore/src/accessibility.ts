/**
 * The accessibility options the association's own site offers (more readable font, font resize, text and
 * background contrast, highlighted links, reset), kept in local storage so that they last from visit to visit.
 * Each toggle is a class on <html> that explore.css styles; the drawing listens, since its labels are canvas text.
 */
export const TOGGLES = ['readable-font', 'text-contrast', 'background-contrast', 'highlight-links'] as const;
export type Toggle = (typeof TOGGLES)[number];

export interface AccessibilityState {
  toggles: Record<Toggle, boolean>;
  /** Text size, as a share of the browser's own (1 = 100%). */
  fontScale: number;
}

const STORAGE_KEY = 'mce-explore-accessibility';
const FONT_SCALES = [0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

function defaults(): AccessibilityState {
  return {
    toggles: { 'readable-font': false, 'text-contrast': false, 'background-contrast': false, 'highlight-links': false },
    fontScale: 1,
  };
}

function load(): AccessibilityState {
  const state = defaults();
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<AccessibilityState>;
    for (const toggle of TOGGLES) state.toggles[toggle] = saved.toggles?.[toggle] === true;
    if (typeof saved.fontScale === 'number' && FONT_SCALES.includes(saved.fontScale)) state.fontScale = saved.fontScale;
  } catch {
    // Storage refused or unreadable: the defaults.
  }
  return state;
}

export function setUpAccessibility(toolbar: HTMLElement, onChange: (state: AccessibilityState) => void): void {
  let state = load();
  const root = document.documentElement;
  const sizeOutput = toolbar.querySelector<HTMLOutputElement>('#font-size-value');

  const apply = () => {
    for (const toggle of TOGGLES) {
      root.classList.toggle(toggle, state.toggles[toggle]);
      toolbar.querySelector(`[data-option="${toggle}"]`)?.setAttribute('aria-pressed', String(state.toggles[toggle]));
    }
    root.style.fontSize = `${state.fontScale * 100}%`;
    if (sizeOutput) sizeOutput.value = `${Math.round(state.fontScale * 100)}%`;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch {
      // Private windows may refuse storage; the options still apply to this visit.
    }
    onChange(state);
  };

  // Roving focus: one tab stop for the whole toolbar, arrow keys between its buttons (the ARIA toolbar pattern).
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button')];
  buttons.forEach((button, index) => (button.tabIndex = index === 0 ? 0 : -1));
  toolbar.addEventListener('keydown', (event) => {
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      Home: -current,
      End: buttons.length - 1 - current,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (current + moves[event.key] + buttons.length) % buttons.length;
    buttons[current].tabIndex = -1;
    buttons[next].tabIndex = 0;
    buttons[next].focus();
  });

  toolbar.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button');
    if (!button) return;
    const option = button.dataset.option as Toggle | undefined;
    if (option && TOGGLES.includes(option)) state.toggles[option] = !state.toggles[option];
    const position = FONT_SCALES.indexOf(state.fontScale);
    if (button.dataset.font === 'larger') state.fontScale = FONT_SCALES[Math.min(position + 1, FONT_SCALES.length - 1)];
    if (button.dataset.font === 'smaller') state.fontScale = FONT_SCALES[Math.max(position - 1, 0)];
    if (button.dataset.reset !== undefined) state = defaults();
    apply();
  });

  apply();
}
