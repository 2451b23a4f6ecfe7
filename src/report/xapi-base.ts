/** The default base of xAPI ids, apart from export.ts so `export --help` can show it without loading the exporter. */
export const DEFAULT_XAPI_BASE = 'https://roleplay.example/';
