// The workspace's sheet: a short shared document of named sections that the candidate fills in
// as they frame the problem. In a design round the sections are a senior answer's requirements;
// in a deep dive or a behavioural round they are the parts of a decision told well. A section
// left empty when the round ends is evidence too: the feedback says it was never written down.
import type { RoundTypeId } from './model';

export const SHEET_KINDS = ['requirements', 'decision'] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

export interface SheetSection {
  /** The name of the section's text in the shared document. */
  id: string;
  label: string;
  /** What belongs in it, shown while it is empty. */
  hint: string;
}

export interface SheetTemplate {
  kind: SheetKind;
  title: string;
  sections: readonly SheetSection[];
}

const REQUIREMENTS: SheetTemplate = {
  kind: 'requirements',
  title: 'Requirements sheet',
  sections: [
    {
      id: 'functional',
      label: 'Functional requirements',
      hint: 'What the system must do for its users, the core flows first.',
    },
    {
      id: 'non-goals',
      label: 'Non-goals',
      hint: 'What this design deliberately leaves out, so the scope stays honest.',
    },
    {
      id: 'assumptions',
      label: 'Assumptions',
      hint: 'What you are taking as given without confirming it, and what would change if wrong.',
    },
    {
      id: 'scale',
      label: 'Constraints and scale',
      hint: 'Users, requests per second, data size and growth, latency and availability targets.',
    },
    {
      id: 'api',
      label: 'API',
      hint: 'The calls clients make: names, inputs, outputs, errors.',
    },
    {
      id: 'data-model',
      label: 'Data model',
      hint: 'The entities, their keys, how they relate, and where each is stored.',
    },
    {
      id: 'failure',
      label: 'Failure and risks',
      hint: 'What breaks, how you notice, what the user sees, and how it recovers.',
    },
    {
      id: 'rollout',
      label: 'Rollout',
      hint: 'How it ships safely: migration, flags, metrics to watch, the way back.',
    },
  ],
};

const DECISION: SheetTemplate = {
  kind: 'decision',
  title: 'Decision notes',
  sections: [
    {
      id: 'context',
      label: 'Context',
      hint: 'The team, the system and the situation before the decision.',
    },
    {
      id: 'stakes',
      label: 'Stakes',
      hint: 'What was at risk, for whom, and why it had to be decided then.',
    },
    {
      id: 'decision',
      label: 'Decision',
      hint: 'What you decided, and your own part in it.',
    },
    {
      id: 'alternatives',
      label: 'Alternatives',
      hint: 'The options you weighed and why each lost.',
    },
    {
      id: 'outcome',
      label: 'Outcome',
      hint: 'What happened, with a number if there is one.',
    },
    {
      id: 'changed-after',
      label: 'What changed after',
      hint: 'What you or the team do differently since.',
    },
  ],
};

export const SHEET_TEMPLATES: Record<SheetKind, SheetTemplate> = {
  requirements: REQUIREMENTS,
  decision: DECISION,
};

/** The rounds whose story is one decision; every other round frames a problem to build. */
const DECISION_ROUNDS: readonly RoundTypeId[] = [
  'project-deep-dive',
  'behavioral',
  'hiring-manager',
  'executive',
];

/** The sheet a round of `roundType` uses, whether or not it opens with it. */
export const sheetTemplate = (roundType: RoundTypeId): SheetTemplate =>
  SHEET_TEMPLATES[DECISION_ROUNDS.includes(roundType) ? 'decision' : 'requirements'];

/** A section as the round left it. */
export interface SheetSectionFeedback {
  id: string;
  label: string;
  text: string;
}

/** The sheet in the feedback: every section's text, and the ones never written down. */
export interface SheetFeedback {
  kind: SheetKind;
  title: string;
  sections: SheetSectionFeedback[];
  /** Labels of the sections left empty, in the sheet's order. */
  neverWritten: string[];
}

/**
 * The sheet as the feedback shows it, from each section's text; null when the round neither
 * opened the sheet nor had anything written in it, so a coding round is not told it skipped one.
 */
export function sheetFeedback(
  template: SheetTemplate,
  opensWithSheet: boolean,
  textOf: (sectionId: string) => string,
): SheetFeedback | null {
  const sections = template.sections.map(({ id, label }) => ({ id, label, text: textOf(id) }));
  const written = sections.filter((section) => section.text.trim() !== '');
  if (!opensWithSheet && written.length === 0) return null;
  return {
    kind: template.kind,
    title: template.title,
    sections,
    neverWritten: sections
      .filter((section) => section.text.trim() === '')
      .map((section) => section.label),
  };
}
