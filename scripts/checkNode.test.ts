// The Node.js version gate of `pnpm start`, `pnpm factdesk` and `pnpm test`.
import { describe, expect, it } from 'vitest';
import { minimumNode, satisfiesEngines } from './checkNode.mjs';

describe('the Node.js version gate', () => {
  it('reads the engines field of the root package.json', () => {
    expect(minimumNode('>=20.19')).toEqual([20, 19, 0]);
    expect(minimumNode('>= 22')).toEqual([22, 0, 0]);
    expect(() => minimumNode('^20')).toThrow(/engines.node/);
  });

  it('refuses a Node.js older than the engines field and accepts the same or newer', () => {
    expect(satisfiesEngines('v20.18.3', '>=20.19')).toBe(false);
    expect(satisfiesEngines('18.20.0', '>=20.19')).toBe(false);
    expect(satisfiesEngines('20.19.0', '>=20.19')).toBe(true);
    expect(satisfiesEngines('v20.20.2', '>=20.19')).toBe(true);
    expect(satisfiesEngines('22.1.0', '>=20.19')).toBe(true);
  });
});
