// One colour per outcome, for every chart of outcomes: the back office's charts and the PDF report read this table,
// so a colour means the same outcome on the screen and on paper. Colour-blind-safe enough, and each series is also
// named in the legend and the table.
import type { InteractionOutcome } from './domain';

export const OUTCOME_COLOUR: Readonly<Record<InteractionOutcome, string>> = {
  resolved: '#2e7d4f',
  follow_up: '#c77c12',
  escalated: '#6f4bb2',
  unresolved: '#c0392b',
};
