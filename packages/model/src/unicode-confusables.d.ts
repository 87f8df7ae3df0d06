// unicode-confusables ships no usable types; this is the one function displayHost uses.
declare module 'unicode-confusables' {
  export function confusables(value: string): { point: string; similarTo?: string }[];
}
