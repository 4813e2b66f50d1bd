// The communication styles in two lines each: how a clerk recognises one at the counter, and how to talk to it.
// The texts live in the catalogues (styleGuide.<style>): the profile's edit form shows them next to each choice, and
// the profile next to the style it shows. This is the English one, for the tests. The playbook's texts per style
// follow the same lines.
import type { CommunicationStyle } from './domain';
import en from './i18n/en.json' with { type: 'json' };

export interface StyleGuide {
  /** The style's name as the profile shows it: "Style: Green". */
  name: string;
  recognise: string;
  approach: string;
}

export const STYLE_GUIDE: Record<CommunicationStyle, StyleGuide> = en.styleGuide;
