import { searchRecords, type SearchHit } from './api';
import { KIND_STYLE } from './kinds';

const SUGGESTIONS = 8;
const DEBOUNCE_MS = 150;

/** The matching text, its matched words marked. */
function snippetOf(hit: SearchHit): HTMLElement {
  const snippet = document.createElement('span');
  snippet.className = 'suggestion-snippet';
  let position = 0;
  for (const { start, length } of [...hit.highlights].sort((a, b) => a.start - b.start)) {
    if (start < position) continue;
    snippet.append(hit.snippet.slice(position, start));
    const mark = document.createElement('mark');
    mark.textContent = hit.snippet.slice(start, start + length);
    snippet.append(mark);
    position = start + length;
  }
  snippet.append(hit.snippet.slice(position));
  return snippet;
}

/**
 * The search box as an ARIA 1.2 combobox: suggestions from the server's `search` as the analyst types, chosen
 * with the arrow keys (the input keeps focus; aria-activedescendant names the option) and opened with Enter or a
 * click. Escape closes the list.
 */
export function setUpSearch(
  input: HTMLInputElement,
  list: HTMLUListElement,
  status: HTMLElement,
  onChoose: (hit: SearchHit) => void,
): void {
  let hits: SearchHit[] = [];
  let active = -1;
  let pending: AbortController | undefined;
  let timer: number | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('[role="option"]').forEach((option, position) => {
      option.setAttribute('aria-selected', String(position === index));
    });
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', `suggestion-${index}`);
      list.children[index]?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const choose = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    input.value = hit.label;
    close();
    onChoose(hit);
  };

  const render = () => {
    list.replaceChildren(
      ...hits.map((hit, index) => {
        const option = document.createElement('li');
        option.id = `suggestion-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.id = hit.record.id;
        const label = document.createElement('span');
        label.className = 'suggestion-label';
        label.textContent = hit.label;
        const kind = document.createElement('span');
        kind.className = 'suggestion-kind';
        kind.textContent = KIND_STYLE[hit.kind]?.name ?? hit.kind;
        option.append(label, ' ', kind);
        // A hit on another field than the name (another name, a motto, a topic's wording) says what matched.
        if (hit.field !== 'name' && hit.snippet !== hit.label) option.append(snippetOf(hit));
        // mousedown, not click: the input would lose focus (and close the list) before a click lands.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(index);
        });
        return option;
      }),
    );
    const open = hits.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    active = -1;
  };

  const suggest = async (query: string) => {
    pending?.abort();
    if (query.trim().length < 2) {
      hits = [];
      status.textContent = '';
      render();
      return;
    }
    pending = new AbortController();
    try {
      hits = await searchRecords(query.trim(), SUGGESTIONS, pending.signal);
      status.textContent = hits.length
        ? `${hits.length} suggestion${hits.length === 1 ? '' : 's'}`
        : `Nothing found for “${query.trim()}”`;
      render();
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      status.textContent = `Search failed: ${(error as Error).message}`;
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void suggest(input.value), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      if (list.hidden) render();
      highlight((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      highlight(active <= 0 ? hits.length - 1 : active - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (hits.length) choose(active >= 0 ? active : 0);
    } else if (event.key === 'Escape') close();
  });
  input.addEventListener('blur', close);
}
