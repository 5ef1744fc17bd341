// A base32 secret key as people read and type it: groups of four ("JBSW Y3DP EHPK 3PXP").

export function secretInFours(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
