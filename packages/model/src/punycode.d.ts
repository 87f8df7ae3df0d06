// punycode.js ships no types; this is the one function displayHost uses.
declare module 'punycode.js' {
  const punycode: { toUnicode(domain: string): string; toASCII(domain: string): string };
  export default punycode;
}
