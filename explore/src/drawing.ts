import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import noverlap from 'graphology-layout-noverlap';
import Sigma from 'sigma';
import { drawDiscNodeHover } from 'sigma/rendering';
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types';
import { downloadAsPNG } from '@sigma/export-image';
import type { AccessibilityState } from './accessibility';
import type { Graph as GraphData, GraphEdge, GraphNode, Path } from './api';
import { KIND_STYLE } from './kinds';

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  record: GraphNode;
}

interface EdgeAttributes {
  size: number;
  color: string;
  record: GraphEdge;
}

type NetworkGraph = Graph<NodeAttributes, EdgeAttributes>;

/** What the drawing emphasises: the selected record and its neighbours, and the paths between two records. */
interface Emphasis {
  selected: string | null;
  neighbours: Set<string>;
  pathNodes: Set<string>;
  pathEdges: Set<string>;
}

const EDGE_COLOUR = '#c4cad3';
/** How much of a node's own colour is left when it is out of focus: enough to tell its kind, not to compete. */
const FADED_SHARE = 0.28;

/** `colour` mixed into `background`, keeping `share` of it: the faded kind colours of out-of-focus nodes. */
function faded(colour: string, background: string, share = FADED_SHARE): string {
  const channels = (hex: string) => [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  const [front, back] = [channels(colour), channels(background)];
  return `#${front
    .map((value, index) => Math.round(value * share + back[index] * (1 - share)))
    .map((value) => value.toString(16).padStart(2, '0'))
    .join('')}`;
}
const PATH_COLOUR = '#111827';
const FONTS = {
  standard: 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  readable: 'Verdana, "DejaVu Sans", Tahoma, sans-serif',
};

/** A position from the record's id alone, so the same records start (and so settle) the same way every time. */
function seededPosition(id: string): { x: number; y: number } {
  let seed = 2166136261;
  for (let index = 0; index < id.length; index += 1) seed = Math.imul(seed ^ id.charCodeAt(index), 16777619);
  const next = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  return { x: next() * 100 - 50, y: next() * 100 - 50 };
}

/** Long topic wordings would cover their neighbours: the drawing shows their start, the panels the whole. */
const LABEL_CHARACTERS = 32;

function shortLabel(label: string): string {
  return label.length <= LABEL_CHARACTERS ? label : `${label.slice(0, LABEL_CHARACTERS - 1).trimEnd()}…`;
}

function nodeSize(degree: number): number {
  return Math.min(4 + 2.2 * Math.sqrt(degree), 24);
}

function buildGraph(data: GraphData): NetworkGraph {
  const graph: NetworkGraph = new Graph({ multi: true, type: 'undirected', allowSelfLoops: false });
  for (const node of data.nodes) {
    graph.addNode(node.id, {
      ...seededPosition(node.id),
      size: nodeSize(node.degree),
      color: KIND_STYLE[node.kind].colour,
      label: shortLabel(node.label),
      record: node,
    });
  }
  for (const edge of data.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || edge.source === edge.target) continue;
    graph.addEdgeWithKey(edge.id, edge.source, edge.target, { size: 1, color: EDGE_COLOUR, record: edge });
  }
  return graph;
}

/** Roughly how wide the drawing is on screen, in pixels: node sizes are pixels, positions are graph units. */
const DRAWING_PIXELS = 900;

/**
 * ForceAtlas2 from seeded positions, long enough to settle, then Noverlap so that no two discs overlap on screen
 * (their sizes turned from pixels into graph units first, or Noverlap would blow the layout apart).
 */
function layOut(graph: NetworkGraph): void {
  if (graph.order === 0) return;
  forceAtlas2.assign(graph, {
    iterations: graph.order > 2000 ? 300 : 800,
    settings: { ...forceAtlas2.inferSettings(graph), gravity: 1 },
  });
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  graph.forEachNode((_node, { x, y }) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  });
  const unitsPerPixel = Math.max(maxX - minX, maxY - minY, 1) / DRAWING_PIXELS;
  noverlap.assign(graph, {
    maxIterations: 150,
    inputReducer: (_node, attributes) => ({ ...attributes, size: (attributes.size ?? 1) * unitsPerPixel }),
    outputReducer: (_node, { x, y }) => ({ x, y }),
    settings: { margin: 8 * unitsPerPixel, ratio: 1.2 },
  });
}

