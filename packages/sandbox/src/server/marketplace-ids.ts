const IDS: Record<string, string> = {
  US: 'ATVPDKIKX0DER',
  UK: 'A1F83G8C2ARO7P',
  DE: 'A1PA6795UKMFR9',
  FR: 'A13V1IB3VIYZZH',
};

export function marketplaceIdFor(code: string): string {
  return IDS[code] ?? 'ATVPDKIKX0DER';
}
