import { expect } from 'chai';

/*
 * Accessibility checks shared by the browser tests: axe-core with the WCAG 2.2
 * A/AA rules (served from node_modules, so every engine runs the same axe), and
 * the WCAG contrast ratio of two computed colours.
 */

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
export interface Axe {
  run(context: Element, options: object): Promise<{ violations: AxeViolation[] }>;
}
declare global {
  interface Window {
    axe?: Axe;
  }
}

export async function loadAxe(): Promise<Axe> {
  if (window.axe === undefined) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(script);
    });
  }
  if (window.axe === undefined) throw new Error('axe-core did not register');
  return window.axe;
}

/** Runs axe with the WCAG 2.2 A/AA rules on the element and its shadow DOM. */
export async function expectNoViolations(element: Element, what: string): Promise<void> {
  const axe = await loadAxe();
  const { violations } = await axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    resultTypes: ['violations'],
  });
  const described = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  expect(described, `axe violations in ${what}`).to.deep.equal([]);
}

/** Relative luminance of a computed `rgb()`/`rgba()` colour (WCAG 2.2). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The WCAG contrast ratio of two computed colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}
