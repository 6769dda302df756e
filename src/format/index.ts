// Public surface of the format library: pure TypeScript, runs in the browser, a worker and Node.
export * from './model.ts';
export { DumpParser, parseDump } from './parser.ts';
export { Ascii85Decoder, decodeAscii85 } from './ascii85.ts';
export { detectFirstLine } from './detect.ts';
export { toInspectJson, hexAddress, hexRegister, hex64, type InspectJson, type InspectRange } from './report.ts';
export { parseProperties, engineClassOf } from './xe.ts';
