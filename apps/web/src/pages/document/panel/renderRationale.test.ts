// The rationale preview is the one place the panel injects HTML: nothing a reviewer types
// may become a script, an inline style, an image fetch or a javascript: link.
import { describe, expect, test } from 'vitest';
import { renderRationale } from './renderRationale.ts';

describe('renderRationale', () => {
  test('renders Markdown emphasis, lists and http links opening safely in a new tab', () => {
    const html = renderRationale('**False**: see [the data](https://stats.example/x)\n\n- one');
    expect(html).toContain('<strong>False</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain(
      '<a href="https://stats.example/x" target="_blank" rel="noopener noreferrer">the data</a>',
    );
  });

  test('raw HTML is shown as text, never as elements', () => {
    const html = renderRationale('<script>alert(1)</script><b style="color:red">x</b>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b ');
    expect(html).toContain('&lt;script&gt;');
  });

  test('javascript:, data: and relative links stay text', () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,hi', '/api/me', 'JaVaScRiPt:x']) {
      expect(renderRationale(`[click](${href})`)).not.toContain('<a');
    }
  });

  test('mailto links are kept; images are not rendered', () => {
    expect(renderRationale('[desk](mailto:desk@example.com)')).toContain(
      'href="mailto:desk@example.com"',
    );
    expect(renderRationale('![x](https://tracker.example/p.png)')).not.toContain('<img');
  });
});
