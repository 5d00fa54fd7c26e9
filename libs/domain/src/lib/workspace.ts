// The tools of a room's workspace, and which of them a round opens with. The interviewer and the
// candidate can open any other at any time; a preset only saves the first clicks and says what
// the round is mostly about.
import type { DocumentId } from './documents';
import type { RoundTypeId } from './model';
import type { WorkspaceSettings } from './room/state';

/** The documents a room offers as tools, in the order the workspace lists them. */
export const WORKSPACE_TOOLS = ['pad', 'board', 'sheet'] as const satisfies readonly DocumentId[];
export type WorkspaceTool = (typeof WORKSPACE_TOOLS)[number];

export const WORKSPACE_TOOL_LABELS: Record<WorkspaceTool, string> = {
  pad: 'Code',
  board: 'Board',
  sheet: 'Sheet',
};

/**
 * What each round opens, the tool it is mostly about first. Code rounds write; design rounds draw
 * and write their requirements down (low-level design draws the classes and codes their
 * interfaces); a deep dive or a behavioural round tells one decision on the sheet; the other
 * conversation rounds open nothing, since their evidence is what is said.
 */
const PRESETS: Record<RoundTypeId, readonly WorkspaceTool[]> = {
  'recruiter-screen': [],
  'hiring-manager': [],
  'online-assessment': ['pad'],
  'coding-screen': ['pad'],
  'practical-coding': ['pad'],
  'code-review': ['pad'],
  'low-level-design': ['board', 'pad'],
  'system-design': ['board', 'sheet'],
  'project-deep-dive': ['sheet', 'board'],
  behavioral: ['sheet'],
  'product-cross-functional': ['board'],
  executive: [],
};

/** The tools a round of `roundType` opens with. */
export const workspacePreset = (roundType: RoundTypeId): readonly WorkspaceTool[] =>
  PRESETS[roundType];

/** A change of the workspace's settings in words, as the timeline and the room announce it. */
export function describeWorkspaceChange(change: Partial<WorkspaceSettings>): string {
  const said: string[] = [];
  if (change.padLocked !== undefined) {
    said.push(change.padLocked ? 'Locked the pad' : 'Unlocked the pad');
  }
  if (change.interviewerDraws !== undefined) {
    said.push(
      change.interviewerDraws
        ? 'Drawing on the board with the candidate'
        : 'Left the drawing to the candidate',
    );
  }
  return said.join('; ');
}
