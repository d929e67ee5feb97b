import { setUpAccessibility } from './accessibility';
import {
  exportUrl,
  fetchChoices,
  fetchGraph,
  fetchPaths,
  type Choice,
  type GraphFilter,
  type GraphNode,
  type Path,
} from './api';
import { Drawing } from './drawing';
import { KINDS, KIND_STYLE, isRecordKind, type RecordKind } from './kinds';
import { setUpSearch } from './search';

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}`);
  return found as T;
}

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const created = Object.assign(document.createElement(tag), properties);
  created.append(...children);
  return created;
}

/** Everything the page knows and shows: the filter of the drawing, the selected record and the two path ends. */
const state: {
  filter: GraphFilter;
  selected: string | null;
  pathFrom: string | null;
  pathTo: string | null;
  countries: Map<string, string>;
  themes: Map<string, string>;
  /** Names of every record seen, also those a later filter leaves out of the drawing (path ends, hits). */
  labels: Map<string, { label: string; kind: RecordKind }>;
} = {
  filter: {},
  selected: null,
  pathFrom: null,
  pathTo: null,
  countries: new Map(),
  themes: new Map(),
  labels: new Map(),
};

const drawing = new Drawing(element('graph'), { onSelect: (id) => select(id, { fromDrawing: true }) });
const summary = element('graph-summary');
const detailsBody = element('details-body');
const pathsBody = element('paths-body');

function kindName(kind: RecordKind): string {
  return KIND_STYLE[kind]?.name ?? kind;
}

function nameOf(id: string): string {
  return state.labels.get(id)?.label ?? 'a record outside the drawing';
}

/** A button that selects a record: how the text alternative moves through the network. */
function recordButton(id: string, text?: string): HTMLButtonElement {
  const known = state.labels.get(id);
  const button = make('button', { type: 'button', className: 'record-link' });
  if (known) {
    button.append(make('span', { className: 'swatch', ariaHidden: 'true' }));
    button.style.setProperty('--swatch', KIND_STYLE[known.kind].colour);
  }
  button.append(text ?? nameOf(id));
  button.addEventListener('click', () => select(id, { focusDetails: true }));
  return button;
}

function setUpKinds(): void {
  const choices = element('kind-choices');
  const legend = element('legend');
  for (const kind of KINDS) {
    const style = KIND_STYLE[kind];
    const input = make('input', { type: 'checkbox', name: 'kind', value: kind, checked: true, id: `kind-${kind}` });
    const label = make(
      'label',
      { htmlFor: input.id },
      make('span', { className: 'swatch', ariaHidden: 'true' }),
      style.plural,
    );
    label.style.setProperty('--swatch', style.colour);
    choices.append(make('div', { className: 'kind' }, input, label));
    const entry = make('li', {}, make('span', { className: 'swatch' }), style.plural);
    entry.style.setProperty('--swatch', style.colour);
    legend.append(entry);
  }
}

function fillSelect(select: HTMLSelectElement, choices: Choice[]): void {
  select.append(...choices.map((choice) => make('option', { value: choice.value, textContent: choice.label })));
}

function readFilter(form: HTMLFormElement): GraphFilter {
  const data = new FormData(form);
  const kinds = data.getAll('kind').map(String).filter(isRecordKind);
  const year = (name: string) => {
    const value = String(data.get(name) ?? '').trim();
    return /^\d{4}$/.test(value) ? Number(value) : undefined;
  };
  const country = String(data.get('country') ?? '');
  const theme = String(data.get('theme') ?? '');
  const filter: GraphFilter = {};
  // Every kind ticked is no kind filter at all, which the export links can then leave out too.
  if (kinds.length < KINDS.length) filter.kinds = kinds;
  if (year('fromYear') !== undefined) filter.fromYear = year('fromYear');
  if (year('toYear') !== undefined) filter.toYear = year('toYear');
  if (country) filter.countries = [country];
  if (theme) filter.themes = [theme];
  return filter;
}

function updateExports(): void {
  for (const link of element('exports').querySelectorAll<HTMLAnchorElement>('a[data-format]')) {
    link.href = exportUrl(link.dataset.format as 'graphml' | 'gexf' | 'json' | 'zip', state.filter);
  }
}

async function loadGraph(): Promise<void> {
  summary.textContent = 'Loading the network…';
  try {
    const graph = await fetchGraph(state.filter);
    for (const node of graph.nodes) state.labels.set(node.id, { label: node.label, kind: node.kind });
    drawing.show(graph);
    summary.textContent = `Showing ${graph.nodeCount} records and ${graph.edgeCount} relationships.`;
    updateExports();
    if (state.selected) select(state.selected);
    if (state.pathFrom && state.pathTo) void findPaths();
  } catch (error) {
    summary.textContent = `The network could not be loaded: ${(error as Error).message}`;
  }
}

function describe(node: GraphNode): HTMLElement {
  const facts = make('dl', { className: 'facts' });
  const fact = (term: string, value: string) => facts.append(make('dt', {}, term), make('dd', {}, value));
  fact('Kind', kindName(node.kind));
  if (node.country) fact('Country', state.countries.get(node.country) ?? node.country);
  if (node.years.length) fact('Years', node.years.join(', '));
  if (node.themes.length) fact('Themes', node.themes.map((slug) => state.themes.get(slug) ?? slug).join(', '));
  fact('Relationships', String(node.degree));
  return facts;
}

function renderDetails(): void {
  const id = state.selected;
  if (!id) {
    detailsBody.replaceChildren(make('p', { className: 'help' }, 'No record selected.'));
    return;
  }
  const node = drawing.record(id);
  const heading = make('h3', { id: 'selected-name', tabIndex: -1 }, nameOf(id));
  if (!node) {
    detailsBody.replaceChildren(
      heading,
      make('p', {}, 'This record is not in the drawing with the current filters. Clear the filters to see it.'),
    );
    return;
  }
  const pathButtons = make(
    'div',
    { className: 'path-buttons' },
    make('button', { type: 'button', onclick: () => setPathEnd('from', id) }, 'Path from here'),
    make('button', { type: 'button', onclick: () => setPathEnd('to', id) }, 'Path to here'),
  );
  const neighbours = drawing.neighbours(id);
  const list = make('ul', { className: 'neighbours', id: 'neighbour-list' });
  for (const { neighbour, edge } of neighbours) {
    const item = make('li', {}, recordButton(neighbour.id, neighbour.label));
    item.append(
      make(
        'span',
        { className: 'relation' },
        ` ${kindName(neighbour.kind)}, ${edge.text}${edge.year ? ` (${edge.year})` : ''}`,
      ),
    );
    list.append(item);
  }
  detailsBody.replaceChildren(
    heading,
    describe(node),
    pathButtons,
    make('h3', { id: 'neighbours-heading' }, `Neighbours (${neighbours.length})`),
    neighbours.length ? list : make('p', {}, 'No relationships in the drawing.'),
  );
  list.setAttribute('aria-labelledby', 'neighbours-heading');
}

function select(id: string | null, options: { fromDrawing?: boolean; focusDetails?: boolean } = {}): void {
  state.selected = id;
  drawing.select(id);
  renderDetails();
  if (options.focusDetails || options.fromDrawing) document.getElementById('selected-name')?.focus();
}

function setPathEnd(end: 'from' | 'to', id: string): void {
  if (end === 'from') state.pathFrom = id;
  else state.pathTo = id;
  element(`path-${end}`).replaceChildren(recordButton(id));
  void findPaths();
}

function renderPath(path: Path, index: number): HTMLElement {
  const steps = make('ol', { className: 'path-steps' });
  for (const step of path.steps) {
    // Each step in the words of its relationship, read from the relationship's own source ("Larissa in country
    // Greece" for the step from Greece to Larissa).
    const [source, target] = step.direction === 'BACKWARD' ? [step.to.id, step.from.id] : [step.from.id, step.to.id];
    steps.append(
      make(
        'li',
        {},
        recordButton(source),
        ' ',
        make('span', { className: 'relation' }, step.year ? `${step.text} (${step.year})` : step.text),
        ' ',
        recordButton(target),
      ),
    );
  }
  return make(
    'section',
    { className: 'path' },
    make('h3', {}, `Path ${index + 1}: ${path.length} step${path.length === 1 ? '' : 's'}`),
    steps,
  );
}

async function findPaths(): Promise<void> {
  const { pathFrom, pathTo } = state;
  if (!pathFrom || !pathTo) {
    pathsBody.replaceChildren(
      make('p', { className: 'help' }, 'Choose “Path from here” on one record and “Path to here” on another.'),
    );
    return;
  }
  pathsBody.replaceChildren(make('p', {}, 'Looking for paths…'));
  try {
    const paths = await fetchPaths(pathFrom, pathTo);
    drawing.showPaths(paths);
    if (!paths.length) {
      pathsBody.replaceChildren(
        make('p', {}, `No path of at most 4 steps between ${nameOf(pathFrom)} and ${nameOf(pathTo)}.`),
      );
      return;
    }
    pathsBody.replaceChildren(
      make(
        'p',
        { id: 'paths-summary' },
        `${paths.length} shortest path${paths.length === 1 ? '' : 's'} from ${nameOf(pathFrom)} to ${nameOf(pathTo)}, highlighted in the drawing:`,
      ),
      ...paths.map(renderPath),
      make('button', { type: 'button', onclick: clearPaths }, 'Clear paths'),
    );
  } catch (error) {
    pathsBody.replaceChildren(make('p', {}, `Paths could not be found: ${(error as Error).message}`));
  }
}

function clearPaths(): void {
  state.pathFrom = null;
  state.pathTo = null;
  element('path-from').textContent = '—';
  element('path-to').textContent = '—';
  drawing.showPaths([]);
  void findPaths();
}

async function start(): Promise<void> {
  setUpKinds();
  setUpAccessibility(element('accessibility-options'), (options) => drawing.applyAccessibility(options));
  setUpSearch(
    element<HTMLInputElement>('search-input'),
    element<HTMLUListElement>('search-suggestions'),
    element('search-status'),
    (hit) => {
      state.labels.set(hit.record.id, { label: hit.label, kind: hit.kind });
      select(hit.record.id, { focusDetails: true });
    },
  );

  const form = element<HTMLFormElement>('filters');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.filter = readFilter(form);
    void loadGraph();
  });
  element('clear-filters').addEventListener('click', () => {
    form.reset();
    state.filter = {};
    void loadGraph();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-zoom]')) {
    const factors: Record<string, number | undefined> = { in: 1 / 1.5, out: 1.5, fit: undefined };
    button.addEventListener('click', () => drawing.zoom(factors[button.dataset.zoom ?? 'fit']));
  }
  element('export-png').addEventListener('click', () => void drawing.downloadPng());
  void findPaths();

  const [choices] = await Promise.all([fetchChoices().catch(() => ({ countries: [], themes: [] })), loadGraph()]);
  for (const country of choices.countries) state.countries.set(country.value, country.label);
  for (const theme of choices.themes) state.themes.set(theme.value, theme.label);
  fillSelect(element<HTMLSelectElement>('country-choice'), choices.countries);
  fillSelect(element<HTMLSelectElement>('theme-choice'), choices.themes);
  if (state.selected) renderDetails();
}

void start();
