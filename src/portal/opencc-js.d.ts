// opencc-js 1.4 ships types, but its types/full.d.ts imports './core' without an extension, which does not
// resolve under NodeNext: every export becomes an error type. This ambient declaration (checked before
// node_modules) describes the one function the portal uses.
declare module 'opencc-js' {
  export type ConverterFunction = (text: string) => string;
  export type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 'jp' | 't';
  export function Converter(options: { from: Locale; to: Locale }): ConverterFunction;
}