export interface DrawingEvents {
  onSelect(id: string | null): void;
}

export class Drawing {
  private graph: NetworkGraph = new Graph({ multi: true, type: 'undirected' });
  private renderer: Sigma<NodeAttributes, EdgeAttributes>;
  private emphasis: Emphasis = { selected: null, neighbours: new Set(), pathNodes: new Set(), pathEdges: new Set() };
  private hovered: string | null = null;
  private background = '#ffffff';
  private fadedColours = new Map<string, string>();

  constructor(
    private readonly container: HTMLElement,
    events: DrawingEvents,
  ) {
    this.renderer = new Sigma(this.graph, container, {
      labelFont: FONTS.standard,
      labelSize: 13,
      labelWeight: '600',
      labelColor: { color: '#111827' },
      labelDensity: 0.6,
      labelRenderedSizeThreshold: 8,
      zIndex: true,
      minCameraRatio: 0.05,
      maxCameraRatio: 4,
      // sigma draws a hovered or selected node's label on a white box: black on it, whatever the labels' colour.
      defaultDrawNodeHover: (context, data, settings) =>
        drawDiscNodeHover(context, data, { ...settings, labelColor: { color: '#000000' } }),
      nodeReducer: (node, attributes) => this.reduceNode(node, attributes),
      edgeReducer: (edge, attributes) => this.reduceEdge(edge, attributes),
    });
    this.renderer.on('clickNode', ({ node }) => events.onSelect(node));
    this.renderer.on('clickStage', () => events.onSelect(null));
    this.renderer.on('enterNode', ({ node }) => {
      this.hovered = node;
      container.style.cursor = 'pointer';
      this.renderer.refresh({ skipIndexation: true });
    });
    this.renderer.on('leaveNode', () => {
      this.hovered = null;
      container.style.cursor = '';
      this.renderer.refresh({ skipIndexation: true });
    });
  }

  /** Replaces the drawing with a newly filtered graph, laid out afresh. */
  show(data: GraphData): void {
    const graph = buildGraph(data);
    layOut(graph);
    this.graph = graph;
    this.emphasis = { selected: null, neighbours: new Set(), pathNodes: new Set(), pathEdges: new Set() };
    this.renderer.setGraph(graph);
    this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  }

  has(id: string): boolean {
    return this.graph.hasNode(id);
  }

  record(id: string): GraphNode | undefined {
    return this.graph.hasNode(id) ? this.graph.getNodeAttribute(id, 'record') : undefined;
  }

  /** The record's relationships in the drawing, one per neighbour and relationship, by neighbour's name. */
  neighbours(id: string): { neighbour: GraphNode; edge: GraphEdge }[] {
    if (!this.graph.hasNode(id)) return [];
    return this.graph
      .mapEdges(id, (_edge, attributes, source, target) => ({
        neighbour: this.graph.getNodeAttribute(source === id ? target : source, 'record'),
        edge: attributes.record,
      }))
      .sort((a, b) => a.neighbour.label.localeCompare(b.neighbour.label) || a.edge.text.localeCompare(b.edge.text));
  }

  select(id: string | null): void {
    const neighbours = id && this.graph.hasNode(id) ? new Set(this.graph.neighbors(id)) : new Set<string>();
    this.emphasis = { ...this.emphasis, selected: id, neighbours };
    this.renderer.refresh({ skipIndexation: true });
    if (id && this.graph.hasNode(id)) this.focus(id);
  }

  /** Emphasises the paths found between two records: their nodes and the relationships along them. */
  showPaths(paths: Path[]): void {
    const pathNodes = new Set<string>();
    const pathEdges = new Set<string>();
    for (const path of paths) {
      for (const node of path.nodes) pathNodes.add(node.id);
      for (const step of path.steps) if (this.graph.hasEdge(step.edgeId)) pathEdges.add(step.edgeId);
    }
    this.emphasis = { ...this.emphasis, pathNodes, pathEdges };
    this.renderer.refresh({ skipIndexation: true });
    this.frame([...pathNodes]);
  }

