// Minimal typings for the two untyped npm libraries the registry client uses.
declare module 'npm-registry-fetch' {
  interface RegistryResponse {
    status: number;
    text(): Promise<string>;
  }
  function fetch(url: string, opts?: Record<string, unknown>): Promise<RegistryResponse>;
  export default fetch;
}

declare module 'ini' {
  export function parse(text: string): Record<string, unknown>;
}
