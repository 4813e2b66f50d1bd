import products from '../../../resources/demo/products.json' with { type: 'json' };
import names from '../../../resources/demo/names.json' with { type: 'json' };
import notes from '../../../resources/demo/notes.json' with { type: 'json' };
import staff from '../../../resources/demo/clerks.json' with { type: 'json' };
import type { Role } from '@common/domain';
import { WeightedPick } from './random';

export interface Product {
  sku: string;
  name: string;
  /** The name as it reads mid-sentence in a note: "the terracotta planter", but "the Bosch cordless drill". */
  mention: string;
  category: number;
  priceCents: number;
  /** Worth asking "how are you getting on with it?" about (a kettle yes, compost or a gift card no). */
  checkIn: boolean;
}

const BRANDS = new Set([
  'Fiskars',
  'Hozelock',
  'Bialetti',
  "De'Longhi",
  'Russell',
  'Le',
  'Breville',
  'Ninja',
  'Nutribullet',
  'Kenwood',
  'Bosch',
  'Stanley',
  'Makita',
  'Dulux',
  'Vileda',
  'Henry',
  'Dyson',
  'Weber',
  'AA',
  'LED',
  'BBQ',
  'Irish',
  'French',
]);
/** What comes after a comma is shelf-label detail ("Stepladder, 5 tread"): people say "the stepladder". */
function mention(name: string): string {
  const spoken = name.split(',')[0]!;
  return BRANDS.has(spoken.split(' ')[0]!) ? spoken : spoken[0]!.toLowerCase() + spoken.slice(1);
}

export interface Category {
  id: string;
  label: string;
  tag: string;
  products: Product[];
}

export const CATEGORIES: Category[] = products.categories.map((c, index) => ({
  id: c.id,
  label: c.label,
  tag: c.tag,
  products: c.items.map(([sku, name, price]) => ({
    sku: String(sku),
    name: String(name),
    mention: mention(String(name)),
    category: index,
    priceCents: Number(price),
    checkIn: c.checkIn.includes(String(sku)),
  })),
}));
export const PRODUCTS: Product[] = CATEGORIES.flatMap((c) => c.products);
export const CATEGORY_PICK = new WeightedPick(
  CATEGORIES.map((_, i) => i),
  products.categories.map((c) => c.weight),
);

export function productBySku(sku: string): Product {
  const p = PRODUCTS.find((x) => x.sku === sku);
  if (!p) throw new Error(`Demo catalogue has no product ${sku}`);
  return p;
}

export interface NameGroup {
  origin: string;
  language: string | null;
  first: string[];
  last: string[];
  /** Names written in Chinese characters, with the romanised handle used for their email. */
  hanzi: [string, string][];
  /** First names of women, who carry a surname's feminine form. */
  female: ReadonlySet<string>;
  /** Surnames (as in `last`) whose form for women differs: Ó Briain → Ní Bhriain, Wiśniewski → Wiśniewska. */
  feminine: Readonly<Record<string, string>>;
}

/** A JSON object's string-valued entries (the JSON import types absent keys of other groups as undefined). */
function stringEntries(o: object | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(o ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export const NAME_GROUPS: NameGroup[] = names.groups.map((g) => ({
  origin: g.origin,
  language: g.language,
  first: g.first,
  last: g.last,
  hanzi: ('hanzi' in g ? (g.hanzi as string[][]) : []).map(([h, l]) => [h!, l!] as [string, string]),
  female: new Set('female' in g ? (g.female as string[]) : []),
  feminine: stringEntries('feminine' in g ? g.feminine : undefined),
}));
export const NAME_GROUP_PICK = new WeightedPick(
  NAME_GROUPS,
  names.groups.map((g) => g.weight),
);
export const LONG_NAMES = names.longNames as [string, string][];

export const NOTES = notes;
export type NoteKey = keyof typeof notes.interaction;

export const CLERKS = staff.clerks.map((c) => ({ name: c.name, role: c.role as Role }));
export const TERMINALS = staff.terminals;
export const DEMO_PIN = staff.pin;
