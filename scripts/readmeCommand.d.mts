// Types of readmeCommand.mjs (plain JavaScript: CI runs it before anything is built).
export function readmeCommand(readme: string, heading: string, index?: number): string;