  /** Labels follow the page's accessibility options: they are canvas text, out of reach of the page's CSS. */
  applyAccessibility(state: AccessibilityState): void {
    const dark = state.toggles['background-contrast'];
    this.background = dark ? '#000000' : '#ffffff';
    this.fadedColours.clear();
    this.renderer.setSetting('labelFont', state.toggles['readable-font'] ? FONTS.readable : FONTS.standard);
    this.renderer.setSetting('labelSize', Math.round(13 * state.fontScale));
    this.renderer.setSetting('labelWeight', state.toggles['text-contrast'] ? '700' : '600');
    this.renderer.setSetting('labelColor', {
      color: dark ? '#ffffff' : state.toggles['text-contrast'] ? '#000000' : '#111827',
    });
  }

  /** Zoom in (factor < 1), out (> 1), or back to the whole network (no factor): the drawing's buttons. */
  zoom(factor?: number): void {
    const camera = this.renderer.getCamera();
    if (factor === undefined) void camera.animatedReset({ duration: 300 });
    else void camera.animate({ ratio: camera.getState().ratio * factor }, { duration: 200 });
  }

  async downloadPng(): Promise<void> {
    // The exporter is typed for sigma's default attributes; it reads none of ours.
    await downloadAsPNG(this.renderer as unknown as Sigma, {
      fileName: 'mce-network',
      backgroundColor: this.background,
    });
  }

  /** Moves the camera so that these nodes fill most of the drawing. */
  private frame(ids: string[]): void {
    const points = ids.flatMap((id) => this.renderer.getNodeDisplayData(id) ?? []);
    if (points.length === 0) return;
    const xs = points.map((point) => point.x);
    const ys = points.map((point) => point.y);
    const extent = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    void this.renderer.getCamera().animate(
      {
        x: (Math.max(...xs) + Math.min(...xs)) / 2,
        y: (Math.max(...ys) + Math.min(...ys)) / 2,
        ratio: Math.min(Math.max(extent * 1.6, 0.35), 1),
      },
      { duration: 400 },
    );
  }

  private focus(id: string): void {
    const display = this.renderer.getNodeDisplayData(id);
    if (!display) return;
    void this.renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.6 }, { duration: 400 });
  }

  private faded(colour: string, share = FADED_SHARE): string {
    const key = `${colour} ${share}`;
    let result = this.fadedColours.get(key);
    if (result === undefined) this.fadedColours.set(key, (result = faded(colour, this.background, share)));
    return result;
  }

  private reduceNode(node: string, attributes: NodeAttributes): Partial<NodeDisplayData> {
    const { selected, neighbours, pathNodes } = this.emphasis;
    const display: Partial<NodeDisplayData> = { ...attributes };
    const onPath = pathNodes.has(node);
    if (node === selected || node === this.hovered || onPath) {
      return { ...display, highlighted: true, forceLabel: true, zIndex: 2 };
    }
    if (selected) {
      if (neighbours.has(node)) return { ...display, forceLabel: true, zIndex: 1 };
      return { ...display, color: this.faded(attributes.color), label: '', zIndex: 0 };
    }
    if (pathNodes.size > 0) return { ...display, color: this.faded(attributes.color), label: '', zIndex: 0 };
    return display;
  }

  private reduceEdge(edge: string, attributes: EdgeAttributes): Partial<EdgeDisplayData> {
    const { selected, pathEdges } = this.emphasis;
    if (pathEdges.has(edge)) return { ...attributes, color: PATH_COLOUR, size: 4, zIndex: 2 };
    if (selected) {
      const touches = this.graph.hasExtremity(edge, selected);
      return touches
        ? { ...attributes, color: '#6b7280', size: 2, zIndex: 1 }
        : { ...attributes, color: this.faded(EDGE_COLOUR, 0.5) };
    }
    if (pathEdges.size > 0) return { ...attributes, color: this.faded(EDGE_COLOUR, 0.5) };
    return attributes;
  }
}
