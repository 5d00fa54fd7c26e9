import { documentAccess } from './documents';
import { ROUND_TYPE_IDS } from './model';
import { ROLES } from './room/state';
import { WORKSPACE_TOOLS, workspacePreset } from './workspace';

describe('workspace presets', () => {
  it('opens code rounds on the pad, design rounds on the board and the sheet, stories on the sheet', () => {
    expect(workspacePreset('coding-screen')).toEqual(['pad']);
    expect(workspacePreset('system-design')).toEqual(['board', 'sheet']);
    expect(workspacePreset('low-level-design')).toEqual(['board', 'pad']);
    expect(workspacePreset('behavioral')).toEqual(['sheet']);
    expect(workspacePreset('recruiter-screen')).toEqual([]);
  });

  it('opens only tools every person of the room may at least read, each once', () => {
    for (const roundType of ROUND_TYPE_IDS) {
      const tools = workspacePreset(roundType);
      expect(new Set(tools).size).toBe(tools.length);
      for (const tool of tools) {
        expect(WORKSPACE_TOOLS).toContain(tool);
        for (const role of ROLES) expect(documentAccess(tool, role)).not.toBeNull();
      }
    }
  });
});
