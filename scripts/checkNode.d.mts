// Types of checkNode.mjs (plain JavaScript: it runs before dependencies are installed).
export function minimumNode(engines: string): [number, number, number];
export function satisfiesEngines(version: string, engines: string): boolean;
export function checkNode(): void;
