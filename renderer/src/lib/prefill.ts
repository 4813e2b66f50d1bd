/** What the search box already knows about a customer the clerk is about to create. */
export interface Prefill {
  firstName?: string;
  lastName?: string;
  phone?: string;
  email?: string;
  loyaltyId?: string;
}

const capitalise = (w: string) => (w ? w[0]!.toLocaleUpperCase() + w.slice(1) : w);

/** Puts a search text where it most likely belongs: an email, a phone number, or a name. */
export function prefillFrom(query: string): Prefill {
  const q = query.trim();
  if (!q) return {};
  if (q.includes('@')) return { email: q };
  if (/^[\d\s+().-]{4,}$/.test(q)) return { phone: q };
  const words = q.split(/\s+/).map(capitalise);
  if (words.length === 1) return { firstName: words[0]! };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}
