// The communication styles in two lines each: how a clerk recognises one at the counter, and how to talk to it.
// The one place these texts live: the profile's edit form shows them next to each choice, and the profile next to
// the style it shows. The playbook's texts per style follow the same lines.
import type { CommunicationStyle } from './domain';

export interface StyleGuide {
  /** The style's name as the profile shows it: "Style: Green". */
  name: string;
  recognise: string;
  approach: string;
}

export const STYLE_GUIDE: Record<CommunicationStyle, StyleGuide> = {
  blue: {
    name: 'Blue',
    recognise: 'Talks about people and feelings, asks how you are, wants to be listened to.',
    approach: 'Be warm and personal: use their name, listen first, say how you will look after them.',
  },
  green: {
    name: 'Green',
    recognise: 'Asks precise questions, wants facts, specifications and reasons, distrusts sales talk.',
    approach: 'Be factual and concise: give the figures and the why, then let them decide.',
  },
  gold: {
    name: 'Gold',
    recognise: 'Brings the receipt, asks about the policy, the steps, dates and guarantees.',
    approach: 'Be clear and orderly: explain the procedure, give dates and keep every promise.',
  },
  orange: {
    name: 'Orange',
    recognise: 'In a hurry, upbeat, wants it sorted now, likes a deal or something new.',
    approach: 'Be quick and upbeat: get to the point and offer the fastest way.',
  },
  unknown: {
    name: 'Not known yet',
    recognise: 'Not noticed yet, or the signs are mixed: always a fair choice.',
    approach: 'Stay friendly and neutral; set a style once you notice one.',
  },
};
