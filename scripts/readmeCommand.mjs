#!/usr/bin/env node
// The commands README.md shows people, read from README.md itself so that CI runs them
// exactly as written: `node scripts/readmeCommand.mjs "## Quick start" 1` prints the second
// sh block under that heading.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The `index`-th ```sh block after `heading` in `readme`. */
export function readmeCommand(readme, heading, index = 0) {
  const at = readme.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README.md has no "${heading}" heading`);
  const blocks = [...readme.slice(at).matchAll(/```sh\n([\s\S]*?)```/g)];
  const block = blocks[index]?.[1];
  if (block === undefined) throw new Error(`README.md has no sh block ${index} under ${heading}`);
  return block.trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  console.log(
    readmeCommand(readme, process.argv[2] ?? '## Quick start', Number(process.argv[3] ?? 0)),
  );
}
